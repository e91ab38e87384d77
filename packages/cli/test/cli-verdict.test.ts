// Issue 9 in the CLI: the verdict a person reads (cases 1, 8, 9), and a command a script can rely on (case 11).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildCredential, createSigner, generateKeyPair, signCredential } from '@microcert/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { DATA, microcert, tempDir } from './helpers/run.js'

let dir: string

/** A signed micro-credential of a fresh issuer `did` (did:jwk when none is given) with the sample course. */
async function credential(options: { did?: 'jwk' | string; name?: string; title?: string } = {}): Promise<string> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = options.did === undefined || options.did === 'jwk' ? `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}` : options.did
  const kid = did.startsWith('did:jwk:') ? `${did}#0` : `${did}#key-1`
  const input = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(DATA, 'single-credential.json'), 'utf8'))) as Record<string, any>
  input['issuer'] = { id: did, name: options.name ?? 'Univerzita Karlova', country: 'CZ' }
  if (options.title !== undefined) input['achievement']['title'] = options.title
  return signCredential(buildCredential(input as never), await createSigner(privateJwk, { kid }))
}

/** Exactly one JSON document on stdout. */
function oneResult(stdout: string): { status: string; verified: boolean; reason?: { code: string }; checks: { code?: string }[] } {
  return JSON.parse(stdout) as never
}

beforeAll(async () => {
  dir = await tempDir('mc-verdict-')
})

