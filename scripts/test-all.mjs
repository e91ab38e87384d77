#!/usr/bin/env node
// `pnpm test`: everything a change must pass, in the order a failure is cheapest to read.
// Each step's own output streams through; the runners' summary lines are parsed so the run ends with one
// plain total line ("N passed, N failed"). Every step runs even when an earlier one failed, so one run shows
// every problem; the exit code is non-zero if any step failed.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

/** Packages and examples that declare a script, in a stable order. */
function workspacesWithScript(folder, script) {
  const dir = join(root, folder)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')))
    .filter((name) => JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')).scripts?.[script])
    .map((name) => join(folder, name))
}

const steps = [
  { name: 'build', cmd: ['pnpm', 'build'], counts: false },
  // Prints the widget's size table and warns about budgets (bench/src/budgets.ts); fails only when the first-load
  // JavaScript grows past its gate (sizes are deterministic, timings are not, so no timing runs here).
  { name: 'widget size', cmd: ['pnpm', '--dir', 'bench', 'run', 'size'], counts: false },
  { name: 'typecheck', cmd: ['pnpm', 'typecheck'], counts: false },
  { name: 'lint (publint)', cmd: ['pnpm', 'lint'], counts: false },
  { name: 'unit tests (vitest)', cmd: ['pnpm', 'exec', 'vitest', 'run'] },
  ...workspacesWithScript('packages', 'test:browser').map((dir) => ({
    name: `browser tests (${dir})`,
    cmd: ['pnpm', '--dir', dir, 'run', 'test:browser'],
  })),
  ...workspacesWithScript('packages', 'test:e2e').map((dir) => ({
    name: `end-to-end (${dir})`,
    cmd: ['pnpm', '--dir', dir, 'run', 'test:e2e'],
  })),
  ...workspacesWithScript('examples', 'test').map((dir) => ({
    name: `example (${dir})`,
    cmd: ['pnpm', '--dir', dir, 'run', 'test'],
  })),
]

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g

/** Passed/failed counts from a runner's closing lines (vitest, node:test, @web/test-runner). */
function parseCounts(output) {
  const text = output.replace(ANSI, '')
  const vitest = text.match(/^\s*Tests\s+(.*)$/m)
  if (vitest) {
    const passed = Number(vitest[1].match(/(\d+) passed/)?.[1] ?? 0)
    const failed = Number(vitest[1].match(/(\d+) failed/)?.[1] ?? 0)
    return { passed, failed }
  }
  const nodePass = [...text.matchAll(/^# pass (\d+)$/gm)].pop()
  const nodeFail = [...text.matchAll(/^# fail (\d+)$/gm)].pop()
  if (nodePass) return { passed: Number(nodePass[1]), failed: Number(nodeFail?.[1] ?? 0) }
  const plain = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop()
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) }
  return undefined
}

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now()
    process.stdout.write(`\n=== ${step.name}: ${step.cmd.join(' ')}\n`)
    const child = spawn(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    let output = ''
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk) })
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk) })
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }))
  })
}

let passed = 0
let failed = 0
const summary = []
for (const step of steps) {
  const { code, output, seconds } = await run(step)
  const counts = step.counts === false ? undefined : parseCounts(output)
  if (counts) {
    passed += counts.passed
    failed += counts.failed
  }
  // A runner that exits non-zero without a failed test (crash, compile error) still counts as one failure.
  if (code !== 0 && (!counts || counts.failed === 0)) failed += 1
  if (code === 0 && step.counts !== false && !counts) passed += 1
  const countText = counts ? `${counts.passed} passed, ${counts.failed} failed` : code === 0 ? 'ok' : `exit ${code}`
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${step.name} — ${countText} (${seconds.toFixed(1)} s)`)
}

process.stdout.write(`\n=== summary\n${summary.join('\n')}\n`)
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exit(failed === 0 ? 0 : 1)
