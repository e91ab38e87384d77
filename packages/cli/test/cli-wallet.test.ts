// `microcert offer` and `microcert serve --issue` end to end: real processes, real HTTP on 127.0.0.1, and the
// OpenWallet Foundation's wallet-side OpenID4VCI client receiving and presenting the credential.
import { readFile, writeFile } from 'node:fs/promises'
import { existsSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { createMemoryCache } from '@microcert/core'
import { verifySdJwtVc } from '@microcert/core/sd-jwt'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowLocalhostIssuers, wallet } from '../../openid4vci/test/helpers.js'
import { DATA, jsonLines, microcert, startMicrocert, tempDir } from './helpers/run.js'

const VERIFIER = 'https://employer.example'

let dir: string
let store: string
let site: string
let widget: string
let registry: string
let did: string
let ids: string[]
let server: Awaited<ReturnType<typeof startMicrocert>>

/** A port no one listens on right now (the registry URL must be known before the store is created). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

async function publish(...extra: string[]): Promise<Record<string, unknown>> {
  const r = await microcert(['publish', store, '--out', site, '--widget', widget, '--no-pdf', '--wallet-issuer', `${registry}/wallet`, '--json', ...extra], { timeoutMs: 120_000 })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Record<string, unknown>
}

beforeAll(async () => {
  allowLocalhostIssuers()
  dir = await tempDir()
  store = join(dir, 'issuer')
  site = join(dir, 'site')
  widget = join(dir, 'microcert-verify.js')
  await writeFile(widget, 'export {}\n')
  const port = await freePort()
  registry = `http://localhost:${port}`
  did = `did:web:localhost%3A${port}`
  const init = await microcert(['init', store, '--did', did, '--name', 'Test University', '--country', 'CZ', '--url', registry])
  expect(init.code, init.stderr).toBe(0)
  const issued = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
  expect(issued.code, issued.stderr).toBe(0)
  ids = jsonLines(issued.stdout).map((l) => String(l['certificateId']))
  await publish()
  server = await startMicrocert(['serve', site, '--issue', store, '--port', String(port)], /Press Ctrl\+C/)
}, 180_000)

afterAll(async () => {
  await server?.stop()
})

/** Presents `sdJwt` with only the course and the name, and has a verifier with no cached status list check it. */
async function present(learner: ReturnType<typeof wallet>, sdJwt: string, nonce: string) {
  const presentation = await learner.present(sdJwt, ['name'], { nonce, aud: VERIFIER })
  return verifySdJwtVc(presentation, { nonce, audience: VERIFIER, allowInsecureLocalhost: true, trustedIssuers: [did], timeout: 5_000, cache: createMemoryCache() })
}

