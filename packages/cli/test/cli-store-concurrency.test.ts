// Four machines' worth of `microcert issue` into one PostgreSQL store at once, from overlapping CSV files, while a
// fifth process revokes at random. Afterwards: exactly the unique rows, distinct status indexes, every revocation in
// the published lists, and a published site that verifies like the directory store's.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryCache, decodeStatusList, getStatusBit, lookupCredential } from '@microcert/core'
import { openIssuer, type IssuedRecord } from '@microcert/core/node'
import { startStaticServer } from '../src/lib/static-server.js'
import { fileDatabase } from './helpers/postgres.js'
import { DATA, microcert, tempDir } from './helpers/run.js'

const ISSUERS = 4
const ROWS_EACH = 2500
const SHIFT = 1250
const UNIQUE = SHIFT * (ISSUERS - 1) + ROWS_EACH

const database = fileDatabase()
let dir: string
let url: string
let server: Awaited<ReturnType<typeof startStaticServer>>
beforeAll(async () => {
  dir = await tempDir('mc-cli-concurrency-')
  await mkdir(join(dir, 'site'))
  server = await startStaticServer(join(dir, 'site'), { port: 0 })
})
beforeEach(async () => {
  url = await database.url()
}, 120_000)
afterAll(async () => {
  await server?.close()
  await database.drop()
}, 60_000)

function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy
}

/** The CSV of issuer `p`: learners p·1250 … p·1250+2499 in a random order, so the files overlap and race. */
function csvOf(p: number): string {
  const learners = Array.from({ length: ROWS_EACH }, (_, i) => p * SHIFT + i)
  return ['learner.name,learner.studentId,grade', ...shuffled(learners).map((i) => `Learner ${i},S-${String(i).padStart(6, '0')},passed`)].join('\n') + '\n'
}

const require = createRequire(import.meta.url)
const TSX = pathToFileURL(require.resolve('tsx')).href

function revoker(stopFile: string): { done: Promise<string[]> } {
  const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, fileURLToPath(new URL('./fixtures/revoke-at-random.ts', import.meta.url)), url, stopFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
  return {
    done: new Promise((resolve, reject) =>
      child.on('close', (code) => {
        if (code !== 0 || !out.includes('"done":true')) reject(new Error(`revoker exited ${code}: ${err}`))
        else resolve(out.split('\n').filter((l) => l.includes('"revoked"')).map((l) => (JSON.parse(l) as { revoked: string }).revoked))
      }),
    ),
  }
}

describe('issuing from several processes into one PostgreSQL store', () => {
  it(`${ISSUERS} processes × ${ROWS_EACH.toLocaleString('en')} overlapping rows and a fifth revoking at random`, async () => {
    const registry = `http://localhost:${server.port}`
    const did = `did:web:localhost%3A${server.port}`
    const init = await microcert(['init', url, '--key-file', join(dir, 'issuer.private.jwk'), '--did', did, '--name', 'Test University', '--country', 'CZ', '--url', registry])
    expect(init.code, init.stderr).toBe(0)
    for (let p = 0; p < ISSUERS; p++) await writeFile(join(dir, `part-${p}.csv`), csvOf(p))
    const course = join(DATA, 'courses', 'plastics.json')

    const stopFile = join(dir, 'stop')
    const revoking = revoker(stopFile)
    const runs = await Promise.all(
      Array.from({ length: ISSUERS }, (_, p) => microcert(['issue', url, '--csv', join(dir, `part-${p}.csv`), '--achievement', course], { timeoutMs: 600_000 })),
    )
    writeFileSync(stopFile, '')
    const revokedIds = await revoking.done
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    // Every process accounts for each of its rows: issued by it, or found issued by another.
    const counted = runs.map((r) => {
      const [, issued, skipped, failed] = /issued (\d+), skipped (\d+) \(already issued\), failed (\d+)/.exec(r.stdout) ?? []
      expect(failed, r.stdout).toBe('0')
      return { issued: Number(issued), skipped: Number(skipped) }
    })
    expect(counted.reduce((n, c) => n + c.issued, 0), JSON.stringify(runs.map((r) => r.stdout))).toBe(UNIQUE)
    expect(counted.reduce((n, c) => n + c.issued + c.skipped, 0)).toBe(ISSUERS * ROWS_EACH)

    const issuer = await openIssuer(url)
    const records: IssuedRecord[] = []
    try {
      for await (const record of issuer.list()) records.push(record)
      expect(records).toHaveLength(UNIQUE)
      expect(new Set(records.map((r) => r.rowKey)).size).toBe(UNIQUE)
      expect(new Set(records.map((r) => r.certificateId)).size).toBe(UNIQUE)
      expect(new Set(records.map((r) => r.statusIndex)).size).toBe(UNIQUE)
      expect(revokedIds.length).toBeGreaterThan(0)
      const revoked = records.filter((r) => r.state === 'revoked')
      expect(new Set(revoked.map((r) => r.certificateId))).toEqual(new Set(revokedIds))
    } finally {
      await issuer.close()
    }

    await writeFile(join(dir, 'widget.js'), 'export {}\n')
    // 10,000 PDFs are not this test's subject (cli-store.test.ts compares a PostgreSQL store's PDFs)
    const published = await microcert(['publish', url, '--out', join(dir, 'site'), '--widget', join(dir, 'widget.js'), '--json', '--no-pdf'], { timeoutMs: 300_000 })
    expect(published.code, published.stderr).toBe(0)
    expect(JSON.parse(published.stdout)).toMatchObject({ credentials: UNIQUE, notices: revokedIds.length })
    // Every revocation is in the published list, and nothing else is.
    const list = readFileSync(join(dir, 'site', 'status', '0.jwt'), 'utf8')
    const { credentialSubject } = JSON.parse(Buffer.from(list.split('.')[1]!, 'base64url').toString('utf8')) as { credentialSubject: { encodedList: string } }
    const bits = await decodeStatusList(credentialSubject.encodedList)
    const revokedIndexes = new Set(records.filter((r) => r.state === 'revoked').map((r) => r.statusIndex))
    for (const record of records) expect(getStatusBit(bits, record.statusIndex)).toBe(revokedIndexes.has(record.statusIndex))

    // The checks a verifier runs on the directory store's site (e2e-registry.test.ts) pass on this one.
    const options = { registry, allowInsecureLocalhost: true, cache: createMemoryCache() }
    const active = records.filter((r) => r.state === 'active')
    for (const record of [active[0]!, active[Math.floor(active.length / 2)]!, active.at(-1)!]) {
      expect(await lookupCredential(record.certificateId, options)).toMatchObject({ verified: true, status: 'verified' })
    }
    const gone = await lookupCredential(revokedIds[0]!, options)
    expect(gone.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(gone.statusInfo).toMatchObject({ purpose: 'revocation', reason: expect.stringMatching(/^revoked at random/) })
  }, 900_000)
})
