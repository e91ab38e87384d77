import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeBase64url } from '../../packages/core/src/lib/base64url.ts'
import { decodeStatusList } from '../../packages/core/src/status/decode-status-list.ts'
const bits = new Uint8Array(16384); let s = 42
for (let i = 0; i < 131072; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; if (s / 2 ** 32 < 0.01) bits[i >> 3]! |= 1 << (7 - (i & 7)) }
const gz = gzipSync(bits); const enc = 'u' + Buffer.from(gz).toString('base64url')
async function time(name: string, fn: () => unknown, n = 3000) {
  for (let i = 0; i < 300; i++) await fn()
  const c = process.cpuUsage(); const t = performance.now()
  for (let i = 0; i < n; i++) await fn()
  const u = process.cpuUsage(c)
  console.log(name.padEnd(40), ((u.user + u.system) / n).toFixed(1), 'µs CPU', ((performance.now() - t) * 1000 / n).toFixed(1), 'µs wall')
}
await time('decodeStatusList', () => decodeStatusList(enc))
await time('lib decodeBase64url', () => decodeBase64url(enc.slice(1)))
await time('Buffer.from base64url', () => Buffer.from(enc.slice(1), 'base64url'))
await time('DecompressionStream', () => new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
await time('gunzipSync', () => gunzipSync(gz))