describe('verify: the verdict a person reads', () => {
  it('never calls a self-signed did:jwk credential verified: exit 1, "issuer is unknown", and the hint to trust it', async () => {
    const jwt = await credential()
    const r = await microcert(['verify', jwt])
    expect(r.code).toBe(1)
    const [first] = r.stdout.split('\n')
    expect(first).toMatch(/^WARNING: authentic, but the issuer is unknown: did:jwk:\S+…\S+ \(nothing outside the credential confirms it\)$/)
    expect(r.stdout).toContain('Univerzita Karlova, CZ (did:jwk:')
    expect(r.stdout).toContain('— not confirmed: the name is its own claim')
    expect(r.stdout).toContain('hint: if you know this issuer, pass --trust <its DID>')
    const json = await microcert(['verify', jwt, '--json'])
    expect(oneResult(json.stdout)).toMatchObject({ status: 'warning', verified: false, reason: { code: 'ERR_ISSUER_UNCONFIRMED' } })
  }, 30_000)

  it('names the hint when an http://localhost issuer was refused', async () => {
    const jwt = await credential({ did: 'did:web:localhost%3A9:nobody' })
    const r = await microcert(['verify', jwt, '--timeout', '3000'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^COULD NOT CHECK: /)
    expect(r.stdout).toContain('hint: http://localhost refused: pass --allow-localhost-http')
    expect(r.stdout).toContain('unverified content (no signature confirms it):')
    expect(r.stdout).not.toMatch(/^ {2}title:/m)
  }, 30_000)

  it('reports a format it cannot check as "could not check", not as forged', async () => {
    const jwt = await credential()
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
    const file = join(dir, 'data-integrity.json')
    await writeFile(file, JSON.stringify({ ...payload, proof: { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023', proofValue: 'u2V0BhVhA' } }))
    const r = await microcert(['verify', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^COULD NOT CHECK: this format cannot be checked here: .*\(ERR_PROOF_UNSUPPORTED\); this is not a forgery verdict/)
  }, 30_000)

  it('strips every invisible character (tags, Hangul fillers, variation selectors, U+2800) from the output', async () => {
    const hidden = '\u{E0001}\u{E0041}\u3164\u115F\u034F\uFE0F\u{E0100}\u2800\u200B\u202E'
    const jwt = await credential({ name: `Uni${hidden}versity`, title: `Data${hidden} Ethics` })
    const r = await microcert(['verify', jwt])
    expect(r.stdout).toContain('title:          Data Ethics')
    expect(r.stdout).toContain('University, CZ')
    expect(/[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u.test(r.stdout)).toBe(false)
  }, 30_000)
})

describe('verify --json: one JSON result on stdout for every input', () => {
  it('for an input too large (ERR_INPUT_TOO_LARGE, exit 1)', async () => {
    const file = join(dir, 'large.jwt')
    await writeFile(file, 'a'.repeat(1024 * 1024 + 1))
    const r = await microcert(['verify', file, '--json'])
    expect(r.code).toBe(1)
    expect(oneResult(r.stdout)).toMatchObject({ status: 'failed', verified: false, reason: { code: 'ERR_INPUT_TOO_LARGE' } })
    expect(r.stderr).toContain('ERR_INPUT_TOO_LARGE')
  }, 30_000)

  it('for a path that cannot be read (ERR_FILE_UNREADABLE, exit 1)', async () => {
    const folder = join(dir, 'a-folder.jwt')
    await mkdir(folder, { recursive: true })
    const r = await microcert(['verify', folder, '--json'])
    expect(r.code).toBe(1)
    expect(oneResult(r.stdout)).toMatchObject({ status: 'failed', reason: { code: 'ERR_FILE_UNREADABLE' } })
  }, 30_000)

  it('for usage errors (ERR_ARGUMENT_INVALID, exit 2): unknown option, bad value, input that is nothing', async () => {
    for (const args of [['verify', 'x.jwt', '--frob', '--json'], ['verify', 'x.jwt', '--timeout', 'soon', '--json'], ['verify', 'hello world', '--json'], ['verify', '--json']]) {
      const r = await microcert(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(oneResult(r.stdout), args.join(' ')).toMatchObject({ status: 'failed', verified: false, reason: { code: 'ERR_ARGUMENT_INVALID' } })
      expect(r.stderr).toMatch(/^error: /)
    }
  }, 60_000)

  it('for a URL that answers with a web page (a captive portal): could not check', async () => {
    const { startStaticServer } = await import('../src/lib/static-server.js')
    const site = join(dir, 'portal')
    await mkdir(site, { recursive: true })
    await writeFile(join(site, 'credential.jwt'), '<!doctype html><title>Log in to the Wi-Fi</title>')
    const server = await startStaticServer(site, { port: 0 })
    try {
      const r = await microcert(['verify', `http://127.0.0.1:${server.port}/credential.jwt`, '--json'])
      expect(r.code).toBe(1)
      expect(oneResult(r.stdout)).toMatchObject({ status: 'unknown', reason: { code: 'ERR_REGISTRY_UNREACHABLE' } })
    } finally {
      await server.close()
    }
  }, 30_000)
})

describe('init and publish print their warnings on stderr', () => {
  it('warns when the registry URL does not serve the DID document, at init and at publish', async () => {
    const store = join(dir, 'outside')
    const init = await microcert(['init', store, '--did', 'did:web:uni.example', '--name', 'Uni', '--country', 'CZ', '--url', 'https://uni.example/microcerts'])
    expect(init.code, init.stderr).toBe(0)
    expect(init.stderr).toMatch(/^warning: verifiers fetch the DID document of did:web:uni\.example from https:\/\/uni\.example\/\.well-known\/did\.json/)
    expect(init.stdout).not.toContain('warning')
    const widget = join(dir, 'widget.js')
    await writeFile(widget, 'export {}\n')
    const publish = await microcert(['publish', store, '--out', join(dir, 'outside-site'), '--widget', widget, '--json'])
    expect(publish.code, publish.stderr).toBe(0)
    expect(publish.stderr).toMatch(/^warning: The DID document of "did:web:uni\.example" belongs at/m)
    // (besides the notes that a registry under a path serves robots.txt and the JWT VC Issuer Metadata at the host's root)
    expect(JSON.parse(publish.stdout)).toMatchObject({ warnings: expect.arrayContaining([expect.stringContaining('The DID document of "did:web:uni.example"')]) })
  }, 30_000)

  it('says nothing on stderr for a did:web that the registry serves', async () => {
    const init = await microcert(['init', join(dir, 'inside'), '--did', 'did:web:uni.example:microcerts', '--name', 'Uni', '--country', 'CZ', '--url', 'https://uni.example/microcerts'])
    expect(init.code).toBe(0)
    expect(init.stderr).toBe('')
  }, 30_000)
})
