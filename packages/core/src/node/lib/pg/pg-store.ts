import { isAbsolute } from 'node:path'
import type { Pool, PoolClient } from 'pg'
import { MicrocertError } from '../../../errors.js'
import type { IssuanceStateStore } from '../../../issuance-state-store.js'
import type { CredentialFormat, IssuedRecord, ListFilter, ProofType } from '../../types.js'
import { placePrivateKeyFile } from '../key-files.js'
import { checkListFilter, keyNotFound, retirable } from '../list-filter.js'
import { nextKeyId } from '../next-key-id.js'
import { nextState, stateChangesOf } from '../record-state.js'
import { pickIndexes, statusListsNeeded } from '../status-index-policy.js'
import { issuedRecord, type IssuerConfig, type NewRecord, type RecordState, type StateChange, type StoreBackend, type StoreInit, type StoreKey, type StoreSnapshot } from '../store-backend.js'
import { migrate, SCHEMA } from './migrations.js'
import { databaseFailed, inTransaction, loadPg, parsePostgresLocation, unreachable } from './pg-connection.js'
import { PgIssuanceState } from './pg-issuance-state.js'

const PAGE = 500
// A batch pipeline uses two connections at a time (one chunk committing while the next reserves its indexes).
const POOL_SIZE = 4

const RECORD_COLUMNS =
  'certificate_id, credential_id, row_key, status_index, issued_at, format, credential, kid, achievement_id, state, reason, reason_private, since, revoked_at, suspended_at, unpublished'

const KEY_COLUMNS = 'kid, alg, public_jwk, private_key_file, active, created_at, retired_at'

interface KeyRow {
  kid: string
  alg: StoreKey['alg']
  public_jwk: JsonWebKey
  private_key_file: string | null
  active: boolean
  created_at: string
  retired_at: string | null
}

