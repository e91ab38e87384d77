// Runs inside a worker process: two operations measured in alternating slices (A,B then B,A…), so both see the
// same machine load, the same JIT state and the same garbage-collector pressure.

export type Operation = () => Promise<unknown>

export interface Slices {
  /** Operations per CPU-second of this process, one entry per round. */
  a: number[]
  b: number[]
  /** Wall-clock operations per second, one entry per round. */
  aWall: number[]
  bWall: number[]
}

/**
 * Operations per CPU-second (user + system of every thread of this process, so WebCrypto's thread pool counts)
 * over about `ms` of wall time, awaited one at a time. CPU time rather than wall time: on a shared, loaded machine
 * wall time mostly measures the other processes, while CPU time per operation stays put.
 */
async function slice(fn: Operation, ms: number): Promise<{ cpu: number; wall: number }> {
  let n = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + ms
  while (performance.now() < end) {
    await fn()
    n++
  }
  const wall = performance.now() - start
  const used = process.cpuUsage(cpu)
  return { cpu: (n * 1e6) / Math.max(1, used.user + used.system), wall: (n * 1000) / wall }
}

export async function interleave(a: Operation, b: Operation, options: { rounds: number; ms: number; warmMs?: number }): Promise<Slices> {
  const warm = options.warmMs ?? Math.max(300, options.ms)
  await slice(a, warm)
  await slice(b, warm)
  const out: Slices = { a: [], b: [], aWall: [], bWall: [] }
  for (let round = 0; round < options.rounds; round++) {
    const first = round % 2 === 0
    const x = first ? await slice(a, options.ms) : undefined
    const y = await slice(b, options.ms)
    const z = first ? x! : await slice(a, options.ms)
    out.a.push(z.cpu)
    out.aWall.push(z.wall)
    out.b.push(y.cpu)
    out.bWall.push(y.wall)
  }
  return out
}
