/** The median of `values` (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * A ratio measured several times: its median and its range. `kind` says how to read it: `speed` is our throughput
 * over the baseline's (higher is better, 1 = as fast), `time` is our time over the baseline's and `size` our bytes
 * over the baseline's (lower is better).
 */
export interface Ratio {
  kind: 'speed' | 'time' | 'size'
  median: number
  min: number
  max: number
  /** How many paired measurements it summarises. */
  samples: number
}

export function ratioOf(kind: Ratio['kind'], samples: readonly number[]): Ratio {
  return { kind, median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples: samples.length }
}

/** Per-round ratios of two interleaved series (ours[i] measured next to base[i]). */
export function pairedRatios(ours: readonly number[], base: readonly number[]): number[] {
  return ours.map((value, i) => value / base[i]!)
}
