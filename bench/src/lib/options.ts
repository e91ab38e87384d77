import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

/** What `pnpm bench -- …` was asked for. */
export interface BenchOptions {
  /** Fewer rounds and processes, and no 50k/100k-row cases: a few minutes instead of half an hour. */
  quick: boolean
  /** Case names to run (`--only verify,sign`); empty: all. */
  only: string[]
  /** Skip `pnpm build` (the packages' dist/ must be current). */
  build: boolean
  /** Write docs/benchmarks.md (and .json). Default: only on a full run of every case. */
  write: boolean
  /** Separate processes per in-process comparison. */
  processes: number
  /** Interleaved rounds per process. */
  rounds: number
  /** Length of one measured slice, ms. */
  sliceMs: number
  /** Directory for `node --cpu-prof` profiles of every worker process (open them in Chrome DevTools). */
  cpuProfDir: string | undefined
}

export const USAGE = `pnpm bench [-- options]
  --quick            fewer rounds, one process per comparison, no 50k/100k-row cases
  --only a,b         run only these cases (see the list below)
  --no-build         do not run "pnpm build" first
  --write            write docs/benchmarks.md even for a partial or quick run
  --no-write         never write docs/benchmarks.md
  --processes N      separate processes per in-process comparison (default 3; quick 1)
  --rounds N         interleaved rounds per process (default 7; quick 5)
  --slice-ms N       length of one measured slice in ms (default 400; quick 250)
  --cpu-prof DIR     write a CPU profile of every worker process to DIR (node --cpu-prof)`

export function parseOptions(argv: readonly string[], caseNames: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      'no-build': { type: 'boolean', default: false },
      write: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      processes: { type: 'string' },
      rounds: { type: 'string' },
      'slice-ms': { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log(`${USAGE}\ncases: ${caseNames.join(', ')}`)
    process.exit(0)
  }
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
  const unknown = only.filter((name) => !caseNames.includes(name))
  if (unknown.length > 0) throw new Error(`unknown case ${unknown.map((n) => `"${n}"`).join(', ')}; cases: ${caseNames.join(', ')}`)
  const number = (text: string | undefined, fallback: number, name: string): number => {
    if (text === undefined) return fallback
    const n = Number(text)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`)
    return n
  }
  const quick = values.quick === true
  const complete = only.length === 0 && !quick
  return {
    quick,
    only,
    build: values['no-build'] !== true,
    write: values['no-write'] === true ? false : values.write === true || complete,
    processes: number(values.processes, quick ? 1 : 3, 'processes'),
    rounds: number(values.rounds, quick ? 5 : 7, 'rounds'),
    sliceMs: number(values['slice-ms'], quick ? 250 : 400, 'slice-ms'),
    cpuProfDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
  }
}
