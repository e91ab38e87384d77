/** Measures async ops/s: `rounds` rounds of ~`ms` each after a warm-up; returns the median round. */
export async function opsPerSecond(fn: () => Promise<unknown>, { rounds = 5, ms = 600 } = {}): Promise<number> {
  const warmUntil = performance.now() + 200
  while (performance.now() < warmUntil) await fn()
  const results: number[] = []
  for (let r = 0; r < rounds; r++) {
    let n = 0
    const start = performance.now()
    const end = start + ms
    while (performance.now() < end) {
      await fn()
      n++
    }
    results.push((n * 1000) / (performance.now() - start))
  }
  results.sort((a, b) => a - b)
  return results[Math.floor(results.length / 2)]!
}

export function row(name: string, ours: number, raw: number, target: number): string {
  const ratio = ours / raw
  return `${name.padEnd(42)} ${ours.toFixed(0).padStart(8)} ${raw.toFixed(0).padStart(8)} ${`${(ratio * 100).toFixed(0)}%`.padStart(7)}  (target ≥ ${target * 100}%${ratio >= target ? ', met' : ', NOT met'})`
}
