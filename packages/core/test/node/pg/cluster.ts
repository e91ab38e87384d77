// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp directory, a server listening only on a
// Unix socket in that directory, stopped and removed afterwards. As root it runs as the unprivileged `postgres` user
// (PostgreSQL refuses to run as root). Nothing here touches a system cluster.
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The one command a developer runs to get what the PostgreSQL tests need (Debian / Ubuntu, as root). */
export const INSTALL_COMMAND = 'apt-get install -y postgresql'

export interface PgCluster {
  /** Directory holding the data directory and the server's socket. */
  root: string
  /** A connection URL for `database` as the superuser `postgres`. */
  url(database: string): string
}

/** Where the server binaries are: `MICROCERT_PG_BIN`, else the newest `/usr/lib/postgresql/<version>/bin`. */
export function findPgBin(): string {
  const fromEnv = process.env['MICROCERT_PG_BIN']
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : []
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries in ${base}/<version>/bin (initdb, pg_ctl)`)
  return join(base, versions[0]!, 'bin')
}

function asServerUser(bin: string, args: string[], root: boolean): { status: number | null; output: string } {
  const [command, commandArgs] = root ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error === undefined ? '' : String(result.error)}` }
}

/**
 * Starts a new cluster. `durable: false` (tests) turns fsync off: the tests kill clients and drop connections, never
 * the server, so the server's own crash safety is not what they check. Benchmarks keep the defaults.
 */
export function startCluster({ durable = false }: { durable?: boolean } = {}): PgCluster {
  const bin = findPgBin()
  const isRoot = process.getuid?.() === 0
  const root = mkdtempSync(join(tmpdir(), 'microcert-pg-'))
  if (isRoot) {
    let uid: number
    let gid: number
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    } catch {
      rmSync(root, { recursive: true, force: true })
      throw new Error('running as root, but there is no "postgres" user to run the server as')
    }
    chownSync(root, uid, gid)
  }
  const data = join(root, 'data')
  const init = asServerUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], isRoot)
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true })
    throw new Error(`initdb failed: ${init.output.trim().split('\n').slice(-3).join(' ')}`)
  }
  const settings = [`-k ${root}`, "-c listen_addresses=''", '-c max_connections=200', ...(durable ? [] : ['-c fsync=off', '-c full_page_writes=off'])]
  const start = asServerUser(join(bin, 'pg_ctl'), ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start'], isRoot)
  if (start.status !== 0) {
    const log = existsSync(join(root, 'server.log')) ? readFileSync(join(root, 'server.log'), 'utf8').trim().split('\n').slice(-3).join(' ') : ''
    rmSync(root, { recursive: true, force: true })
    throw new Error(`pg_ctl start failed: ${start.output.trim()} ${log}`)
  }
  return { root, url: (database) => `postgres://postgres@localhost/${database}?host=${encodeURIComponent(root)}` }
}

/** Stops a cluster started by `startCluster` and removes its directory. */
export function stopCluster(root: string): void {
  const isRoot = process.getuid?.() === 0
  try {
    asServerUser(join(findPgBin(), 'pg_ctl'), ['-D', join(root, 'data'), '-m', 'immediate', '-w', 'stop'], isRoot)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}
