// Status list encode, and decode + one lookup (what a verifier does per fresh list), for 131,072 entries:
// sparse (1% set, a realistic revocation list) and random (~50% set, the worst case for compression).
import { createStatusList } from '../src/status/create-status-list.js'
import { decodeStatusList } from '../src/status/decode-status-list.js'
import { encodeStatusList } from '../src/status/encode-status-list.js'
import { getStatusBit } from '../src/status/get-status-bit.js'
import { setStatusBit } from '../src/status/set-status-bit.js'

/** Median ops/s of `fn` over `rounds` rounds of ~`ms` each, after a short warm-up (awaited one at a time). */
async function opsPerSecond(fn: () => Promise<unknown>, { rounds = 5, ms = 400 } = {}): Promise<number> {
  const warmUntil = performance.now() + 150
  while (performance.now() < warmUntil) await fn()
  const results: number[] = []
  for (let r = 0; r < rounds; r++) {
    let n = 0
    const start = performance.now()
    while (performance.now() < start + ms) {
      await fn()
      n++
    }
    results.push((n * 1000) / (performance.now() - start))
  }
  return results.sort((a, b) => a - b)[Math.floor(rounds / 2)]!
}

export async function run(): Promise<void> {
  console.log(`${'status list, 131,072 entries'.padEnd(40)} ${'ms/op'.padStart(8)} ${'encoded chars'.padStart(14)}`)
  for (const [name, fill] of [
    ['sparse (1% set)', 0.01],
    ['random (~50% set)', 0.5],
  ] as const) {
    const list = createStatusList()
    for (let i = 0; i < 131_072; i++) if (Math.random() < fill) setStatusBit(list, i)
    const encoded = await encodeStatusList(list)
    const encode = await opsPerSecond(() => encodeStatusList(list), { rounds: 5, ms: 400 })
    let probe = 0
    const decode = await opsPerSecond(
      async () => {
        const bits = await decodeStatusList(encoded)
        probe = (probe + 7919) % 131_072
        getStatusBit(bits, probe)
      },
      { rounds: 5, ms: 400 },
    )
    console.log(`${`encode, ${name}`.padEnd(40)} ${(1000 / encode).toFixed(3).padStart(8)} ${String(encoded.length).padStart(14)}`)
    console.log(`${`decode + lookup, ${name}`.padEnd(40)} ${(1000 / decode).toFixed(3).padStart(8)} ${''.padStart(14)}  (budget ≤ 2 ms${1000 / decode <= 2 ? ', met' : ', NOT met'})`)
  }
}
