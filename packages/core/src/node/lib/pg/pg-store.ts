import { isAbsolute } from 'node:path'
import type { Pool, PoolClient } from 'pg'
import { MicrocertError } from '../../../errors.js'
import type { IssuedRecord } from '../../types.js'
import { placePrivateKeyFile } from '../key-files.js'
import { nextState, stateChangesOf } from '../record-state.js'
import { pickIndexes, statusListsNeeded } from '../status-index-policy.js'
import type { IssuerConfig, NewRecord, RecordState, StateChange, StoreBackend, StoreInit, StoreKey, StoreSnapshot } from '../store-backend.js'
import { migrate, SCHEMA } from './migrations.js'
import { databaseFailed, inTransaction, loadPg, parsePostgresLocation, unreachable } from './pg-connection.js'

const PAGE = 500
// A batch pipeline uses two connections at a time (one chunk committing while the next reserves its indexes).
const POOL_SIZE = 4

const RECORD_COLUMNS =
  'certificate_id, credential_id, row_key, status_index, issued_at, credential, state, reason, reason_private, since, revoked_at, suspended_at, unpublished'

interface RecordRow {
  certificate_id: string
  credential_id: string
  row_key: string
  status_index: number
  issued_at: string
  credential: string
  state: IssuedRecord['state']
  reason: string | null
  reason_private: boolean
  since: string | null
  revoked_at: string | null
  suspended_at: string | null
  unpublished: boolean
}

async function connect(location: string): Promise<{ pool: Pool; display: string; issuer: string | undefined }> {
  const { connectionString, issuer, display } = parsePostgresLocation(location)
  const pg = await loadPg()
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE, application_name: 'microcert', connectionTimeoutMillis: 15_000 })
  // An idle connection the server ends (restart, pg_terminate_backend) is dropped from the pool; without a listener
  // its 'error' event would end the process.
  pool.on('error', () => undefined)
  try {
    await pool.query('SELECT 1')
  } catch (cause) {
    await pool.end().catch(() => undefined)
    throw unreachable(display, cause)
  }
  return { pool, display, issuer }
}

/**
 * Creates an issuer (a tenant) in the PostgreSQL database at `location`, migrating the schema first. The private key
 * goes to `init.keyFile`, never into the database.
 * Errors: ERR_STORE_EXISTS (the DID has a store there), ERR_STORE_NOT_FOUND (cannot connect), ERR_WRITE_FAILED.
 */
