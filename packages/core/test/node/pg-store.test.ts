// The PostgreSQL store: the conformance suite on a real server, plus what only a database has: its URL, migrations,
// several issuers in one database, keys kept out of it, and several writers at once.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createIssuer, openIssuer } from '../../src/node/index.js'
import type { CreateIssuerOptions, Issuer } from '../../src/node/index.js'
import { codeOf, courseInput, ISSUER, tempDir } from './helpers.js'
import { dropDatabase, fileDatabase, freshDatabase, sql } from './pg/database.js'
import { describeStoreConformance } from './store-conformance.js'

describeStoreConformance({
  name: 'PostgreSQL',
  async place() {
    const url = await freshDatabase()
    const { dir, cleanup } = tempDir()
    const keyFile = join(dir, 'issuer.private.jwk')
    return {
      location: url,
      options: { keyFile },
      keyFile,
      scratch: dir,
      cleanup: async () => {
        await dropDatabase(url)
        cleanup()
      },
    }
  },
})

// The rest of this file shares one database (one per test file); each test uses its own issuer DID in it.
const database = fileDatabase()
let url: string
const { dir: root, cleanup: removeRoot } = tempDir('microcert-pg-')
beforeEach(async () => {
  url = await database.url()
}, 120_000)
afterAll(async () => {
  await database.drop()
  removeRoot()
}, 60_000)

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}, 60_000)

let tenants = 0
/** A new issuer (tenant) in the shared database. */
async function tenant(options: Partial<CreateIssuerOptions> = {}): Promise<{ issuer: Issuer; location: string; did: string; keyFile: string }> {
  const n = ++tenants
  const did = `did:web:uni${n}.example`
  const keyFile = join(root, `tenant-${n}.private.jwk`)
  const issuer = await createIssuer(url, { ...ISSUER, did, url: `https://uni${n}.example`, keyFile, ...options })
  cleanups.push(() => issuer.close())
  return { issuer, location: issuer.location, did, keyFile }
}

async function open(location: string): Promise<Issuer> {
  const issuer = await openIssuer(location)
  cleanups.push(() => issuer.close())
  return issuer
}

function withPassword(location: string, password: string): string {
  const parsed = new URL(location)
  parsed.password = password
  return parsed.href
}

describe('locations', () => {
  it('names the issuer in its location, never the password (the test server trusts any password)', async () => {
    const { did, keyFile } = await tenant()
    const issuer = await open(withPassword(`${url}&issuer=${encodeURIComponent(did)}`, 's3cret-pw'))
    expect(issuer.did).toBe(did)
    expect(issuer.location).toContain(`issuer=${encodeURIComponent(did)}`)
    expect(issuer.location).not.toContain('s3cret-pw')
    expect(inspect(issuer) + JSON.stringify(issuer)).not.toContain('s3cret-pw')
    const inQuery = await open(`${url}&password=s3cret-pw&issuer=${encodeURIComponent(did)}`)
    expect(inQuery.location).not.toContain('s3cret-pw')
    const error = await createIssuer(withPassword(url, 's3cret-pw'), { ...ISSUER, did, url: 'https://x.example', keyFile: `${keyFile}.2` }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'ERR_STORE_EXISTS' })
    expect(JSON.stringify(error) + String(error)).not.toContain('s3cret-pw')
  })

  it('reports ERR_STORE_NOT_FOUND for a server that cannot be reached and for a missing database, without the password', async () => {
    const refused = await openIssuer('postgres://microcert:s3cret-pw@127.0.0.1:1/credentials').catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'ERR_STORE_NOT_FOUND', details: { reason: 'unreachable' } })
    expect(String(refused) + JSON.stringify(refused)).not.toContain('s3cret-pw')
    const missing = new URL(url)
    missing.pathname = '/no_such_database'
    expect(await openIssuer(missing.href).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_NOT_FOUND', details: { reason: 'database-missing' } })
  })

  it('needs a key file outside the database to create a store (TypeError) and writes nothing without one', async () => {
    const db = await freshDatabase()
    cleanups.push(() => dropDatabase(db))
    await expect(createIssuer(db, ISSUER)).rejects.toThrow(/keyFile/)
    expect(await sql(db, `SELECT to_regclass('microcert.issuers') AS t`)).toEqual([{ t: null }])
  })

  it('refuses a location whose ?issuer= disagrees with the DID being created (TypeError)', async () => {
    await expect(createIssuer(`${url}&issuer=did:web:other.example`, { ...ISSUER, keyFile: join(root, 'mismatch.jwk') })).rejects.toThrow(TypeError)
  })
})

