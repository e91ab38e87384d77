// Fresh PostgreSQL databases for tests. The server is the throwaway cluster the first caller starts (see
// global-setup.ts), or the one `MICROCERT_TEST_PG_URL` names. Where neither works the test FAILS with the command that
// fixes it: PostgreSQL tests never skip.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { INSTALL_COMMAND, startCluster } from './cluster.js'

function unavailable(reason: string): Error {
  return new Error(
    `PostgreSQL tests need a PostgreSQL server (15 or newer), and none could be started: ${reason}. ` +
      `Install one with "${INSTALL_COMMAND}" (Debian/Ubuntu; the tests then start their own throwaway cluster), ` +
      'or set MICROCERT_TEST_PG_URL to a server where the user may create databases.',
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A URL of the server's maintenance database, starting the shared throwaway cluster if nobody has yet. */
async function serverUrl(): Promise<string> {
  const external = process.env['MICROCERT_TEST_PG_URL']
  if (external !== undefined && external !== '') return external
  const state = process.env['MICROCERT_TEST_PG_STATE']
  if (state === undefined) throw unavailable('the vitest global setup (packages/core/test/node/pg/global-setup.ts) did not run')
  const file = join(state, 'cluster.json')
  const lock = join(state, 'starting')
  for (;;) {
    if (existsSync(file)) {
      const started = JSON.parse(readFileSync(file, 'utf8')) as { url?: string; error?: string }
      if (started.url === undefined) throw unavailable(started.error ?? 'unknown error')
      return started.url
    }
    try {
      mkdirSync(lock)
    } catch {
      await sleep(100)
      continue
    }
    try {
      if (!existsSync(file)) {
        try {
          const cluster = startCluster()
          writeFileSync(file, JSON.stringify({ root: cluster.root, url: cluster.url('postgres') }))
        } catch (error) {
          writeFileSync(file, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }))
        }
      }
    } finally {
      rmdirSync(lock)
    }
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.href
}

/** Creates an empty database and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const server = await serverUrl()
  const name = `microcert_test_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: server })
  try {
    await client.connect()
  } catch (error) {
    throw unavailable(`cannot connect to ${server.replace(/:[^:@/]*@/, ':***@')} (${error instanceof Error ? error.message : String(error)})`)
  }
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  return withDatabase(server, name)
}

/** Drops a database made by `freshDatabase`, ending its open connections. */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1)
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await client.end()
  }
}

/** Runs one SQL statement in the database at `url` (for tests that look under the store, or break it on purpose). */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/**
 * One database for a whole test file, created when a test first asks for it — so that without a server each test
 * fails on its own with the message above instead of being reported as skipped — and dropped by `drop()`.
 */
export function fileDatabase(): { url(): Promise<string>; drop(): Promise<void> } {
  let created: Promise<string> | undefined
  return {
    url: () => (created ??= freshDatabase()),
    drop: async () => {
      const url = await created?.catch(() => undefined)
      if (url !== undefined) await dropDatabase(url)
    },
  }
}
