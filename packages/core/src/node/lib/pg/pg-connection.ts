import type { Pool, PoolClient } from 'pg'
import { MicrocertError, isMicrocertError } from '../../../errors.js'

/** True for a location that names a PostgreSQL database (`postgres://…` or `postgresql://…`) instead of a directory. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location)
}

/** A PostgreSQL store location: the connection string for `pg`, the issuer it names, and a form safe to print. */
export interface PostgresLocation {
  connectionString: string
  /** The issuer DID of `?issuer=…`: one database holds several issuers (tenants), told apart by their DID. */
  issuer?: string
  /** The URL without its password (what `Issuer.location` shows, and what error messages name). */
  display: string
}

/** Parses a `postgres://` location. A malformed URL throws `TypeError` (it never echoes the password). */
export function parsePostgresLocation(location: string): PostgresLocation {
  let url: URL
  try {
    url = new URL(location)
  } catch {
    throw new TypeError('The PostgreSQL location is not a valid URL (postgres://user:password@host:5432/database)')
  }
  const issuer = url.searchParams.get('issuer') ?? undefined
  url.searchParams.delete('issuer')
  const connectionString = url.href
  const shown = new URL(url.href)
  shown.password = ''
  for (const secret of ['password', 'sslpassword']) shown.searchParams.delete(secret)
  if (issuer !== undefined) shown.searchParams.set('issuer', issuer)
  return { connectionString, ...(issuer === undefined ? {} : { issuer }), display: shown.href }
}

/** Loads the optional `pg` driver. Errors: ERR_STORE_NOT_FOUND (`details.reason: 'driver-missing'`). */
export async function loadPg(): Promise<typeof import('pg')> {
  try {
    const mod = (await import('pg')) as typeof import('pg') & { default?: typeof import('pg') }
    return mod.default ?? mod
  } catch (cause) {
    throw new MicrocertError('ERR_STORE_NOT_FOUND', 'A postgres:// store needs the "pg" package: npm install pg', {
      cause,
      details: { reason: 'driver-missing' },
    })
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT', 'EHOSTUNREACH', '57P01', '57P02', '57P03'])

/** True when `error` means the connection is gone (server restart, network, a terminated backend). */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true
  const message = error instanceof Error ? error.message : ''
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/i.test(message)
}

/** A failure to reach the database at all (open / create). */
export function unreachable(display: string, cause: unknown): MicrocertError {
  const code = (cause as { code?: string } | undefined)?.code
  const reason = code === '3D000' ? 'database-missing' : code === '28P01' || code === '28000' ? 'authentication-failed' : 'unreachable'
  const what =
    reason === 'database-missing' ? 'the database does not exist' : reason === 'authentication-failed' ? 'the server refused the credentials' : 'the server cannot be reached'
  return new MicrocertError('ERR_STORE_NOT_FOUND', `Cannot open the PostgreSQL store at "${display}": ${what}`, {
    cause,
    details: { location: display, reason, ...(code === undefined ? {} : { sqlstate: code }) },
  })
}

/**
 * Any other database failure during an operation: ERR_WRITE_FAILED, `details.reason` 'connection-lost' or
 * 'database-error'. Our own errors (MicrocertError, TypeError for misuse) pass through unchanged.
 */
export function databaseFailed(display: string, cause: unknown): Error {
  if (isMicrocertError(cause) || cause instanceof TypeError) return cause
  const code = (cause as { code?: string } | undefined)?.code
  const lost = isConnectionError(cause)
  return new MicrocertError(
    'ERR_WRITE_FAILED',
    lost
      ? `The connection to the PostgreSQL store at "${display}" was lost; nothing of the unfinished step was stored, run it again`
      : `The PostgreSQL store at "${display}" refused an operation${code === undefined ? '' : ` (SQLSTATE ${code})`}`,
    { cause, details: { location: display, reason: lost ? 'connection-lost' : 'database-error', ...(code === undefined ? {} : { sqlstate: code }) } },
  )
}

// Deadlock and serialisation failure: PostgreSQL rolled the whole transaction back, so running it again is safe.
const RETRYABLE = new Set(['40P01', '40001'])

/**
 * Runs `work` in one transaction on a pooled connection. A deadlock or serialisation failure is retried; a lost
 * connection is dropped from the pool (never handed out again) and the error passed on.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect()
    let broken: Error | undefined
    // A checked-out client reports a dropped connection as an 'error' event, which would end the process unheard.
    const onError = (error: Error) => {
      broken = error
    }
    client.on('error', onError)
    try {
      await client.query(begin)
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      if (isConnectionError(error)) broken ??= error as Error
      if (broken === undefined) await client.query('ROLLBACK').catch(() => undefined)
      const code = (error as { code?: string }).code
      if (broken === undefined && code !== undefined && RETRYABLE.has(code) && attempt < 5) continue
      throw error
    } finally {
      client.off('error', onError)
      client.release(broken)
    }
  }
}
