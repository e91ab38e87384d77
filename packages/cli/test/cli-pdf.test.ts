import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
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
      expect((await extractCredentialFromPdf(pdf)).credential).toBe((await issuer.get(ids[0]!))!.jwt)
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
})