export async function createPgStore(location: string, init: StoreInit): Promise<PgStore> {
  const keyFile = init.keyFile
  if (keyFile === undefined || !isAbsolute(keyFile)) {
    throw new TypeError('createIssuer: a PostgreSQL store keeps its private key outside the database: give keyFile (an absolute path)')
  }
  const { pool, display, issuer } = await connect(location)
  try {
    if (issuer !== undefined && issuer !== init.config.did) {
      throw new TypeError(`createIssuer: the location names issuer "${issuer}" but the options say "${init.config.did}"`)
    }
    await migrate(pool, display, { create: true })
    const { config, key } = init
    const id = await inTransaction(pool, async (client) => {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${SCHEMA}.issuers (did, registry_url, profile, status_list_size, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (did) DO NOTHING RETURNING id`,
        [config.did, config.registryUrl, JSON.stringify(config.profile), config.statusListSize, config.createdAt],
      )
      const row = inserted.rows[0]
      if (row === undefined) {
        throw new MicrocertError('ERR_STORE_EXISTS', `"${display}" already holds an issuer store for "${config.did}"`, {
          details: { location: display, did: config.did },
        })
      }
      await client.query(
        `INSERT INTO ${SCHEMA}.keys (issuer_id, kid, alg, public_jwk, private_key_file, active, created_at) VALUES ($1, $2, $3, $4, $5, true, $6)`,
        [row.id, key.kid, key.alg, JSON.stringify(key.publicJwk), keyFile, config.createdAt],
      )
      // Last before the commit: a store that failed to come into being leaves no key file it would have owned.
      placePrivateKeyFile(keyFile, init.privateJwk)
      return row.id
    })
    return new PgStore(pool, withIssuer(display, config.did), id, config, [{ ...key, privateKeyFile: keyFile }])
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw databaseFailed(display, error)
  }
}

/**
 * Opens the issuer named by `?issuer=<DID>` in the database at `location` (or its only issuer), migrating the schema
 * forward when this code is newer.
 * Errors: ERR_STORE_NOT_FOUND (cannot connect, no store, no such issuer, several issuers and none named), ERR_STORE_CORRUPT.
 */
export async function openPgStore(location: string): Promise<PgStore> {
  const { pool, display, issuer } = await connect(location)
  try {
    await migrate(pool, display, { create: false })
    const found = await pool.query<{ id: string; did: string; registry_url: string; profile: IssuerConfig['profile']; status_list_size: number; created_at: string }>(
      `SELECT id, did, registry_url, profile, status_list_size, created_at FROM ${SCHEMA}.issuers ${issuer === undefined ? '' : 'WHERE did = $1'} ORDER BY id LIMIT 21`,
      issuer === undefined ? [] : [issuer],
    )
    if (found.rows.length !== 1) {
      const dids = found.rows.map((r) => r.did)
      throw new MicrocertError(
        'ERR_STORE_NOT_FOUND',
        found.rows.length === 0
          ? `The database "${display}" holds no issuer store${issuer === undefined ? '' : ` for "${issuer}"`}`
          : `The database "${display}" holds several issuers; name one with ?issuer=<DID> (${dids.slice(0, 5).join(', ')}${dids.length > 5 ? ', …' : ''})`,
        { details: { location: display, reason: found.rows.length === 0 ? 'no-issuer' : 'issuer-ambiguous', issuers: dids } },
      )
    }
    const row = found.rows[0]!
    const keys = await pool.query<{ kid: string; alg: StoreKey['alg']; public_jwk: JsonWebKey; private_key_file: string | null; active: boolean }>(
      `SELECT kid, alg, public_jwk, private_key_file, active FROM ${SCHEMA}.keys WHERE issuer_id = $1 ORDER BY created_at, kid`,
      [row.id],
    )
    const storeKeys = keys.rows.map((k) => ({ kid: k.kid, alg: k.alg, publicJwk: k.public_jwk, ...(k.private_key_file === null ? {} : { privateKeyFile: k.private_key_file }) }))
    const active = keys.rows.findIndex((k) => k.active)
    if (active === -1) {
      throw new MicrocertError('ERR_STORE_CORRUPT', `The issuer "${row.did}" in "${display}" has no active key`, { details: { location: display, reason: 'key-missing' } })
    }
    const config: IssuerConfig = { did: row.did, registryUrl: row.registry_url, profile: row.profile, statusListSize: row.status_list_size, createdAt: row.created_at }
    return new PgStore(pool, withIssuer(display, row.did), row.id, config, storeKeys, active)
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw databaseFailed(display, error)
  }
}

function withIssuer(display: string, did: string): string {
  const url = new URL(display)
  url.searchParams.set('issuer', did)
  return url.href
}

/**
 * The issuer store on PostgreSQL: several machines issue into one database at once. Uniqueness is the database's
 * (primary key, unique row key, unique reserved status index); state changes lock the credential's row; `publish`
 * reads one REPEATABLE READ snapshot. No transaction ever waits for a signature: credentials are signed between the
 * reservation of their status indexes and their insert.
 */
export class PgStore implements StoreBackend {
  readonly concurrent = true
  readonly activeKey: StoreKey

  constructor(
    private readonly pool: Pool,
    readonly location: string,
    private readonly issuerId: string,
    readonly config: IssuerConfig,
    readonly keys: readonly StoreKey[],
    activeIndex = 0,
  ) {
    this.activeKey = keys[activeIndex]!
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw databaseFailed(this.location, error)
    }
  }

  findRowKeys(rowKeys: readonly string[]): Promise<Map<string, string>> {
    return this.run(async () => {
      const { rows } = await this.pool.query<{ row_key: string; certificate_id: string }>(
        `SELECT row_key, certificate_id FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND row_key = ANY($2::text[])`,
        [this.issuerId, rowKeys],
      )
      return new Map(rows.map((r) => [r.row_key, r.certificate_id]))
    })
  }

  // The issuer's row is locked first by every transaction that touches reservations (reserve, release, import), so
  // they queue on it in one order and never deadlock; the lock also makes "add a list when 3/4 full" race-free.
  private lockIssuer(client: PoolClient) {
    return client.query<{ status_lists: number; indexes_reserved: string }>(
      `SELECT status_lists, indexes_reserved FROM ${SCHEMA}.issuers WHERE id = $1 FOR NO KEY UPDATE`,
      [this.issuerId],
    )
  }

  reserveIndexes(count: number): Promise<number[]> {
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await this.lockIssuer(client)
        const size = this.config.statusListSize
        const lists = statusListsNeeded(Number(rows[0]!.indexes_reserved), count, rows[0]!.status_lists, size)
        const got = new Set<number>()
        while (got.size < count) {
          const candidates = pickIndexes(count - got.size, lists * size, (i) => got.has(i))
          const inserted = await client.query<{ status_index: number }>(
            `INSERT INTO ${SCHEMA}.status_indexes (issuer_id, status_index) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING RETURNING status_index`,
            [this.issuerId, candidates],
          )
          for (const r of inserted.rows) got.add(r.status_index)
        }
        await client.query(`UPDATE ${SCHEMA}.issuers SET status_lists = $2, indexes_reserved = indexes_reserved + $3 WHERE id = $1`, [
          this.issuerId,
          lists,
          count,
        ])
        return [...got]
      }),
    )
  }

  releaseIndexes(indexes: readonly number[]): Promise<void> {
    if (indexes.length === 0) return Promise.resolve()
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        await this.lockIssuer(client)
        // An index a stored credential carries is never given back (its row keeps the reservation by foreign key).
        const deleted = await client.query(
          `DELETE FROM ${SCHEMA}.status_indexes s WHERE s.issuer_id = $1 AND s.status_index = ANY($2::int[])
           AND NOT EXISTS (SELECT 1 FROM ${SCHEMA}.credentials c WHERE c.issuer_id = s.issuer_id AND c.status_index = s.status_index)`,
          [this.issuerId, indexes],
        )
        await client.query(`UPDATE ${SCHEMA}.issuers SET indexes_reserved = indexes_reserved - $2 WHERE id = $1`, [this.issuerId, deleted.rowCount ?? 0])
      }),
    )
  }

  insert(records: readonly NewRecord[]): Promise<{ inserted: NewRecord[]; duplicates: NewRecord[] }> {
    if (records.length === 0) return Promise.resolve({ inserted: [], duplicates: [] })
    // Every process inserts in row-key order, so two batches with overlapping rows wait for each other instead of
    // deadlocking on each other's keys.
    const sorted = [...records].sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0))
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<{ row_key: string }>(
          `INSERT INTO ${SCHEMA}.credentials (issuer_id, certificate_id, credential_id, row_key, status_index, issued_at, credential)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
           ON CONFLICT DO NOTHING RETURNING row_key`,
          [
            this.issuerId,
            sorted.map((r) => r.certificateId),
            sorted.map((r) => r.credentialId),
            sorted.map((r) => r.rowKey),
            sorted.map((r) => r.statusIndex),
            sorted.map((r) => r.issuedAt),
            sorted.map((r) => r.jwt),
          ],
        )
        const stored = new Set(rows.map((r) => r.row_key))
        const inserted = records.filter((r) => stored.has(r.rowKey))
        const rest = records.filter((r) => !stored.has(r.rowKey))
        if (rest.length === 0) return { inserted, duplicates: [] }
        const held = await client.query<{ row_key: string }>(
          `SELECT row_key FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND row_key = ANY($2::text[])`,
          [this.issuerId, rest.map((r) => r.rowKey)],
        )
        const heldKeys = new Set(held.rows.map((r) => r.row_key))
        if (rest.some((r) => !heldKeys.has(r.rowKey))) {
          // Not a row key: 80 random bits of a certificate ID collided. Roll back; a re-run draws new IDs.
          throw new MicrocertError('ERR_WRITE_FAILED', 'A certificate ID was taken; run the batch again', { details: { reason: 'certificate-id-collision' } })
        }
        return { inserted, duplicates: rest }
      }),
    )
  }

  importRecords(records: readonly IssuedRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve()
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await this.lockIssuer(client)
        const size = this.config.statusListSize
        const reserved = await client.query(
          `INSERT INTO ${SCHEMA}.status_indexes (issuer_id, status_index) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
          [this.issuerId, records.map((r) => r.statusIndex)],
        )
        const inserted = await client.query(
          `INSERT INTO ${SCHEMA}.credentials (issuer_id, certificate_id, credential_id, row_key, status_index, issued_at, credential,
             state, reason, reason_private, since, revoked_at, suspended_at, unpublished)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::boolean[],
             $11::text[], $12::text[], $13::text[], $14::boolean[])
           ON CONFLICT DO NOTHING`,
          [
            this.issuerId,
            records.map((r) => r.certificateId),
            records.map((r) => r.credentialId),
            records.map((r) => r.rowKey),
            records.map((r) => r.statusIndex),
            records.map((r) => r.issuedAt),
            records.map((r) => r.jwt),
            records.map((r) => r.state),
            records.map((r) => r.reason ?? null),
            records.map((r) => r.reason !== undefined && r.publishReason === false),
            records.map((r) => r.since ?? null),
            records.map((r) => r.revokedAt ?? null),
            records.map((r) => r.suspendedAt ?? null),
            records.map((r) => r.unpublished === true),
          ],
        )
        if (reserved.rowCount !== records.length || inserted.rowCount !== records.length) {
          throw new MicrocertError('ERR_STORE_EXISTS', `"${this.location}" already holds some of the credentials, row keys or status indexes being copied`, {
            details: { location: this.location },
          })
        }
        const importedAt = new Date().toISOString()
        const events = records.flatMap((r) => stateChangesOf(r, importedAt).map((change) => ({ id: r.certificateId, change })))
        if (events.length > 0) await this.insertEvents(client, events)
        const lists = Math.max(rows[0]!.status_lists, ...records.map((r) => Math.floor(r.statusIndex / size) + 1))
        await client.query(`UPDATE ${SCHEMA}.issuers SET status_lists = $2, indexes_reserved = indexes_reserved + $3 WHERE id = $1`, [
          this.issuerId,
          lists,
          records.length,
        ])
      }),
    )
  }

  private insertEvents(client: PoolClient, events: { id: string; change: StateChange }[]) {
    return client.query(
      `INSERT INTO ${SCHEMA}.events (issuer_id, certificate_id, op, at, reason, reason_private)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])`,
      [
        this.issuerId,
        events.map((e) => e.id),
        events.map((e) => e.change.op),
        events.map((e) => e.change.at),
        events.map((e) => e.change.reason ?? null),
        events.map((e) => e.change.reasonPrivate === true && e.change.reason !== undefined),
      ],
    )
  }

  changeState(certificateId: string, change: StateChange): Promise<IssuedRecord> {
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        const { rows } = await client.query<RecordRow>(
          `SELECT ${RECORD_COLUMNS} FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND certificate_id = $2 FOR UPDATE`,
          [this.issuerId, certificateId],
        )
        const row = rows[0]
        if (row === undefined) {
          throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential "${certificateId}" in this store`, { details: { certificateId } })
        }
        const next = nextState(certificateId, toRecord(row), change)
        const updated = await client.query<RecordRow>(
          `UPDATE ${SCHEMA}.credentials SET state = $3, reason = $4, reason_private = $5, since = $6, revoked_at = $7, suspended_at = $8, unpublished = $9
           WHERE issuer_id = $1 AND certificate_id = $2 RETURNING ${RECORD_COLUMNS}`,
          [
            this.issuerId,
            certificateId,
            next.state,
            next.reason ?? null,
            next.reason !== undefined && next.publishReason === false,
            next.since ?? null,
            next.revokedAt ?? null,
            next.suspendedAt ?? null,
            next.unpublished === true,
          ],
        )
        await this.insertEvents(client, [{ id: certificateId, change }])
        return toRecord(updated.rows[0]!)
      }),
    )
  }

  get(certificateId: string): Promise<IssuedRecord | undefined> {
    return this.run(async () => {
      const { rows } = await this.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND certificate_id = $2`, [
        this.issuerId,
        certificateId,
      ])
      return rows[0] === undefined ? undefined : toRecord(rows[0])
    })
  }

  list(): AsyncIterable<IssuedRecord> {
    return this.pages((text, values) => this.run(() => this.pool.query<RecordRow & { seq: string }>(text, values)))
  }

  /** Every record in issue order, a page at a time (keyset pagination on the issue order). */
  private async *pages(query: (text: string, values: unknown[]) => Promise<{ rows: (RecordRow & { seq: string })[] }>): AsyncIterable<IssuedRecord> {
    let after = '0'
    for (;;) {
      const { rows } = await query(
        `SELECT seq, ${RECORD_COLUMNS} FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PAGE}`,
        [this.issuerId, after],
      )
      for (const row of rows) yield toRecord(row)
      if (rows.length < PAGE) return
      after = rows.at(-1)!.seq
    }
  }

  snapshot<T>(read: (snapshot: StoreSnapshot) => Promise<T>): Promise<T> {
    return this.run(() =>
      inTransaction(
        this.pool,
        async (client) => {
          const { rows } = await client.query<{ status_lists: number }>(`SELECT status_lists FROM ${SCHEMA}.issuers WHERE id = $1`, [this.issuerId])
          return read({
            statusLists: rows[0]!.status_lists,
            records: () => this.pages((text, values) => client.query<RecordRow & { seq: string }>(text, values)),
          })
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    )
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  async destroy(): Promise<void> {
    try {
      await this.run(() =>
        inTransaction(this.pool, async (client) => {
          for (const table of ['events', 'credentials', 'status_indexes', 'keys']) {
            await client.query(`DELETE FROM ${SCHEMA}.${table} WHERE issuer_id = $1`, [this.issuerId])
          }
          await client.query(`DELETE FROM ${SCHEMA}.issuers WHERE id = $1`, [this.issuerId])
        }),
      )
    } finally {
      await this.pool.end()
    }
  }
}

function toRecord(row: RecordRow): IssuedRecord {
  const state: RecordState = {
    state: row.state,
    ...(row.reason === null ? {} : { reason: row.reason, publishReason: !row.reason_private }),
    ...(row.since === null ? {} : { since: row.since }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    ...(row.suspended_at === null ? {} : { suspendedAt: row.suspended_at }),
    ...(row.unpublished ? { unpublished: true } : {}),
  }
  return {
    certificateId: row.certificate_id,
    credentialId: row.credential_id,
    rowKey: row.row_key,
    statusIndex: row.status_index,
    issuedAt: row.issued_at,
    ...state,
    jwt: row.credential,
  }
}
