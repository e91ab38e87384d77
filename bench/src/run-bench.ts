// `pnpm bench`: microcert next to raw jose and the peers, every figure a ratio to a baseline measured in the same
// run. Prints one table; a full run (every case, not --quick) also writes docs/benchmarks.md and .json.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CASES } from './cases/index.js'
import type { BenchContext } from './lib/bench-case.js'
import { REPO } from './lib/fixtures.js'
import { busyCoresNow, describeMachine, loadNow } from './lib/machine.js'
import { parseOptions, type BenchOptions } from './lib/options.js'
import { markdownTable, textTable, type Row } from './lib/report.js'

let options: BenchOptions
try {
  options = parseOptions(process.argv.slice(2), CASES.map((c) => c.name))
} catch (error) {
  console.error(`pnpm bench: ${error instanceof Error ? error.message : String(error)} (see pnpm bench -- --help)`)
  process.exit(2)
}
const selected = options.only.length === 0 ? CASES : CASES.filter((c) => options.only.includes(c.name))
const log = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)

// What else runs on the machine, measured while the bench runs nothing: before the build and after the last case.
const busyAtStart = busyCoresNow()
if (options.build) {
  log('pnpm build (skip with --no-build)')
  const built = spawnSync('pnpm', ['build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] })
  if (built.status !== 0) {
    console.error('pnpm build failed; nothing was measured')
    process.exit(1)
  }
}

const machine = describeMachine()
const started = new Date()
const tmp = mkdtempSync(join(tmpdir(), 'microcert-bench-'))
const context: BenchContext = { options, tmp, log }
const rows: Row[] = []
const failures: string[] = []
try {
  for (const benchCase of selected) {
    const start = performance.now()
    try {
      rows.push(...(await benchCase.run(context)))
    } catch (error) {
      failures.push(benchCase.name)
      log(`case ${benchCase.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      rows.push({ group: benchCase.name, name: `${benchCase.name}: failed`, baseline: '', ours: '—', base: '—', note: String(error).split('\n')[0] })
    }
    log(`case ${benchCase.name} took ${((performance.now() - start) / 1000).toFixed(0)} s`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
const loadAtEnd = loadNow()
const busyAtEnd = busyCoresNow()
// Busy: other processes kept more than half the cores busy at the start or at the end. (The load average is shown too,
// but it also counts the build and the bench's own last case, so it cannot tell other work apart.)
const loaded = [busyAtStart, busyAtEnd].some((busy) => busy !== undefined && busy > machine.cores / 2)
const busyText = (busy: number | undefined): string => (busy === undefined ? 'not measured' : `${busy.toFixed(2)} cores`)
const otherWork = `other processes' CPU use (3 s, the bench idle) at start ${busyText(busyAtStart)}, at end ${busyText(busyAtEnd)}`
const seconds = (Date.now() - started.getTime()) / 1000

const header = [
  `microcert benchmarks, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC (${(seconds / 60).toFixed(1)} min)`,
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.os}; Node ${machine.node}; ${machine.chromium}`,
  `load average (1/5/15 min) after the build ${machine.load}, at end ${loadAtEnd}; ${otherWork}${loaded ? ' — BUSY machine: provisional figures' : ''}`,
  `method: ${options.quick ? 'QUICK, ' : ''}${options.processes} process(es) × ${options.rounds} interleaved rounds of ${options.sliceMs} ms per in-process comparison`,
]
console.log(`\n${header.join('\n')}\n\n${textTable(rows)}\n`)

const unmet = rows.filter((r) => r.budget !== undefined && !r.budget.met)
if (unmet.length > 0) console.log(`budgets not met (${unmet.length}): ${unmet.map((r) => r.name).join('; ')}`)

if (options.write) {
  const doc = `# Benchmarks

Written by \`pnpm bench\` (bench/) — do not edit by hand; run it again. Where the time and the bytes go, and what
to do about each budget that is not met: [performance.md](performance.md).

- **Run**: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${(seconds / 60).toFixed(1)} minutes${options.quick ? ', **--quick**' : ''}${options.only.length > 0 ? `, only ${options.only.join(', ')}` : ''}
- **Machine**: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.os}
- **Node** ${machine.node}; **${machine.chromium}**
- **Load average** (1/5/15 min) after the build ${machine.load}, at end ${loadAtEnd} (both count the bench's own work)
- **Other work**: ${otherWork}${loaded ? `\n\n> **Provisional**: the machine was busy with other work during this run (other processes kept more than half its cores busy), so\n> the ratios are noisier than they should be. Run \`pnpm bench\` again on a quiet machine for the record.` : ''}

## Method

Every figure is a ratio to a baseline measured in the same run, next to it:

- **In-process cases** (verify, sign, status): ours and the baseline alternate in slices of ${options.sliceMs} ms (A,B then B,A…),
  ${options.rounds} rounds in each of ${options.processes} fresh Node process(es) (separate JIT warm-up), after a warm-up of both.
  Rates are operations per CPU-second of the process (all threads, so WebCrypto's thread pool counts), which a loaded
  machine disturbs much less than wall time. The ratio column is the median of the per-round ratios, and its range.
- **Process cases** (CLI, publish): wall time of whole runs, alternating with the baseline; peak RSS from
  \`getrusage\` of the measured process.
- **Browser**: Chromium via playwright-core, a fresh context per round (cold), then a second navigation in it (warm);
  time from navigation start to the verdict event, alternating with the floor page.
- **Sizes**: minified files, \`gzip -9\`, against a bundle of raw jose \`compactVerify\` + \`importJWK\` (esbuild --minify).
- A \`speed\` ratio is our throughput ÷ the baseline's (higher is better); \`time\` and \`size\` are ours ÷ the baseline's
  (lower is better).

## Results

${markdownTable(rows)}
${unmet.length > 0 ? `\nBudgets not met: ${unmet.map((r) => r.name).join('; ')}.\n` : ''}`
  writeFileSync(join(REPO, 'docs/benchmarks.md'), doc)
  writeFileSync(join(REPO, 'docs/benchmarks.json'), `${JSON.stringify({ date: started.toISOString(), machine, loadAtEnd, busyCores: { atStart: busyAtStart ?? null, atEnd: busyAtEnd ?? null }, provisional: loaded, options, rows }, null, 2)}\n`)
  log('wrote docs/benchmarks.md and docs/benchmarks.json')
}
process.exit(failures.length === 0 ? 0 : 1)