describe('tenants', () => {
  it('keeps several issuers in one database apart by DID; an ambiguous location is ERR_STORE_NOT_FOUND', async () => {
    const a = await tenant()
    const b = await tenant()
    const ra = await a.issuer.issue(courseInput(1), { rowKey: 'same-key' })
    const rb = await b.issuer.issue(courseInput(1), { rowKey: 'same-key' })
    expect(ra.certificateId).not.toBe(rb.certificateId)
    expect(await a.issuer.get(rb.certificateId)).toBeUndefined()
    expect(await codeOf(a.issuer.revoke(rb.certificateId))).toBe('ERR_RECORD_NOT_FOUND')
    expect(await openIssuer(url).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_NOT_FOUND', details: { reason: 'issuer-ambiguous' } })
    const reopened = await open(b.location)
    expect(reopened.did).toBe(b.did)
    expect(await reopened.get(rb.certificateId)).toEqual(rb)
    expect(await codeOf(openIssuer(`${url}&issuer=did:web:nobody.example`))).toBe('ERR_STORE_NOT_FOUND')
  })
})

describe('schema and keys', () => {
  it('creates its schema by versioned migrations, keeps the private key out of the database, and refuses a newer schema', async () => {
    const { issuer, keyFile } = await tenant()
    await issuer.issue(courseInput(1))
    expect(await sql(url, 'SELECT version, name FROM microcert.migrations ORDER BY version')).toEqual([
      { version: 1, name: 'issuers, keys, status indexes, credentials, events' },
      { version: 2, name: 'key rotation, Data Integrity stores, list filters, OpenID4VCI issuance state' },
    ])
    const d = (JSON.parse(readFileSync(keyFile, 'utf8')) as { d: string }).d
    for (const table of ['issuers', 'keys', 'status_indexes', 'credentials', 'events', 'issuance_state', 'migrations']) {
      expect(JSON.stringify(await sql(url, `SELECT * FROM microcert.${table}`))).not.toContain(d)
    }
    expect(await sql(url, 'SELECT private_key_file FROM microcert.keys WHERE private_key_file = $1', [keyFile])).toHaveLength(1)
    const db = await freshDatabase()
    cleanups.push(() => dropDatabase(db))
    const other = await createIssuer(db, { ...ISSUER, keyFile: join(root, 'newer.jwk') })
    await other.close()
    await sql(db, "INSERT INTO microcert.migrations (version, name) VALUES (99, 'from the future')")
    expect(await openIssuer(db).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_CORRUPT', details: { reason: 'store-too-new' } })
  })

  it('reports ERR_STORE_NOT_FOUND for a database without the store schema, and creates nothing there', async () => {
    const db = await freshDatabase()
    cleanups.push(() => dropDatabase(db))
    expect(await openIssuer(db).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_STORE_NOT_FOUND', details: { reason: 'no-schema' } })
    expect(await sql(db, `SELECT to_regclass('microcert.migrations') AS t`)).toEqual([{ t: null }])
  })
})

describe('migration 2 (rotation, Data Integrity, filters, issuance state)', () => {
  it('brings a version-1 database forward and fills in the signing key and course of the credentials it holds', async () => {
    const db = await freshDatabase()
    cleanups.push(() => dropDatabase(db))
    const issuer = await createIssuer(db, { ...ISSUER, keyFile: join(root, 'migrated.jwk') })
    const other = 'https://uni.example/microcerts/achievements/other'
    const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2, { id: other })])).issued
    await issuer.close()
    // The schema as version 1 left it (what a database created by the previous release holds).
    for (const statement of [
      'DROP TABLE microcert.issuance_state',
      'DROP INDEX microcert.credentials_by_state',
      'ALTER TABLE microcert.credentials DROP COLUMN kid, DROP COLUMN achievement_id, DROP CONSTRAINT credentials_format',
      'ALTER TABLE microcert.keys DROP CONSTRAINT keys_active_not_retired, DROP COLUMN retired_at',
      'ALTER TABLE microcert.issuers DROP COLUMN proof',
      'DELETE FROM microcert.migrations WHERE version = 2',
    ]) {
      await sql(db, statement)
    }
    const reopened = await openIssuer(db)
    cleanups.push(() => reopened.close())
    expect(await sql(db, 'SELECT max(version) AS version FROM microcert.migrations')).toEqual([{ version: 2 }])
    expect(await reopened.get(a!.certificateId)).toEqual(a)
    expect(reopened.proof).toBe('vc-jwt')
    const listed: string[] = []
    for await (const record of reopened.list({ course: other, kid: `${ISSUER.did}#key-1` })) listed.push(record.certificateId)
    expect(listed).toEqual([b!.certificateId])
  })

  it('follows a rotation another process made: its next batch signs with the new key, read from the key file the store names', async () => {
    const { issuer, location, did } = await tenant()
    const elsewhere = await open(location)
    await elsewhere.rotateKey({ keyFile: join(root, `${did.replaceAll(':', '_')}-key-2.jwk`) })
    const record = await issuer.issue(courseInput(7))
    expect(record.kid).toBe(`${did}#key-2`)
    expect(issuer.keys.map((k) => k.active)).toEqual([false, true])
  })
})

