#!/usr/bin/env node
// `pnpm bench`: every package's benchmarks in one run. Benchmarks report numbers and ratios; they never fail a build.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')))
  .filter((name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).scripts?.bench)

let failures = 0
for (const name of packages) {
  process.stdout.write(`\n=== bench: packages/${name}\n`)
  const result = spawnSync('pnpm', ['--dir', join('packages', name), 'run', 'bench'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) failures += 1
}
process.exit(failures === 0 ? 0 : 1)
