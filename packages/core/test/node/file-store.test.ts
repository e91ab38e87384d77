// The directory store: the conformance suite, plus what only a directory has (its lock, its files, damage to them).
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createIssuer, openIssuer } from '../../src/node/index.js'
import type { CreateIssuerOptions, Issuer } from '../../src/node/index.js'
import { codeOf, courseInput, ISSUER, tempDir } from './helpers.js'
import { describeStoreConformance } from './store-conformance.js'

describeStoreConformance({
  name: 'directory',
  async place() {
    const { dir, cleanup } = tempDir()
    const location = join(dir, 'store')
    return { location, options: {}, keyFile: join(location, 'keys', 'key-1.private.jwk'), scratch: dir, cleanup: async () => cleanup() }
  },
})

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}, 60_000)

async function fresh(options: Partial<CreateIssuerOptions> = {}): Promise<{ issuer: Issuer; dir: string; root: string }> {
  const { dir: root, cleanup } = tempDir()
  cleanups.push(cleanup)
  const dir = join(root, 'store')
  const issuer = await createIssuer(dir, { ...ISSUER, ...options })
  cleanups.push(() => issuer.close())
  return { issuer, dir, root }
}

describe('directory store files', () => {
  it('keeps the private key only in its 0600 key file, never in issuer.json', async () => {
    const { issuer, dir } = await fresh()
    expect(issuer.location).toBe(dir)
    const d = (JSON.parse(readFileSync(join(dir, 'keys', 'key-1.private.jwk'), 'utf8')) as { d: string }).d
    expect(readFileSync(join(dir, 'issuer.json'), 'utf8')).not.toContain(d)
    expect(JSON.parse(readFileSync(join(dir, 'keys', 'key-1.public.jwk'), 'utf8'))).not.toHaveProperty('d')
  })

  it('keeps the key file at an explicit keyFile outside the directory', async () => {
    const { dir: root, cleanup } = tempDir()
    cleanups.push(cleanup)
    const keyFile = join(root, 'secrets', 'issuer.private.jwk')
    const issuer = await createIssuer(join(root, 'store'), { ...ISSUER, keyFile })
    await issuer.close()
    expect(existsSync(join(root, 'store', 'keys', 'key-1.private.jwk'))).toBe(false)
    expect(JSON.parse(readFileSync(join(root, 'store', 'issuer.json'), 'utf8'))).toMatchObject({ version: 2, keys: [{ privateKeyFile: keyFile, active: true }] })
    const reopened = await openIssuer(join(root, 'store'))
    await reopened.close()
  })

  it('reports ERR_STORE_LOCKED while another Issuer holds the store, and opens after close', async () => {
    const { issuer, dir } = await fresh()
    expect(await codeOf(openIssuer(dir))).toBe('ERR_STORE_LOCKED')
    await issuer.close()
    const again = await openIssuer(dir)
    await again.close()
  })

  it('says at once when this same process holds the store already (not a wait for a lock that never comes)', async () => {
    const { issuer, dir } = await fresh()
    const error = await openIssuer(dir, { lockTimeout: 60_000 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_STORE_LOCKED', details: { reason: 'same-process', pid: process.pid } })
    expect((error as Error).message).toMatch(/This process has the issuer store open already/)
    await issuer.close()
    const again = await openIssuer(dir)
    await again.close()
  })

  it('takes over a lock left behind by an earlier process that had the same pid as this one', async () => {
    const { issuer, dir } = await fresh()
    await issuer.close()
    writeFileSync(join(dir, 'store.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), nonce: 'earlier', since: '' }))
    const reopened = await openIssuer(dir)
    await reopened.close()
  })

  it('opens a store written before key rotation (issuer.json version 1, records without kid), and rotating rewrites it as version 2', async () => {
    const { issuer, dir } = await fresh()
    const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2, { id: 'https://uni.example/microcerts/achievements/other' })])).issued
    await issuer.close()
    downgradeToVersion1(dir)
    const reopened = await openIssuer(dir)
    cleanups.push(() => reopened.close())
    expect(await reopened.get(a!.certificateId)).toEqual(a)
    expect(reopened.keys).toMatchObject([{ kid: `${ISSUER.did}#key-1`, active: true, holder: 'file' }])
    const other: string[] = []
    for await (const record of reopened.list({ course: 'https://uni.example/microcerts/achievements/other' })) other.push(record.certificateId)
    expect(other).toEqual([b!.certificateId])
    await reopened.rotateKey()
    const config = JSON.parse(readFileSync(join(dir, 'issuer.json'), 'utf8')) as { version: number; keys: { kid: string; privateKeyFile: string; active: boolean }[] }
    expect(config.version).toBe(2)
    expect(config.keys).toMatchObject([
      { kid: `${ISSUER.did}#key-1`, privateKeyFile: 'keys/key-1.private.jwk', active: false },
      { kid: `${ISSUER.did}#key-2`, privateKeyFile: 'keys/key-2.private.jwk', active: true },
    ])
    expect(statSync(join(dir, 'keys', 'key-2.private.jwk')).mode & 0o777).toBe(0o600)
  })

  it('takes over a lock left behind by a process that no longer runs', async () => {
    const { issuer, dir } = await fresh()
    await issuer.close()
    writeFileSync(join(dir, 'store.lock'), JSON.stringify({ pid: 2 ** 22 + 12_345, hostname: hostname(), nonce: 'dead', since: '' }))
    const reopened = await openIssuer(dir)
    await reopened.close()
    expect(existsSync(join(dir, 'store.lock'))).toBe(false)
  })

  it('releases the lock when opening fails on the key file', async () => {
    const { issuer, dir } = await fresh()
    await issuer.close()
    writeFileSync(join(dir, 'keys', 'key-1.private.jwk'), 'not json')
    expect(await codeOf(openIssuer(dir))).toBe('ERR_KEY_INVALID')
    expect(existsSync(join(dir, 'store.lock'))).toBe(false)
  })
})

