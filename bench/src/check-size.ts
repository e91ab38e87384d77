// The CI size step (run by `pnpm test` after the build): prints the widget's size table, warns about every budget
// that is crossed — the size budgets of DESIGN §12 and the ratio budgets of the last recorded `pnpm bench` run
// (docs/benchmarks.json; timings are noise in CI, so they never fail it) — and FAILS when the first-load JavaScript
// is over WIDGET_FIRST_LOAD_GATE_BYTES (sizes are deterministic, so a regression there is real).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { BUDGETS, WIDGET_FIRST_LOAD_GATE_BYTES } from './budgets.js'
import { REPO } from './lib/fixtures.js'
import { kb } from './lib/format.js'
import type { Row } from './lib/report.js'
import { measureWidget } from './lib/widget-size.js'

const size = measureWidget()
const warnings: string[] = []
console.log('widget CDN build (packages/verify-widget/dist), min / gzip -9 / brotli')
for (const c of size.chunks) {
  console.log(`  ${c.file.padEnd(36)} ${kb(c.minBytes).padStart(9)} ${kb(c.gzipBytes).padStart(9)} ${kb(c.brotliBytes).padStart(9)}  ${c.load}`)
}
const line = (name: string, bytes: number, budget: number): void => {
  const over = bytes > budget
  console.log(`  ${name.padEnd(36)} ${kb(bytes).padStart(9)} gzip   budget ${kb(budget)}: ${over ? `OVER (${((bytes / budget) * 100).toFixed(0)} %)` : 'within'}`)
  if (over) warnings.push(`${name} is ${kb(bytes)} gzip, over its ${kb(budget)} budget (DESIGN §12)`)
}
line('first load (main + static imports)', size.firstLoadGzip, BUDGETS.widgetFirstLoadBytes)
line('everything for a VC-JWT verification', size.vcJwtGzip, BUDGETS.widgetVcJwtBytes)

const recorded = join(REPO, 'docs/benchmarks.json')
if (existsSync(recorded)) {
  const run = JSON.parse(readFileSync(recorded, 'utf8')) as { date: string; rows: Row[] }
  for (const row of run.rows) {
    if (row.budget !== undefined && !row.budget.met) warnings.push(`last pnpm bench (${run.date}): ${row.name} — ${row.budget.text} not met`)
  }
}
for (const warning of warnings) console.log(`warning: ${warning}`)

if (size.firstLoadGzip > WIDGET_FIRST_LOAD_GATE_BYTES) {
  console.error(
    `FAIL: the widget's first-load JavaScript is ${size.firstLoadGzip.toLocaleString('en')} bytes gzip, over the CI gate of ` +
      `${WIDGET_FIRST_LOAD_GATE_BYTES.toLocaleString('en')} bytes (bench/src/budgets.ts). Find what grew (pnpm bench -- --only size).`,
  )
  process.exit(1)
}
console.log(`size gate: first load ${size.firstLoadGzip.toLocaleString('en')} ≤ ${WIDGET_FIRST_LOAD_GATE_BYTES.toLocaleString('en')} bytes gzip: ok`)
