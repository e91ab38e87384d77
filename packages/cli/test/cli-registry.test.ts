import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStaticServer } from '../src/lib/static-server.js'
import { DATA, jsonLines, microcert, startMicrocert, tempDir } from './helpers/run.js'

// One issuer whose registry is served on 127.0.0.1 while the tests run.
let dir: string
let store: string
let site: string
let widget: string
let server: Awaited<ReturnType<typeof startStaticServer>>
let did: string
let registry: string
let ids: string[]

beforeAll(async () => {
  dir = await tempDir()
  store = join(dir, 'issuer')
  site = join(dir, 'site')
  await mkdir(site)
  widget = join(dir, 'microcert-verify.js')
  await writeFile(widget, 'export {}\n')
  server = await startStaticServer(site, { port: 0 })
  did = `did:web:localhost%3A${server.port}`
  registry = `http://localhost:${server.port}`
  const init = await microcert(['init', store, '--did', did, '--name', 'Test University', '--country', 'CZ', '--url', registry])
  expect(init.code, init.stderr).toBe(0)
  const issued = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
  expect(issued.code, issued.stderr).toBe(0)
  ids = jsonLines(issued.stdout).map((l) => String(l['certificateId']))
}, 60_000)

afterAll(async () => {
  await server?.close()
})

async function publish(): Promise<void> {
  const r = await microcert(['publish', store, '--out', site, '--widget', widget])
  expect(r.code, r.stderr).toBe(0)
}

