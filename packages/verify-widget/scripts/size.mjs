#!/usr/bin/env node
// Size of the CDN bundle (min + gzip) against the 45 KB budget of DESIGN §12. A report, not a test: exit code 0
// unless the bundle is missing. `--json` prints one JSON line; `--build` builds the package first if dist/ is missing.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET = 45 * 1024
const dist = new URL('../dist/', import.meta.url)
const main = new URL('microcert-verify.js', dist)
if (!existsSync(main) && process.argv.includes('--build')) {
  spawnSync('pnpm', ['run', 'build'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' })
}
if (!existsSync(main)) {
  console.error('dist/microcert-verify.js is missing: run `pnpm --filter @microcert/verify-widget build` first')
  process.exit(1)
}
const measure = (url) => {
  const bytes = readFileSync(url)
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const bundle = measure(main)
const languages = readdirSync(new URL('microcert-verify-i18n/', dist))
  .filter((f) => f.endsWith('.js'))
  .map((f) => ({ file: f, ...measure(new URL(`microcert-verify-i18n/${f}`, dist)) }))
const report = {
  file: 'dist/microcert-verify.js',
  minBytes: bundle.min,
  gzipBytes: bundle.gzip,
  budgetBytes: BUDGET,
  withinBudget: bundle.gzip <= BUDGET,
  ratioToBudget: Number((bundle.gzip / BUDGET).toFixed(3)),
  languageFiles: languages,
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report))
} else {
  console.log(`widget CDN bundle dist/microcert-verify.js: ${kb(bundle.min)} min, ${kb(bundle.gzip)} min+gzip`)
  console.log(`budget ${kb(BUDGET)} min+gzip: ${report.withinBudget ? 'within' : 'OVER'} (${(report.ratioToBudget * 100).toFixed(0)}% of budget)`)
  console.log(`language files loaded on demand: ${languages.map((l) => `${l.file} ${kb(l.gzip)}`).join(', ')}`)
}
