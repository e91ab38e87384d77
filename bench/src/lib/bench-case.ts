import type { BenchOptions } from './options.js'
import type { Row } from './report.js'
import { median, pairedRatios, ratioOf, type Ratio } from './stats.js'
import type { Slices } from './interleave.js'
import { runWorker } from './worker.js'

export interface BenchContext {
  options: BenchOptions
  /** A temporary directory for this run, removed at the end. */
  tmp: string
  /** Progress for the person waiting (stderr; the table goes to stdout). */
  log(message: string): void
}

/** One selectable case of `pnpm bench` (`--only <name>`). */
export interface BenchCase {
  name: string
  /** What it measures, for `--help` and the report. */
  summary: string
  run(context: BenchContext): Promise<Row[]>
}

export interface Comparison {
  /** Our median, operations per CPU-second. */
  ours: number
  /** The baseline's median, operations per CPU-second. */
  base: number
  /** Speed ratio per interleaved round (CPU time), pooled over every process. */
  ratio: Ratio
  /** The same from wall-clock time (one operation in flight, so thread-pool hand-offs count too). */
  wallRatio: Ratio
  /** Anything else the worker reported (the last process's). */
  extra: Record<string, unknown>
}

/**
 * Runs a worker (an interleaved A/B comparison) in `options.processes` fresh processes one after the other, and
 * pools their rounds: median and range of the per-round speed ratios.
 */
export async function compareInProcesses(context: BenchContext, worker: string, params: Record<string, unknown>): Promise<Comparison> {
  const { processes, rounds, sliceMs } = context.options
  const a: number[] = []
  const b: number[] = []
  const aWall: number[] = []
  const bWall: number[] = []
  let extra: Record<string, unknown> = {}
  for (let p = 0; p < processes; p++) {
    const profile = context.options.cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', context.options.cpuProfDir]
    const result = await runWorker<Slices & Record<string, unknown>>(worker, { ...params, rounds, ms: sliceMs }, profile)
    a.push(...result.a)
    b.push(...result.b)
    aWall.push(...result.aWall)
    bWall.push(...result.bWall)
    const { a: _a, b: _b, aWall: _aw, bWall: _bw, ...rest } = result
    extra = rest
  }
  return { ours: median(a), base: median(b), ratio: ratioOf('speed', pairedRatios(a, b)), wallRatio: ratioOf('speed', pairedRatios(aWall, bWall)), extra }
}

export function speedBudget(ratio: Ratio, min: number): Row['budget'] {
  return { text: `≥ ${min.toFixed(2)}×`, met: ratio.median >= min }
}

export function timeBudget(ratio: Ratio, max: number): Row['budget'] {
  return { text: `≤ ${max}×`, met: ratio.median <= max }
}