describe('revoke, suspend, reinstate', () => {
  it('revokes with a reason (exit 0) and refuses to reinstate a revoked credential (ERR_STATE_CONFLICT, exit 1)', async () => {
    const r = await microcert(['revoke', store, ids[1]!, '--reason', 'Issued in error', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ certificateId: ids[1], state: 'revoked', reason: 'Issued in error', format: 'vc+jwt' })
    // The record without the signed credential itself (no token, no "eyJ…" header).
    expect(Object.keys(JSON.parse(r.stdout) as object)).not.toContain('jwt')
    expect(Object.keys(JSON.parse(r.stdout) as object)).not.toContain('credential')
    expect(r.stdout).not.toContain('eyJ')
    const human = await microcert(['revoke', store, ids[3]!, '--reason', 'Duplicate record'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toContain('The reason will be published')
    const back = await microcert(['reinstate', store, ids[1]!])
    expect(back.code).toBe(1)
    expect(back.stderr).toMatch(/ERR_STATE_CONFLICT/)
  }, 30_000)

  it('suspends and reinstates', async () => {
    const s = await microcert(['suspend', store, ids[2]!.toLowerCase().replaceAll('-', ''), '--reason', 'Under review', '--private-reason', '--json'])
    expect(s.code, s.stderr).toBe(0)
    expect(JSON.parse(s.stdout)).toMatchObject({ certificateId: ids[2], state: 'suspended', reason: 'Under review', publishReason: false })
    const lonely = await microcert(['suspend', store, ids[2]!, '--private-reason'])
    expect(lonely.code).toBe(2)
    expect(lonely.stderr).toContain('--private-reason needs --reason')
    const r = await microcert(['reinstate', store, ids[2]!])
    expect(r.code, r.stderr).toBe(0)
  }, 30_000)

  it('unpublish withdraws a credential from the next publish (exit 0), a second time is ERR_STATE_CONFLICT (exit 1)', async () => {
    const r = await microcert(['unpublish', store, ids[4]!, '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ certificateId: ids[4], unpublished: true })
    const again = await microcert(['unpublish', store, ids[4]!])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/ERR_STATE_CONFLICT/)
    const help = await microcert(['unpublish', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('GDPR')
    await publish()
    expect(existsSync(join(site, 'credentials', `${ids[4]}.jwt`))).toBe(false)
    expect(existsSync(join(site, 'credentials', `${ids[0]}.jwt`))).toBe(true)
  }, 30_000)

  it('exits 1 with ERR_RECORD_NOT_FOUND / ERR_CERTIFICATE_ID_INVALID for unknown or malformed IDs', async () => {
    const unknownId = ids[0]!.replace(/^MC-(.)/, (m, c: string) => `MC-${c === 'A' ? 'B' : 'A'}`)
    const typo = await microcert(['revoke', store, unknownId])
    expect(typo.code).toBe(1)
    expect(typo.stderr).toMatch(/ERR_CERTIFICATE_ID_INVALID|ERR_RECORD_NOT_FOUND/)
    const bad = await microcert(['revoke', store, 'not-an-id'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/ERR_CERTIFICATE_ID_INVALID/)
  }, 30_000)
})

describe('publish and verify', () => {
  beforeAll(publish, 30_000)

  it('writes the registry site with the widget', async () => {
    expect(await readFile(join(site, 'microcert-verify.js'), 'utf8')).toBe('export {}\n')
    expect(await readFile(join(site, 'credentials', `${ids[0]}.jwt`), 'utf8')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
  }, 30_000)

  it('verifies a certificate ID against the registry: exit 0, JSON result', async () => {
    const r = await microcert(['verify', ids[0]!, '--registry', registry, '--trust', did, '--allow-localhost-http', '--json'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const result = JSON.parse(r.stdout) as { verified: boolean; status: string; certificateId: string }
    expect(result).toMatchObject({ verified: true, status: 'verified', certificateId: ids[0] })
  }, 30_000)

  it('prints each check for a person', async () => {
    const r = await microcert(['verify', ids[0]!, '--registry', registry, '--trust', did, '--allow-localhost-http'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^VERIFIED/)
    expect(r.stdout).toContain('Plastics and Technologies for Society in the 21st Century')
    expect(r.stdout).toMatch(/ECTS: +4/)
    expect(r.stdout).toMatch(/✔ signature/)
  }, 30_000)

  it('reports a revoked credential: exit 1, ERR_CREDENTIAL_REVOKED', async () => {
    const r = await microcert(['verify', ids[1]!, '--registry', registry, '--trust', did, '--allow-localhost-http', '--json'])
    expect(r.code).toBe(1)
    const result = JSON.parse(r.stdout) as { status: string; checks: { id: string; code?: string }[] }
    expect(result.status).toBe('failed')
    expect(result.checks.find((c) => c.id === 'status')?.code).toBe('ERR_CREDENTIAL_REVOKED')
    // The published notice tells verifiers why and since when.
    expect(JSON.parse(r.stdout)).toMatchObject({ statusInfo: { purpose: 'revocation', reason: 'Issued in error', since: expect.stringMatching(/^\d{4}-/) } })
  }, 30_000)

  it('reports an untrusted issuer as a warning: exit 1', async () => {
    const r = await microcert(['verify', ids[0]!, '--registry', registry, '--trust', 'did:web:other.example', '--allow-localhost-http', '--json'])
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('warning')
  }, 30_000)

  it('trusts the issuers of a trust list, from a file or a URL', async () => {
    const list = { name: 'Test list', issuers: [{ id: did, name: 'Test University', country: 'CZ' }] }
    await writeFile(join(site, 'trust-list.json'), JSON.stringify(list))
    const fromFile = await microcert(['verify', ids[0]!, '--registry', registry, '--trust-list', join(site, 'trust-list.json'), '--allow-localhost-http', '--json'])
    expect(fromFile.code, fromFile.stdout).toBe(0)
    const fromUrl = await microcert(['verify', ids[0]!, '--registry', registry, '--trust-list', `${registry}/trust-list.json`, '--allow-localhost-http', '--json'])
    expect(fromUrl.code, fromUrl.stdout).toBe(0)
    expect(JSON.parse(fromUrl.stdout)).toMatchObject({ issuer: { id: did, trusted: true } })
  }, 30_000)

  it('reports a typo in a certificate ID before any request: exit 1', async () => {
    const typo = ids[0]!.slice(0, -3) + (ids[0]!.at(-3) === 'X' ? 'Y' : 'X') + ids[0]!.slice(-2)
    const r = await microcert(['verify', typo, '--registry', 'http://127.0.0.1:9', '--json'])
    expect(r.code).toBe(1)
    const result = JSON.parse(r.stdout) as { status: string; checks: { code?: string }[] }
    expect(result.status).toBe('failed')
    expect(result.checks.some((c) => c.code === 'ERR_CERTIFICATE_ID_INVALID')).toBe(true)
  }, 30_000)

  it('verifies a credential file, a URL and a JWT on stdin', async () => {
    const file = join(site, 'credentials', `${ids[0]}.jwt`)
    const opts = ['--trust', did, '--allow-localhost-http', '--json']
    expect((await microcert(['verify', file, ...opts])).code).toBe(0)
    expect((await microcert(['verify', `${registry}/credentials/${ids[0]}.jwt`, ...opts])).code).toBe(0)
    expect((await microcert(['verify', '-', ...opts], { stdin: await readFile(file, 'utf8') })).code).toBe(0)
    const shared = await microcert(['verify', `${registry}/verify/?id=${ids[0]}`, ...opts])
    expect(shared.code, shared.stdout).toBe(0)
    expect(JSON.parse(shared.stdout)).toMatchObject({ certificateId: ids[0] })
  }, 60_000)

  it('reports unreachable status as "could not check" (unknown), exit 1', async () => {
    const r = await microcert(['verify', ids[0]!, '--registry', 'http://127.0.0.1:9', '--json'])
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('unknown')
  }, 30_000)

  it('exits 1 for a tampered token, and 2 for text that is no input at all', async () => {
    const jwt = await readFile(join(site, 'credentials', `${ids[0]}.jwt`), 'utf8')
    const [h, p, s] = jwt.trim().split('.')
    const tampered = `${h}.${p!.slice(0, -4)}AAAA.${s}`
    const r = await microcert(['verify', tampered, '--allow-localhost-http', '--json'])
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('failed')
    const nothing = await microcert(['verify', 'hello world'])
    expect(nothing.code).toBe(2)
  }, 30_000)

  it('verifies offline against a public key file (--key)', async () => {
    const didDoc = JSON.parse(await readFile(join(site, '.well-known', 'did.json'), 'utf8')) as { verificationMethod: { publicKeyJwk: JsonWebKey }[] }
    const key = join(dir, 'key.json')
    await writeFile(key, JSON.stringify(didDoc.verificationMethod[0]!.publicKeyJwk))
    const r = await microcert(['verify', join(site, 'credentials', `${ids[0]}.jwt`), '--key', key, '--allow-localhost-http', '--json'])
    expect(JSON.parse(r.stdout)).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ id: 'signature', outcome: 'passed' })]) })
  }, 30_000)
})

describe('serve', () => {
  it('serves a site with CORS until SIGTERM, then exits 0', async () => {
    const proc = await startMicrocert(['serve', site, '--port', '0'], /http:\/\/localhost:(\d+)\//)
    const res = await fetch(`http://127.0.0.1:${proc.match[1]}/credentials/${ids[0]}.jwt`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(await proc.stop()).toBe(0)
  }, 30_000)

  it('exits 1 for a site directory that does not exist', async () => {
    const r = await microcert(['serve', join(dir, 'nope')])
    expect(r.code).toBe(1)
  }, 30_000)
})
