import type { Pool } from 'pg'
import type { IssuanceStateLookup, IssuanceStateStore, IssuanceStateValue } from '../../../issuance-state-store.js'
import { SCHEMA } from './migrations.js'
import { databaseFailed } from './pg-connection.js'

const RETENTION_MS = 86_400_000
/** Purge old entries at most this often per process (a DELETE over the expiry index). */
const PURGE_INTERVAL_MS = 60_000

interface Row {
  value: string
  expires_at: string
  used: boolean
}

/**
 * The PostgreSQL store's `IssuanceStateStore`: one row per entry in `issuance_state`, shared by every process and
 * machine that opens the store. Single use is one statement, `UPDATE … SET used = true WHERE NOT used AND
 * expires_at > now RETURNING value`: of any number of concurrent consumers exactly one gets the row back (the row
 * lock serialises them; the others then see `used`). Used entries are kept for the retention, so a wallet hears
 * "already used" rather than "unknown".
 */
export class PgIssuanceState implements IssuanceStateStore {
  private lastPurge = 0

  constructor(
    private readonly pool: Pool,
    private readonly issuerId: string,
    private readonly location: string,
    private readonly clock: () => Date,
  ) {}

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw databaseFailed(this.location, error)
    }
  }

  async create(key: string, value: IssuanceStateValue, expiresAt: Date): Promise<boolean> {
    checkKey(key)
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw new TypeError('IssuanceStateStore.create: expiresAt must be a valid Date')
    const text = JSON.stringify(value)
    return this.run(async () => {
      await this.purge()
      const { rowCount } = await this.pool.query(
        `INSERT INTO ${SCHEMA}.issuance_state (issuer_id, key, value, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [this.issuerId, key, text, expiresAt.getTime()],
      )
      return rowCount === 1
    })
  }

  async get(key: string, now: Date): Promise<IssuanceStateLookup> {
    checkKey(key)
    return this.run(async () => {
      const { rows } = await this.pool.query<Row>(`SELECT value, expires_at, used FROM ${SCHEMA}.issuance_state WHERE issuer_id = $1 AND key = $2`, [
        this.issuerId,
        key,
      ])
      return lookup(rows[0], now)
    })
  }

  async consume(key: string, now: Date): Promise<IssuanceStateLookup> {
    checkKey(key)
    return this.run(async () => {
      const taken = await this.pool.query<Row>(
        `UPDATE ${SCHEMA}.issuance_state SET used = true WHERE issuer_id = $1 AND key = $2 AND NOT used AND expires_at > $3
         RETURNING value, expires_at, false AS used`,
        [this.issuerId, key, now.getTime()],
      )
      if (taken.rows[0] !== undefined) return lookup(taken.rows[0], now)
      // Not taken: tell used, expired and unknown apart (an expired entry stays unused).
      return this.get(key, now)
    })
  }

  private async purge(): Promise<void> {
    const now = this.clock().getTime()
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return
    this.lastPurge = now
    await this.pool.query(`DELETE FROM ${SCHEMA}.issuance_state WHERE issuer_id = $1 AND expires_at < $2`, [this.issuerId, now - RETENTION_MS])
  }
}

function lookup(row: Row | undefined, now: Date): IssuanceStateLookup {
  if (row === undefined) return { state: 'missing' }
  const expiresAt = Number(row.expires_at)
  if (expiresAt + RETENTION_MS < now.getTime()) return { state: 'missing' }
  if (row.used) return { state: 'used' }
  if (expiresAt <= now.getTime()) return { state: 'expired' }
  return { state: 'live', value: JSON.parse(row.value) as IssuanceStateValue, expiresAt: new Date(expiresAt) }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new TypeError('IssuanceStateStore key must be a string of 1-512 characters')
}
