// Keys over the life of an issuer, through the real command: rotation and retirement verified over HTTP, keys in a
// signer module instead of files, and the private keys never in any output or on the published site.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair } from '@microcert/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStaticServer } from '../src/lib/static-server.js'
import { DATA, jsonLines, microcert, tempDir, type RunResult } from './helpers/run.js'

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname

let dir: string
let server: Awaited<ReturnType<typeof startStaticServer>>
let registry: string
let did: string

beforeAll(async () => {
  dir = await tempDir()
  await mkdir(join(dir, 'site'))
  server = await startStaticServer(join(dir, 'site'), { port: 0 })
  registry = `http://localhost:${server.port}`
  did = `did:web:localhost%3A${server.port}`
}, 60_000)

afterAll(async () => {
  await server?.close()
})

/** Every file under `root`, as text. */
async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(join(entry.parentPath, entry.name), 'utf8'))
  }
  return out
}

describe('microcert key rotate / retire (a directory store, keys in files)', () => {
  it('rotates, keeps both generations verifying over HTTP, retires the old key, and never shows a private key', async () => {
    const store = join(dir, 'issuer')
    const site = join(dir, 'site')
    const outputs: RunResult[] = []
    const run = async (args: string[], expected = 0) => {
      const r = await microcert(args)
      outputs.push(r)
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(expected)
      return r
    }
    const ids = async (course: string) =>
      jsonLines((await run(['issue', store, '--csv', join(DATA, 'learners', `${course}.csv`), '--achievement', join(DATA, 'courses', `${course}.json`), '--json'])).stdout).map(
        (line) => String(line['certificateId']),
      )
    const verify = async (id: string, expected: number) =>
      JSON.parse((await run(['verify', id, '--registry', registry, '--allow-localhost-http', '--json'], expected)).stdout) as { status: string; checks: { code?: string; outcome: string }[] }

    await run(['init', store, '--did', did, '--name', 'Test University', '--country', 'CZ', '--url', registry])
    const first = await ids('plastics')
    const rotated = await run(['key', 'rotate', store])
    expect(rotated.stdout).toContain(`${did}#key-2`)
    const second = await ids('applied-ai')
    await run(['publish', store, '--out', site])
    const keys = jsonLines((await run(['key', 'list', store, '--json'])).stdout)
    expect(keys.map((k) => [k['kid'], k['active'], k['holder']])).toEqual([
      [`${did}#key-1`, false, 'file'],
      [`${did}#key-2`, true, 'file'],
    ])
    expect((await verify(first[0]!, 0)).status).toBe('verified')
    expect((await verify(second[0]!, 0)).status).toBe('verified')

    const retired = await run(['key', 'retire', store, `${did}#key-1`])
    expect(retired.stdout).toContain(`the ${first.length} credentials it signed fail to verify`)
    for (const id of first) expect(retired.stdout).toContain(id)
    const active = await run(['key', 'retire', store, `${did}#key-2`], 1)
    expect(active.stderr).toMatch(/rotate to a new key first.*ERR_STATE_CONFLICT/)
    await run(['publish', store, '--out', site])
    const failed = await verify(first[0]!, 1)
    expect(failed.status).toBe('failed')
    expect(failed.checks.find((c) => c.outcome === 'failed')?.code).toBe('ERR_KEY_NOT_FOUND')
    expect((await verify(second[0]!, 0)).status).toBe('verified')
    await run(['list', store, '--csv'])
    await run(['list', store])
    await run(['revoke', store, second[1]!, '--reason', 'test', '--json'])
    await run(['issue', store, '--input', join(dir, 'missing.json')], 1)

    // Both private keys: 0600 files, and not a trace of them in any output or in the site.
    const secrets: string[] = []
    for (const name of ['key-1.private.jwk', 'key-2.private.jwk']) {
      const file = join(store, 'keys', name)
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      secrets.push((JSON.parse(await readFile(file, 'utf8')) as { d: string }).d)
    }
    const published = await filesUnder(site)
    expect(published.length).toBeGreaterThan(20)
    for (const d of secrets) {
      expect(d.length).toBeGreaterThan(20)
      for (const { stdout, stderr } of outputs) expect(stdout + stderr).not.toContain(d)
      for (const text of published) expect(text).not.toContain(d)
    }
  }, 240_000)
})

describe('microcert with a signer module (the key stays outside the store)', () => {
  it('inits with --public-key and --signer, then signs through MICROCERT_SIGNER, and says when it is missing', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256')
    const secret = join(dir, 'hsm-key.jwk')
    await writeFile(secret, JSON.stringify(privateJwk), { mode: 0o600 })
    await writeFile(join(dir, 'hsm-key.pub.jwk'), JSON.stringify(publicJwk))
    const store = join(dir, 'signer-issuer')
    const env = { TEST_SIGNER_KEY: secret }
    const init = await microcert(
      ['init', store, '--public-key', join(dir, 'hsm-key.pub.jwk'), '--signer', join(FIXTURES, 'file-signer.mjs'), '--did', 'did:web:uni.example', '--name', 'U', '--country', 'CZ', '--url', 'https://uni.example'],
      { env },
    )
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('held by the signer')
    expect((await readdir(join(store, 'keys'))).filter((name) => name.includes('private'))).toEqual([])
    const args = ['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json')]
    const missing = await microcert(args)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/held by a signer outside the store.*ERR_KEY_FILE_MISSING[\s\S]*MICROCERT_SIGNER/)
    const issued = await microcert(args, { env: { ...env, MICROCERT_SIGNER: join(FIXTURES, 'file-signer.mjs') } })
    expect(issued.code, issued.stderr).toBe(0)
    const noFactory = await microcert(args, { env: { ...env, MICROCERT_SIGNER: join(FIXTURES, 'no-factory.mjs') } })
    expect(noFactory.code).toBe(1)
    expect(noFactory.stderr).toMatch(/exports no signer factory/)
    const notThere = await microcert(args, { env: { MICROCERT_SIGNER: './nowhere/signer.mjs' } })
    expect(notThere.code).toBe(1)
    expect(notThere.stderr).toMatch(/signer module ".\/nowhere\/signer.mjs" (was not found|could not be loaded)/)
  }, 120_000)

  it('refuses --public-key without --signer and a private key given as the public key (ERR_KEY_INVALID, nothing quoted)', async () => {
    const { privateJwk } = await generateKeyPair('ES256')
    await writeFile(join(dir, 'oops.jwk'), JSON.stringify(privateJwk), { mode: 0o600 })
    const base = ['--did', 'did:web:uni.example', '--name', 'U', '--country', 'CZ', '--url', 'https://uni.example']
    const alone = await microcert(['init', join(dir, 'a'), '--public-key', join(dir, 'oops.jwk'), ...base])
    expect(alone.code).toBe(2)
    const wrong = await microcert(['init', join(dir, 'b'), '--public-key', join(dir, 'oops.jwk'), '--signer', join(FIXTURES, 'file-signer.mjs'), ...base])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/private key where a public key is expected.*ERR_KEY_INVALID/)
    expect(wrong.stdout + wrong.stderr).not.toContain(privateJwk.d!)
  }, 60_000)
})
