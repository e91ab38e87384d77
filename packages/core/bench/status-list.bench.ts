// Status list encode, and decode + one lookup (what a verifier does per fresh list), for 131,072 entries:
// sparse (1% set, a realistic revocation list) and random (~50% set, the worst case for compression).
import { createStatusList } from '../src/status/create-status-list.js'
import { decodeStatusList } from '../src/status/decode-status-list.js'
import { encodeStatusList } from '../src/status/encode-status-list.js'
import { getStatusBit } from '../src/status/get-status-bit.js'
import { setStatusBit } from '../src/status/set-status-bit.js'
import { opsPerSecond } from './lib.js'

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
