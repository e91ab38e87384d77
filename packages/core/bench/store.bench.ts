// Issue throughput and publish time of the two issuer stores side by side: the directory store (one process, its
// lock admits no other), the PostgreSQL store with one process, and with four processes issuing at once into one
// database (what several application servers behind a load balancer do). Each run is a fresh store and fresh
// processes; the times exclude process start-up. PostgreSQL: a throwaway cluster with the server defaults (fsync on),
// or the server MICROCERT_BENCH_PG_URL names (the user must be allowed to create databases).
// Sizes: BENCH_STORE_SIZES (default "10000,100000").
// Run alone: pnpm --dir packages/core exec tsx --conditions source bench/store.bench.ts
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createIssuer } from '../src/node/index.js'
import { startCluster, stopCluster } from '../test/node/pg/cluster.js'

const ISSUER = { did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts' }
const WORKER = new URL('./store-worker.ts', import.meta.url).pathname

interface Timed {
  start: number
  end: number
}

/** Starts workers, lets them open the store, then starts them together; resolves with each one's timing. */
async function runWorkers(jobs: string[][]): Promise<Timed[]> {
  const children = jobs.map((args) =>
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', WORKER, ...args], {
      cwd: new URL('..', import.meta.url).pathname,
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  )
  const outputs = children.map((child) => {
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
    const ready = new Promise<void>((resolve, reject) => {
      const check = () => (out.includes('ready\n') ? resolve() : undefined)
      child.stdout.on('data', check)
      child.on('close', (code) => reject(new Error(`worker exited ${code} before ready: ${err}`)))
    })
    const done = new Promise<Timed>((resolve, reject) =>
      child.on('close', (code) => {
        const line = out.split('\n').find((l) => l.startsWith('{'))
        if (code === 0 && line !== undefined) resolve(JSON.parse(line) as Timed)
        else reject(new Error(`worker exited ${code}: ${err}`))
      }),
    )
    return { ready, done }
  })
  await Promise.all(outputs.map((o) => o.ready))
  for (const child of children) child.stdin.end('go\n')
  return Promise.all(outputs.map((o) => o.done))
}

const span = (runs: Timed[]) => (Math.max(...runs.map((r) => r.end)) - Math.min(...runs.map((r) => r.start))) / 1000

async function measure(location: string, options: Record<string, unknown>, total: number, processes: number, scratch: string) {
  const created = await createIssuer(location, { ...ISSUER, ...options })
  await created.close()
  const share = Math.ceil(total / processes)
  const issued = await runWorkers(Array.from({ length: processes }, (_, p) => [location, String(p * share), String(Math.min(share, total - p * share))]))
  const published = await runWorkers([[location, '0', '0', join(scratch, `site-${randomBytes(4).toString('hex')}`)]])
  return { issueSeconds: span(issued), publishSeconds: span(published) }
}

async function freshDatabase(server: string): Promise<string> {
  const name = `microcert_bench_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(server)
  url.pathname = `/${name}`
  return url.href
}

export async function run(): Promise<void> {
  const sizes = (process.env['BENCH_STORE_SIZES'] ?? '10000,100000').split(',').map(Number)
  const scratch = mkdtempSync(join(tmpdir(), 'microcert-store-bench-'))
  const cluster = process.env['MICROCERT_BENCH_PG_URL'] === undefined ? startCluster({ durable: true }) : undefined
  const server = process.env['MICROCERT_BENCH_PG_URL'] ?? cluster!.url('postgres')
  try {
    console.log('issuer stores side by side: batch issue (ES256, build + sign + store) and publish, fresh store each run')
    console.log(`${'store'.padEnd(30)} ${'credentials'.padStart(11)} ${'issue/s'.padStart(8)} ${'issue s'.padStart(8)} ${'publish s'.padStart(10)}`)
    for (const total of sizes) {
      const rows: [string, { issueSeconds: number; publishSeconds: number }][] = []
      rows.push(['directory, 1 process', await measure(join(scratch, `dir-${total}`), {}, total, 1, scratch)])
      for (const processes of [1, 4]) {
        const url = await freshDatabase(server)
        const options = { keyFile: join(scratch, `pg-${total}-${processes}.jwk`) }
        rows.push([`PostgreSQL, ${processes} process${processes > 1 ? 'es' : ''}`, await measure(url, options, total, processes, scratch)])
      }
      for (const [name, r] of rows) {
        console.log(
          `${name.padEnd(30)} ${total.toLocaleString('en').padStart(11)} ${(total / r.issueSeconds).toFixed(0).padStart(8)} ${r.issueSeconds.toFixed(1).padStart(8)} ${r.publishSeconds.toFixed(1).padStart(10)}`,
        )
      }
      const ratio = rows[0]![1].issueSeconds / rows[2]![1].issueSeconds
      console.log(`  PostgreSQL with 4 processes / directory: ${(ratio * 100).toFixed(0)}% of its throughput (target ≥ 100%${ratio >= 1 ? ', met' : ', NOT met'})`)
    }
  } finally {
    if (cluster !== undefined) stopCluster(cluster.root)
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
