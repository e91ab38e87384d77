/**
 * Operations per CPU-second of this process (user + system, WebCrypto's thread pool included), run for about `ms`
 * of wall time one at a time. CPU time, not wall time: on a shared, loaded machine wall time mostly measures the
 * other processes, while CPU time per operation stays put.
 */
async function measure(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0
  const end = performance.now() + ms
  const cpu = process.cpuUsage()
  while (performance.now() < end) {
    await fn()
    n++
  }
  const used = process.cpuUsage(cpu)
  return (n * 1_000_000) / (used.user + used.system)
}

/**
 * Compares `ours` with `raw` in interleaved slices, so both see the same machine load: `rounds` rounds, each timing
 * both for `ms`, in alternating order. Returns the medians of each and of the per-round ratio.
 */
export async function compare(
  ours: () => Promise<unknown>,
  raw: () => Promise<unknown>,
  { rounds = 9, ms = 250 } = {},
): Promise<{ ours: number; raw: number; ratio: number }> {
  await measure(ours, 150)
  await measure(raw, 150)
  const a: number[] = []
  const b: number[] = []
  const r: number[] = []
  for (let i = 0; i < rounds; i++) {
    const [x, y] = i % 2 === 0 ? [await measure(ours, ms), await measure(raw, ms)] : (([q, p]) => [p, q])([await measure(raw, ms), await measure(ours, ms)])
    a.push(x!)
    b.push(y!)
    r.push(x! / y!)
  }
  const median = (v: number[]) => v.sort((p, q) => p - q)[Math.floor(v.length / 2)]!
  return { ours: median(a), raw: median(b), ratio: median(r) }
}

export function row(name: string, result: { ours: number; raw: number; ratio: number }, target: number): string {
  const { ours, raw, ratio } = result
  return `${name.padEnd(44)} ${ours.toFixed(0).padStart(8)} ${raw.toFixed(0).padStart(8)} ${`${(ratio * 100).toFixed(0)}%`.padStart(7)}  (target ≥ ${target * 100}%${ratio >= target ? ', met' : ', NOT met'})`
}

/** Wall-clock ops/s of `fn` over about `ms` milliseconds. */
async function measureWall(fn: () => Promise<unknown>, ms: number): Promise<number> {
  let n = 0
  const start = performance.now()
  while (performance.now() < start + ms) {
    await fn()
    n++
  }
  return (n * 1000) / (performance.now() - start)
}

/** Measures async wall-clock ops/s: `rounds` rounds of ~`ms` each after a warm-up; returns the median round. */
export async function opsPerSecond(fn: () => Promise<unknown>, { rounds = 5, ms = 600 } = {}): Promise<number> {
  await measureWall(fn, 200)
  const results: number[] = []
  for (let r = 0; r < rounds; r++) results.push(await measureWall(fn, ms))
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)]!
}