describe('several writers at once', () => {
  it('serialises state changes per credential: of two revocations at once exactly one succeeds', async () => {
    const { issuer, location } = await tenant()
    const records = (await issuer.issueBatch(Array.from({ length: 10 }, (_, i) => courseInput(i)))).issued
    const other = await open(location)
    for (const record of records) {
      const results = await Promise.allSettled([issuer.revoke(record.certificateId, { reason: 'a' }), other.revoke(record.certificateId, { reason: 'b' })])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ERR_STATE_CONFLICT' } })
    }
    const events = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM microcert.events e JOIN microcert.issuers i ON i.id = e.issuer_id WHERE i.did = $1', [issuer.did])
    expect(Number(events[0]!.n)).toBe(10)
  })

  it('issues a row key once across issuers racing for it, and never gives two credentials one status index', async () => {
    const { issuer, location } = await tenant()
    const others = [await open(location), await open(location)]
    const [x, y, z] = await Promise.all([issuer, ...others].map((i) => i.issue(courseInput(7), { rowKey: 'S-7/ADE' })))
    expect(y).toEqual(x)
    expect(z).toEqual(x)
    const rows = (from: number) => Array.from({ length: 300 }, (_, i) => ({ rowKey: `r-${from + i}`, input: courseInput(from + i) }))
    const reports = await Promise.all([issuer.issueBatch(rows(0), { chunkSize: 40 }), others[0]!.issueBatch(rows(150), { chunkSize: 50 }), others[1]!.issueBatch(rows(100), { chunkSize: 70 })])
    expect(reports.reduce((n, r) => n + r.counts.issued, 0)).toBe(450)
    expect(reports.reduce((n, r) => n + r.counts.issued + r.counts.skipped, 0)).toBe(900)
    const all = []
    for await (const record of issuer.list()) all.push(record)
    expect(all).toHaveLength(451)
    expect(new Set(all.map((r) => r.statusIndex)).size).toBe(451)
    expect(new Set(all.map((r) => r.rowKey)).size).toBe(451)
    // Indexes reserved for rows another issuer won were given back: every reservation is a credential's.
    const [counts] = await sql<{ reserved: string; held: string }>(
      url,
      `SELECT (SELECT count(*) FROM microcert.status_indexes s WHERE s.issuer_id = i.id) AS reserved, i.indexes_reserved AS held
       FROM microcert.issuers i WHERE i.did = $1`,
      [issuer.did],
    )
    expect(counts).toEqual({ reserved: '451', held: '451' })
  })

  it('adds a status list when three quarters of the indexes are reserved, and publishes both lists', async () => {
    const { issuer } = await tenant()
    await sql(url, 'UPDATE microcert.issuers SET indexes_reserved = 98304 WHERE did = $1', [issuer.did])
    const records = (await issuer.issueBatch(Array.from({ length: 40 }, (_, i) => courseInput(i)))).issued
    expect(await sql(url, 'SELECT status_lists FROM microcert.issuers WHERE did = $1', [issuer.did])).toEqual([{ status_lists: 2 }])
    expect(records.some((r) => r.statusIndex >= 131_072)).toBe(true)
    expect(records.every((r) => r.statusIndex < 2 * 131_072)).toBe(true)
    const site = join(root, `site-lists-${tenants}`)
    expect(await issuer.publish(site, { pdf: false })).toMatchObject({ statusLists: 4, tokenStatusLists: 2 })
    const late = records.find((r) => r.statusIndex >= 131_072)!
    expect(JSON.parse(Buffer.from(late.jwt.split('.')[1]!, 'base64url').toString('utf8'))).toMatchObject({
      credentialStatus: { statusListCredential: `${issuer.registryUrl}/status/1.jwt`, statusListIndex: String(late.statusIndex - 131_072) },
    })
  })

  it('keeps the status index of a withdrawn (unpublished) credential reserved for good', async () => {
    const { issuer } = await tenant()
    const record = await issuer.issue(courseInput(1))
    await issuer.unpublish(record.certificateId)
    const rows = await sql(
      url,
      'SELECT s.status_index FROM microcert.status_indexes s JOIN microcert.issuers i ON i.id = s.issuer_id WHERE i.did = $1 AND s.status_index = $2',
      [issuer.did, record.statusIndex],
    )
    expect(rows).toHaveLength(1)
    await expect(sql(url, 'DELETE FROM microcert.status_indexes WHERE status_index = $1', [record.statusIndex])).rejects.toMatchObject({ code: '23503' })
  })

  it('publishes one consistent moment: revocations made during a publish show up as a prefix of their order, never out of order', async () => {
    const { issuer, location } = await tenant()
    const { issued } = await issuer.issueBatch(
      Array.from({ length: 2000 }, (_, i) => courseInput(i)),
      { chunkSize: 500 },
    )
    const other = await open(location)
    // In issue order, spread over the pages publish reads.
    const victims = issued.filter((_, i) => i % 100 === 0)
    const site = join(root, `site-${tenants}`)
    let stop = false
    const revoking = (async () => {
      for (const victim of victims) {
        if (stop) return
        await other.revoke(victim.certificateId)
      }
    })()
    await issuer.publish(site)
    stop = true
    await revoking
    const notices = join(site, 'status', '0')
    const published = new Set(existsSync(notices) ? readdirSync(notices).map((name) => Number.parseInt(name, 10)) : [])
    const flags = victims.map((v) => published.has(v.statusIndex % 131_072))
    const firstMissing = flags.indexOf(false)
    expect(firstMissing === -1 ? [] : flags.slice(firstMissing).filter(Boolean)).toEqual([])
  }, 60_000)
})