/**
 * Rewrites a store in the layout of the version before key rotation: issuer.json version 1 (one key), record lines
 * without `kid` and `achievementId`, the journal's segment checksums updated to match.
 */
function downgradeToVersion1(dir: string): void {
  const config = JSON.parse(readFileSync(join(dir, 'issuer.json'), 'utf8')) as Record<string, any>
  const key = config['keys'][0]
  const { keys: _keys, proof: _proof, ...rest } = config
  writeFileSync(join(dir, 'issuer.json'), JSON.stringify({ ...rest, version: 1, kid: key.kid, alg: key.alg, privateKeyFile: key.privateKeyFile, publicJwk: key.publicJwk }))
  const sums = new Map<string, string>()
  for (const name of readdirSync(join(dir, 'records'))) {
    const path = join(dir, 'records', name)
    const text = readFileSync(path, 'utf8').replace(/,"kid":"[^"]*","achievementId":"[^"]*"/g, '')
    writeFileSync(path, text)
    sums.set(name, createHash('sha256').update(text).digest('hex'))
  }
  const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const entry = JSON.parse(line) as { op: string; segment?: string; sha256?: string }
      return JSON.stringify(entry.op === 'commit' ? { ...entry, sha256: sums.get(entry.segment!) } : entry)
    })
  writeFileSync(join(dir, 'journal.jsonl'), journal.join('\n') + '\n')
}

describe('damaged stores', () => {
  it('reports ERR_STORE_CORRUPT for a damaged record file', async () => {
    const { issuer, dir } = await fresh()
    await issuer.issueBatch([courseInput(1), courseInput(2)])
    await issuer.close()
    const [segment] = readdirSync(join(dir, 'records'))
    const path = join(dir, 'records', segment!)
    writeFileSync(path, readFileSync(path, 'utf8').replace('"statusIndex":', '"statusIndex":1'))
    const error = await openIssuer(dir).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_STORE_CORRUPT', details: { reason: 'record-corrupt' } })
  })

  it('reports ERR_STORE_CORRUPT for a missing record file', async () => {
    const { issuer, dir } = await fresh()
    await issuer.issue(courseInput(1))
    await issuer.close()
    unlinkSync(join(dir, 'records', readdirSync(join(dir, 'records'))[0]!))
    expect(await openIssuer(dir).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_CORRUPT', details: { reason: 'record-missing' } })
  })

  it('reports ERR_STORE_CORRUPT for a truncated journal, and repair drops only the torn entry', async () => {
    const { issuer, dir } = await fresh()
    const record = await issuer.issue(courseInput(1))
    await issuer.close()
    appendFileSync(join(dir, 'journal.jsonl'), '{"seq":3,"at":"2026-11-29T10:00:00Z","op":"rev')
    expect(await openIssuer(dir).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_CORRUPT', details: { reason: 'journal-truncated' } })
    const repaired = await openIssuer(dir, { repair: true })
    cleanups.push(() => repaired.close())
    expect((await repaired.get(record.certificateId))?.state).toBe('active')
  })

  it('reports ERR_STORE_CORRUPT when the journal lost committed entries', async () => {
    const { issuer, dir } = await fresh()
    await issuer.issue(courseInput(1))
    await issuer.issue(courseInput(2))
    await issuer.issue(courseInput(3))
    await issuer.close()
    const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8').split('\n')
    writeFileSync(join(dir, 'journal.jsonl'), journal.slice(0, 2).join('\n') + '\n')
    expect(await openIssuer(dir).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_CORRUPT', details: { reason: 'journal-truncated' } })
  })

  it('reports ERR_STORE_CORRUPT for an unreadable configuration', async () => {
    const { issuer, dir } = await fresh()
    await issuer.close()
    writeFileSync(join(dir, 'issuer.json'), '{"format":')
    expect(await codeOf(openIssuer(dir))).toBe('ERR_STORE_CORRUPT')
  })
})

