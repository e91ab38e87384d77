// Status list decode + one lookup, as a verifier does for every fresh list (131,072 entries), against
// `zlib.gunzipSync` of the same bytes + one bit read.
import { gunzipSync } from 'node:zlib'
import { createStatusList, decodeStatusList, encodeStatusList, getStatusBit, setStatusBit } from '@microcert/core'
import { interleave } from '../lib/interleave.js'
import { sendResult, workerParams } from '../lib/worker.js'

const { fill, rounds, ms } = workerParams<{ fill: number; rounds: number; ms: number }>()
const SIZE = 131_072
const list = createStatusList()
// A fixed pattern (not Math.random) so every process decodes the same bytes.
let seed = 42
const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32
for (let i = 0; i < SIZE; i++) if (random() < fill) setStatusBit(list, i)
const encoded = await encodeStatusList(list)
const gzipped = Buffer.from(encoded.slice(1), 'base64url')

let probe = 0
let sink = 0
const ours = async () => {
  const bits = await decodeStatusList(encoded)
  probe = (probe + 7919) % SIZE
  sink ^= getStatusBit(bits, probe) ? 1 : 0
}
const raw = async () => {
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))
  probe = (probe + 7919) % SIZE
  sink ^= (bits[probe >> 3]! >> (7 - (probe & 7))) & 1
}
sendResult({ ...(await interleave(ours, raw, { rounds, ms })), encodedChars: encoded.length, gzipBytes: gzipped.length, sink })
