import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { extractCredentialFromPdf } from '@microcert/core'
import { openIssuer } from '@microcert/core/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { DATA, jsonLines, microcert, tempDir } from './helpers/run.js'

let dir: string
let store: string
let ids: string[]

beforeAll(async () => {
  dir = await tempDir()
  store = join(dir, 'issuer')
  const init = await microcert(['init', store, '--did', 'did:web:uni.example', '--name', 'Univerzita Příkladová', '--country', 'CZ', '--url', 'https://uni.example'])
  expect(init.code, init.stderr).toBe(0)
  const issued = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
  expect(issued.code, issued.stderr).toBe(0)
  ids = jsonLines(issued.stdout).map((l) => String(l['certificateId']))
}, 60_000)

/** Decodes the QR code inside a box of page 1 (pixels at 150 dpi), rendered by poppler's pdftoppm. */
function qrIn(path: string, box: { x: number; y: number; w: number; h: number }): string | undefined {
  const pgm = execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-gray', '-x', String(box.x), '-y', String(box.y), '-W', String(box.w), '-H', String(box.h), path])
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!
  const [width, height] = [Number(header[1]), Number(header[2])]
  const pixels = pgm.subarray(header[0].length)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i]!
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, width, height)?.data
}

// Each case starts the CLI (tsx) once or twice: slow on a loaded machine.
describe('microcert pdf', { timeout: 60_000 }, () => {
  it('writes the certificate with the signed credential of the store attached', async () => {
    const out = join(dir, 'cert.pdf')
    const r = await microcert(['pdf', store, ids[0]!.toLowerCase().replace(/-/g, ''), '--out', out, '--lang', 'cs,en', '--signatory', 'Jana Dvořáková', '--signatory-role', 'Rector'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)`))
    const pdf = new Uint8Array(await readFile(out))
    const issuer = await openIssuer(store)
    try {
      expect((await extractCredentialFromPdf(pdf)).credential).toBe((await issuer.get(ids[0]!))!.credential)
    } finally {
      await issuer.close()
    }
  })

  it('exits 2 for a language outside the 24 and for a malformed colour', async () => {
    const lang = await microcert(['pdf', store, ids[0]!, '--lang', 'cs,tlh', '--out', join(dir, 'x.pdf')])
    expect(lang.code).toBe(2)
    expect(lang.stderr).toMatch(/--lang: "tlh" is not one of the 24 EU languages/)
    const accent = await microcert(['pdf', store, ids[0]!, '--accent', 'blue'])
    expect(accent.code).toBe(2)
  })

  it('exits 1 with ERR_RECORD_NOT_FOUND for a certificate ID the store does not hold, and ERR_INPUT_INVALID for a logo that is no image', async () => {
    const missing = await microcert(['pdf', store, 'MC-7KQ4-9XJ2-PM3A-W8TD-K'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('ERR_RECORD_NOT_FOUND')
    const logo = await microcert(['pdf', store, ids[0]!, '--logo', join(DATA, 'courses', 'plastics.json'), '--out', join(dir, 'y.pdf')])
    expect(logo.code).toBe(1)
    expect(logo.stderr).toContain('ERR_INPUT_INVALID')
  })

  it("prints the learner's wallet link as a second QR code with --wallet, beside the verification one", async () => {
    const out = join(dir, 'own.pdf')
    const r = await microcert(['pdf', store, ids[1]!, '--out', out, '--wallet'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('do not publish this copy')
    // bottom right of page 1: the wallet code, then the verification code (A4 at 150 dpi)
    expect(qrIn(out, { x: 690, y: 1420, w: 240, h: 260 })).toMatch(
      new RegExp(`^openid-credential-offer://\\?credential_offer_uri=${encodeURIComponent(`https://uni.example/wallet/offers/${ids[1]}/`)}[A-Za-z0-9_-]{32}$`),
    )
    expect(qrIn(out, { x: 915, y: 1420, w: 240, h: 260 })).toBe(`https://uni.example/verify/?id=${ids[1]}`)
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('PŘIDAT DO DIGITÁLNÍ PENĚŽENKY')
    expect(text).toContain('Kód je určen jen vám')
    const lonely = await microcert(['pdf', store, ids[1]!, '--issuer-url', 'https://uni.example/wallet'])
    expect(lonely.code).toBe(2)
    expect(lonely.stderr).toContain('--issuer-url needs --wallet')
  })
})