function qrOf(png: Buffer): string | undefined {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

describe('microcert publish --no-pdf', () => {
  it('writes share pages but no PDF, and the wallet files', async () => {
    const report = await publish()
    expect(report).toMatchObject({ pdfs: 0, pdfsWritten: 0, sharePages: ids.length * 2, tokenStatusLists: 1 })
    expect(readdirSync(join(site, 'credentials')).filter((name) => name.endsWith('.pdf'))).toEqual([])
    expect(existsSync(join(site, 'status', '0.tsl.jwt'))).toBe(true)
  }, 120_000)

  it('exits 2 for a language that is not one of the 24, naming the option', async () => {
    const r = await microcert(['publish', store, '--out', site, '--widget', widget, '--share-lang', 'cs,xx'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--share-lang: "xx" is not one of the 24 EU languages')
  }, 60_000)
})

describe('microcert offer + serve --issue', () => {
  it('prints a single-use offer that a wallet redeems at the running server; the credential verifies', async () => {
    const png = join(dir, 'offer.png')
    const r = await microcert(['offer', store, ids[0]!, '--json', '--png', png, '--issuer-url', `${registry}/wallet`])
    expect(r.code, r.stderr).toBe(0)
    const offer = JSON.parse(r.stdout) as { uri: string; expiresAt: string; credentialIssuer: string }
    expect(offer.uri.startsWith('openid-credential-offer://?credential_offer=')).toBe(true)
    expect(offer.credentialIssuer).toBe(`${registry}/wallet`)
    expect(qrOf(await readFile(png))).toBe(offer.uri)
    const learner = wallet()
    const sdJwt = await learner.receive(offer.uri)
    expect((await present(learner, sdJwt, 'n-1')).status).toBe('verified')
    await expect(wallet().receive(offer.uri)).rejects.toThrow()
  }, 60_000)

  it('protects an offer with a PIN and prints a terminal QR code for a person', async () => {
    const r = await microcert(['offer', store, ids[1]!, '--pin', '--png', join(dir, 'pin.png')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/[▀▄█]/)
    const uri = /^(openid-credential-offer:\/\/\S+)$/m.exec(r.stdout)![1]!
    const pin = /PIN: (\d{6})/.exec(r.stdout)![1]!
    const learner = wallet()
    const sdJwt = await learner.receive(uri, pin)
    expect((await present(learner, sdJwt, 'n-2')).status).toBe('verified')
  }, 60_000)

  it("prints the learner's wallet link, whose share page and QR code reach the server", async () => {
    const r = await microcert(['offer', store, ids[2]!, '--link', '--json', '--png', join(dir, 'link.png')])
    expect(r.code, r.stderr).toBe(0)
    const link = JSON.parse(r.stdout) as { uri: string; offerUrl: string; sharePage: string }
    expect(link.sharePage).toMatch(new RegExp(`^${registry}/credentials/${ids[2]}/#wallet=[A-Za-z0-9_-]{32}$`))
    expect(link.uri).toBe(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(link.offerUrl)}`)
    const page = await (await fetch(link.sharePage)).text()
    expect(page).toContain(`data-offers="${registry}/wallet/offers/${ids[2]}/"`)
    const qr = await fetch(`${link.offerUrl}/qr.png`)
    expect(qr.headers.get('content-type')).toBe('image/png')
    expect(qrOf(Buffer.from(await qr.arrayBuffer()))).toBe(link.uri)
    for (const nonce of ['n-3', 'n-4']) {
      const learner = wallet()
      expect((await present(learner, await learner.receive(link.uri), nonce)).status).toBe('verified')
    }
  }, 60_000)

  it('serves what wallets fetch with their media types', async () => {
    const type = async (path: string) => (await fetch(`${registry}${path}`)).headers.get('content-type')
    expect(await type('/status/0.tsl.jwt')).toBe('application/statuslist+jwt')
    expect(await type('/vct/micro-credential')).toBe('application/json; charset=utf-8')
    expect(await type('/.well-known/jwt-vc-issuer')).toBe('application/json; charset=utf-8')
    expect(await (await fetch(`${registry}/.well-known/openid-credential-issuer/wallet`)).json()).toMatchObject({ credential_issuer: `${registry}/wallet` })
  }, 30_000)

  it('keeps the store free while serving: revoke and publish work, the wallet credential then fails, and no new offer is made', async () => {
    const learner = wallet()
    const offer = JSON.parse((await microcert(['offer', store, ids[3]!, '--json', '--png', join(dir, 'x.png')])).stdout) as { uri: string }
    const sdJwt = await learner.receive(offer.uri)
    const revoke = await microcert(['revoke', store, ids[3]!, '--reason', 'issued in error'])
    expect(revoke.code, revoke.stderr).toBe(0)
    await publish()
    const result = await present(learner, sdJwt, 'n-5')
    expect(result.checks.find((check) => check.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    const refused = await microcert(['offer', store, ids[3]!])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('ERR_STATE_CONFLICT')
  }, 180_000)

  it('exits 2 for options that do not go together', async () => {
    const both = await microcert(['offer', store, ids[0]!, '--link', '--pin'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--link makes a reusable link')
    const lonely = await microcert(['serve', site, '--state', dir])
    expect(lonely.code).toBe(2)
    expect(lonely.stderr).toContain('--state needs --issue')
    const unknown = await microcert(['offer', store, 'MC-7KQ4-9XJ2-PM3A-W8TD-K'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('ERR_RECORD_NOT_FOUND')
  }, 60_000)
})
