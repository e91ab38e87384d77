import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { BenchCase } from '../lib/bench-case.js'
import { REPO } from '../lib/fixtures.js'
import { int, perSecond, seconds } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { ratioOf } from '../lib/stats.js'

const CORE = join(REPO, 'packages/core')
const LINE = /^(directory, 1 process|PostgreSQL, \d+ process(?:es)?)\s+([\d,]+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s*$/

interface StoreRun {
  store: string
  credentials: number
  issuePerSecond: number
  publishSeconds: number
}

/** Runs the issuer-store comparison that lives with the stores (packages/core/bench/store.bench.ts, issue 13). */
function runStoreBench(sizes: string): Promise<StoreRun[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/store.bench.ts'], {
      cwd: CORE,
      env: { ...process.env, BENCH_STORE_SIZES: sizes },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk.slice(-4000)))
    child.on('error', reject)
    child.on('close', (code) => {
      const runs = out
        .split('\n')
        .map((line) => LINE.exec(line))
        .filter((m) => m !== null)
        .map((m) => ({ store: m[1]!, credentials: Number(m[2]!.replace(/,/g, '')), issuePerSecond: Number(m[3]), publishSeconds: Number(m[5]) }))
      if (code !== 0 || runs.length === 0) reject(new Error(`store bench exited with ${code}\n${out.slice(-2000)}\n${err}`))
      else resolve(runs)
    })
  })
}

export const storeCase: BenchCase = {
  name: 'store',
  summary: 'issuer stores side by side: directory store vs PostgreSQL (1 and 4 issuing processes), batch issue and publish',
  async run(context) {
    const sizes = context.options.quick ? '10000' : '10000,100000'
    context.log(`store: directory vs PostgreSQL at ${sizes} credentials (a throwaway PostgreSQL cluster)`)
    const runs = await runStoreBench(sizes)
    const rows: Row[] = []
    for (const run of runs) {
      const directory = runs.find((r) => r.credentials === run.credentials && r.store.startsWith('directory'))!
      const ratio = ratioOf('speed', [run.issuePerSecond / directory.issuePerSecond])
      const isBaseline = run === directory
      rows.push({
        group: 'store',
        name: `store issue, ${run.store}, ${int(run.credentials)}`,
        ours: perSecond(run.issuePerSecond),
        baseline: 'directory store, 1 process',
        base: perSecond(directory.issuePerSecond),
        ...(isBaseline ? {} : { ratio }),
        // Issue 13: several processes on one database should at least match the single-process directory store.
        ...(run.store === 'PostgreSQL, 4 processes' ? { budget: { text: '≥ 1.00× (issue 13)', met: ratio.median >= 1 } } : {}),
        note: `publish ${seconds(run.publishSeconds)} (directory ${seconds(directory.publishSeconds)}); one run each, fresh store and processes`,
      })
    }
    return rows
  },
}
