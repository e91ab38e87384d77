// Faults only a database store has: the connection to the server drops in the middle of a batch. (A SIGKILLed
// issuing process is tested for both stores in crash-safety.test.ts.)
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { createIssuer, type IssuedRecord, type Issuer } from '../../src/node/index.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { courseInput, ISSUER, tempDir } from './helpers.js'
import { fileDatabase, sql } from './pg/database.js'

const { dir: root, cleanup } = tempDir('microcert-pg-faults-')
const database = fileDatabase()
let url: string
beforeEach(async () => {
  url = await database.url()
}, 120_000)
afterAll(async () => {
  await database.drop()
  cleanup()
}, 60_000)

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ rowKey: `row-${i}`, input: courseInput(i) }))

async function all(issuer: Issuer): Promise<IssuedRecord[]> {
  const records: IssuedRecord[] = []
  for await (const record of issuer.list()) records.push(record)
  return records
}

async function expectWhole(issuer: Issuer, total: number): Promise<void> {
  const records = await all(issuer)
  expect(records).toHaveLength(total)
  expect(new Set(records.map((r) => r.rowKey)).size).toBe(total)
  expect(new Set(records.map((r) => r.statusIndex)).size).toBe(total)
  // Every stored credential is complete and signed.
  const sample = records.filter((_, i) => i % 97 === 0)
  const checked = await Promise.all(sample.map((r) => verifyCredential(r.jwt, { key: publicKey, checkStatus: false, now: new Date('2026-11-29T12:00:00Z') })))
  expect(checked.filter((r) => r.status !== 'verified')).toEqual([])
}

let publicKey: JsonWebKey

describe('a dropped database connection', () => {
  it('mid-insert: the batch fails with ERR_WRITE_FAILED (connection-lost), whole chunks only are stored, and the re-run completes it', async () => {
    const issuer = await createIssuer(url, { ...ISSUER, keyFile: join(root, 'a.private.jwk') })
    try {
      const site = join(root, 'site-a')
      await issuer.publish(site)
      publicKey = (JSON.parse((await import('node:fs')).readFileSync(join(site, 'did.json'), 'utf8')) as { verificationMethod: { publicKeyJwk: JsonWebKey }[] })
        .verificationMethod[0]!.publicKeyJwk
      // The server ends the connection in the middle of the third chunk's insert, as a restart or a cut network does.
      await sql(url, 'CREATE SEQUENCE fault_inserts')
      await sql(
        url,
        `CREATE FUNCTION fault_drop_connection() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF nextval('fault_inserts') = 3 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
           RETURN NULL;
         END $$`,
      )
      await sql(url, 'CREATE TRIGGER fault_drop AFTER INSERT ON microcert.credentials FOR EACH STATEMENT EXECUTE FUNCTION fault_drop_connection()')
      const failed = await issuer.issueBatch(rows(2000), { chunkSize: 200, collect: false }).catch((e: unknown) => e)
      expect(failed).toMatchObject({ code: 'ERR_WRITE_FAILED', details: { reason: 'connection-lost' } })
      await expectWhole(issuer, 400)
      // The same Issuer goes on with a new connection.
      const rerun = await issuer.issueBatch(rows(2000), { chunkSize: 200, collect: false })
      expect(rerun.counts).toEqual({ issued: 1600, skipped: 400, failed: 0 })
      await expectWhole(issuer, 2000)
      await sql(url, 'DROP TRIGGER fault_drop ON microcert.credentials')
    } finally {
      await issuer.close()
    }
  }, 120_000)

  it('at random moments from outside: whatever was cut, the re-run leaves exactly the batch', async () => {
    const issuer = await createIssuer(url, { ...ISSUER, did: 'did:web:faults.example', url: 'https://faults.example', keyFile: join(root, 'b.private.jwk') })
    try {
      const batch = issuer.issueBatch(rows(3000), { chunkSize: 250, collect: false }).catch((e: unknown) => e)
      let settled = false
      void batch.then(() => (settled = true))
      const cut: number[] = []
      for (let i = 0; i < 8 && !settled; i++) {
        await new Promise((resolve) => setTimeout(resolve, 40 + Math.random() * 200))
        const ended = await sql<{ pid: number }>(
          url,
          "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'microcert' AND datname = current_database()",
        )
        cut.push(...ended.map((row) => row.pid))
      }
      const outcome = await batch
      // pg_terminate_backend only signals: the cuts are over (and cannot hit the re-run) once those backends are gone.
      while ((await sql(url, 'SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])', [cut])).length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      if (outcome instanceof Error) expect(outcome).toMatchObject({ code: 'ERR_WRITE_FAILED' })
      const rerun = await issuer.issueBatch(rows(3000), { chunkSize: 250, collect: false })
      expect(rerun.counts.issued + rerun.counts.skipped).toBe(3000)
      const records = await all(issuer)
      expect(records).toHaveLength(3000)
      expect(new Set(records.map((r) => r.statusIndex)).size).toBe(3000)
    } finally {
      await issuer.close()
    }
  }, 120_000)
})