interface RecordRow {
  certificate_id: string
  credential_id: string
  row_key: string
  status_index: number
  issued_at: string
  format: CredentialFormat
  credential: string
  kid: string
  achievement_id: string
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
  for (const key of init.keys) {
    if (key.privateJwk !== undefined && (key.privateKeyFile === undefined || !isAbsolute(key.privateKeyFile))) {
      throw new TypeError('createIssuer: a PostgreSQL store keeps its private key outside the database: give keyFile (an absolute path) or a signer')
    }
  }
  const { pool, display, issuer } = await connect(location)
  try {
    if (issuer !== undefined && issuer !== init.config.did) {
      throw new TypeError(`createIssuer: the location names issuer "${issuer}" but the options say "${init.config.did}"`)
    }
    await migrate(pool, display, { create: true })
    const { config } = init
    const id = await inTransaction(pool, async (client) => {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${SCHEMA}.issuers (did, registry_url, profile, status_list_size, proof, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (did) DO NOTHING RETURNING id`,
        [config.did, config.registryUrl, JSON.stringify(config.profile), config.statusListSize, config.proof, config.createdAt],
      )
      const row = inserted.rows[0]
      if (row === undefined) {
        throw new MicrocertError('ERR_STORE_EXISTS', `"${display}" already holds an issuer store for "${config.did}"`, {
          details: { location: display, did: config.did },
        })
      }
      for (const key of init.keys) await insertKey(client, row.id, key, key.kid === init.activeKid)
      // Last before the commit: a store that failed to come into being leaves no key file it would have owned.
      for (const key of init.keys) if (key.privateJwk !== undefined) placePrivateKeyFile(key.privateKeyFile!, key.privateJwk)
      return row.id
    })
    const keys = init.keys.map(({ privateJwk: _secret, ...key }) => key)
    return new PgStore(pool, withIssuer(display, config.did), id, config, keys, init.activeKid)
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
    const found = await pool.query<{
      id: string
      did: string
      registry_url: string
      profile: IssuerConfig['profile']
      status_list_size: number
      proof: ProofType
      created_at: string
    }>(
      `SELECT id, did, registry_url, profile, status_list_size, proof, created_at FROM ${SCHEMA}.issuers ${issuer === undefined ? '' : 'WHERE did = $1'} ORDER BY id LIMIT 21`,
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
    const { keys, activeKid } = await readKeys(pool, row.id, row.did, display)
    const config: IssuerConfig = {
      did: row.did,
      registryUrl: row.registry_url,
      profile: row.profile,
      statusListSize: row.status_list_size,
      proof: row.proof,
      createdAt: row.created_at,
    }
    return new PgStore(pool, withIssuer(display, row.did), row.id, config, keys, activeKid)
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw databaseFailed(display, error)
  }
}

function insertKey(client: PoolClient, issuerId: string, key: StoreKey, active: boolean) {
  return client.query(
    `INSERT INTO ${SCHEMA}.keys (issuer_id, kid, alg, public_jwk, private_key_file, active, created_at, retired_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [issuerId, key.kid, key.alg, JSON.stringify(key.publicJwk), key.privateKeyFile ?? null, active, key.createdAt, key.retiredAt ?? null],
  )
}

/** The issuer's keys, oldest first, and which one is active. Errors: ERR_STORE_CORRUPT (`key-missing`). */
async function readKeys(db: Pool | PoolClient, issuerId: string, did: string, display: string): Promise<{ keys: StoreKey[]; activeKid: string }> {
  const { rows } = await db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM ${SCHEMA}.keys WHERE issuer_id = $1 ORDER BY created_at, kid`, [issuerId])
  const active = rows.find((k) => k.active)
  if (active === undefined) {
    throw new MicrocertError('ERR_STORE_CORRUPT', `The issuer "${did}" in "${display}" has no active key`, { details: { location: display, reason: 'key-missing' } })
  }
  const keys = rows.map((k) => ({
    kid: k.kid,
    alg: k.alg,
    publicJwk: k.public_jwk,
    ...(k.private_key_file === null ? {} : { privateKeyFile: k.private_key_file }),
    createdAt: k.created_at,
    ...(k.retired_at === null ? {} : { retiredAt: k.retired_at }),
  }))
  return { keys, activeKid: active.kid }
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
  private state: PgIssuanceState | undefined

  constructor(
    private readonly pool: Pool,
    readonly location: string,
    private readonly issuerId: string,
    readonly config: IssuerConfig,
    private storeKeys: StoreKey[],
    private activeKid: string,
  ) {}

  get keys(): readonly StoreKey[] {
    return this.storeKeys
  }

  get activeKey(): StoreKey {
    return this.storeKeys.find((key) => key.kid === this.activeKid)!
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
    const kids = [...new Set(records.map((r) => r.kid))]
    return this.run(() =>
      inTransaction(this.pool, async (client) => {
        // A key another process retired meanwhile must not sign anything more (FOR SHARE: a retirement waits for us).
        const usable = await client.query<{ kid: string }>(
          `SELECT kid FROM ${SCHEMA}.keys WHERE issuer_id = $1 AND kid = ANY($2::text[]) AND retired_at IS NULL FOR SHARE`,
          [this.issuerId, kids],
        )
        const retired = kids.filter((kid) => !usable.rows.some((r) => r.kid === kid))
        if (retired.length > 0) {
          throw new MicrocertError('ERR_STATE_CONFLICT', `The key "${retired[0]}" was retired by another process; open the store again to sign with its current key`, {
            details: { kid: retired[0], reason: 'key-retired' },
          })
        }
        const { rows } = await client.query<{ row_key: string }>(
          `INSERT INTO ${SCHEMA}.credentials (issuer_id, certificate_id, credential_id, row_key, status_index, issued_at, format, credential, kid, achievement_id)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           ON CONFLICT DO NOTHING RETURNING row_key`,
          [
            this.issuerId,
            sorted.map((r) => r.certificateId),
            sorted.map((r) => r.credentialId),
            sorted.map((r) => r.rowKey),
            sorted.map((r) => r.statusIndex),
            sorted.map((r) => r.issuedAt),
            sorted.map((r) => r.format),
            sorted.map((r) => r.credential),
            sorted.map((r) => r.kid),
            sorted.map((r) => r.achievementId),
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
          `INSERT INTO ${SCHEMA}.credentials (issuer_id, certificate_id, credential_id, row_key, status_index, issued_at, format, credential,
             kid, achievement_id, state, reason, reason_private, since, revoked_at, suspended_at, unpublished)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
             $11::text[], $12::text[], $13::boolean[], $14::text[], $15::text[], $16::text[], $17::boolean[])
           ON CONFLICT DO NOTHING`,
          [
            this.issuerId,
            records.map((r) => r.certificateId),
            records.map((r) => r.credentialId),
            records.map((r) => r.rowKey),
            records.map((r) => r.statusIndex),
            records.map((r) => r.issuedAt),
            records.map((r) => r.format),
            records.map((r) => r.credential),
            records.map((r) => r.kid),
            records.map((r) => r.achievementId),
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

  getMany(certificateIds: readonly string[]): Promise<IssuedRecord[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${SCHEMA}.credentials WHERE issuer_id = $1 AND certificate_id = ANY($2::text[])`, [
        this.issuerId,
        certificateIds,
      ])
      const byId = new Map(rows.map((row) => [row.certificate_id, toRecord(row)]))
      return certificateIds.map((id) => {
        const record = byId.get(id)
        if (record === undefined) throw new TypeError(`The store lost credential "${id}" it just reported`)
        return record
      })
    })
  }

  list(filter: ListFilter = {}): AsyncIterable<IssuedRecord> {
    const checked = checkListFilter(filter)
    return this.pages((text, values) => this.run(() => this.pool.query<RecordRow & { seq: string }>(text, values)), checked)
  }

  /** Records in issue order, a page at a time (keyset pagination on the issue order; each filter is an indexed column). */
  private async *pages(query: (text: string, values: unknown[]) => Promise<{ rows: (RecordRow & { seq: string })[] }>, filter: ListFilter = {}): AsyncIterable<IssuedRecord> {
    const where: string[] = []
    const values: unknown[] = [this.issuerId]
    for (const [column, value] of [
      ['state', filter.state],
      ['achievement_id', filter.course],
      ['kid', filter.kid],
    ] as const) {
      if (value === undefined) continue
      values.push(value)
      where.push(`AND ${column} = $${values.length}`)
    }
    let after = '0'
    for (;;) {
      const { rows } = await query(
        `SELECT seq, ${RECORD_COLUMNS} FROM ${SCHEMA}.credentials WHERE issuer_id = $1 ${where.join(' ')} AND seq > $${values.length + 1} ORDER BY seq LIMIT ${PAGE}`,
        [...values, after],
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
          const { keys } = await readKeys(client, this.issuerId, this.config.did, this.location)
          return read({
            statusLists: rows[0]!.status_lists,
            keys,
            records: () => this.pages((text, values) => client.query<RecordRow & { seq: string }>(text, values)),
          })
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    )
  }

  addKey(newKey: Omit<StoreKey, 'kid'>, privateJwk?: JsonWebKey): Promise<StoreKey> {
    if (privateJwk !== undefined && (newKey.privateKeyFile === undefined || !isAbsolute(newKey.privateKeyFile))) {
      return Promise.reject(new TypeError('rotateKey: a PostgreSQL store keeps private keys outside the database: give keyFile (an absolute path) or a signer'))
    }
    return this.run(async () => {
      const key = await inTransaction(this.pool, async (client) => {
        // The issuer's row lock orders rotations of this issuer, so two processes never name two keys alike.
        await this.lockIssuer(client)
        const { rows } = await client.query<{ kid: string }>(`SELECT kid FROM ${SCHEMA}.keys WHERE issuer_id = $1`, [this.issuerId])
        const key: StoreKey = { ...newKey, kid: nextKeyId(this.config.did, rows.map((r) => r.kid)) }
        await client.query(`UPDATE ${SCHEMA}.keys SET active = false WHERE issuer_id = $1 AND active`, [this.issuerId])
        await insertKey(client, this.issuerId, key, true)
        if (privateJwk !== undefined) placePrivateKeyFile(key.privateKeyFile!, privateJwk)
        return key
      })
      await this.reloadKeys()
      return key
    })
  }

  retireKey(kid: string, at: string): Promise<void> {
    return this.run(async () => {
      await inTransaction(this.pool, async (client) => {
        await this.lockIssuer(client)
        const { keys, activeKid } = await readKeys(client, this.issuerId, this.config.did, this.location)
        const key = keys.find((k) => k.kid === kid)
        if (key === undefined) throw keyNotFound(kid, this.location)
        retirable(key, activeKid)
        await client.query(`UPDATE ${SCHEMA}.keys SET retired_at = $3 WHERE issuer_id = $1 AND kid = $2`, [this.issuerId, kid, at])
      })
      await this.reloadKeys()
    })
  }

  reloadKeys(): Promise<void> {
    return this.run(async () => {
      const { keys, activeKid } = await readKeys(this.pool, this.issuerId, this.config.did, this.location)
      this.storeKeys = keys
      this.activeKid = activeKid
    })
  }

  issuanceState(now: () => Date): IssuanceStateStore {
    this.state ??= new PgIssuanceState(this.pool, this.issuerId, this.location, now)
    return this.state
  }

  async close(): Promise<void> {
    await this.pool.end()
  }

  async destroy(): Promise<void> {
    try {
      await this.run(() =>
        inTransaction(this.pool, async (client) => {
          for (const table of ['issuance_state', 'events', 'credentials', 'status_indexes', 'keys']) {
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
  return issuedRecord({
    certificateId: row.certificate_id,
    credentialId: row.credential_id,
    rowKey: row.row_key,
    statusIndex: row.status_index,
    issuedAt: row.issued_at,
    ...state,
    format: row.format,
    credential: row.credential,
    kid: row.kid,
    achievementId: row.achievement_id,
  })
}
