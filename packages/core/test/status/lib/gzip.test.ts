// In Node, status lists inflate through node:zlib (reached with process.getBuiltinModule); browsers run the
// DecompressionStream path. Both must give the same bytes, and fail the same inputs with the same reason.
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gunzipCapped, gunzipCappedPortable } from '../../../src/status/lib/gzip.js'

type Outcome = { bytes: Uint8Array } | { code: string; reason: string }

async function outcome(run: () => Promise<Uint8Array>): Promise<Outcome> {
  try {
    return { bytes: await run() }
  } catch (error) {
    const e = error as { code: string; details: { reason: string } }
    return { code: e.code, reason: e.details.reason }
  }
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

describe('gunzipCapped: node:zlib and DecompressionStream agree', () => {
  it('inflates in Node through zlib into a plain Uint8Array that owns its memory', async () => {
    const bytes = await gunzipCapped(gzipSync(new Uint8Array(100).fill(7)), 1024)
    expect(bytes.constructor).toBe(Uint8Array)
    expect(bytes.byteOffset).toBe(0)
    expect(bytes.buffer.byteLength).toBe(100)
    expect([...bytes]).toEqual(new Array(100).fill(7))
  })

  it('gives the same bytes or the same error for valid, capped, truncated, corrupted and foreign data', async () => {
    const list = new Uint8Array(16_384)
    list[3] = 0b1010
    const gz = gzipSync(list)
    const cases: [string, Uint8Array, number][] = [
      ['a list', gz, 2 ** 21],
      ['exactly the cap', gz, list.length],
      ['one byte over the cap', gz, list.length - 1],
      ['a bomb', gzipSync(new Uint8Array(8 * 1024 * 1024)), 2 ** 20],
      ['empty input', new Uint8Array(0), 1024],
      ['truncated', gz.subarray(0, 20), 2 ** 21],
      ['no trailer', gz.subarray(0, gz.length - 8), 2 ** 21],
      ['a wrong CRC', concat(gz.subarray(0, gz.length - 8), new Uint8Array(8).fill(1)), 2 ** 21],
      ['not gzip', new TextEncoder().encode('not gzip at all'), 2 ** 21],
      ['raw deflate', new Uint8Array([0x4b, 0x4c, 0x4a, 0x06, 0x00]), 2 ** 21],
      ['two members', concat(gzipSync(new Uint8Array([1, 2])), gzipSync(new Uint8Array([3]))), 1024],
    ]
    for (const [name, data, cap] of cases) {
      expect([name, await outcome(() => gunzipCapped(data, cap))]).toEqual([name, await outcome(() => gunzipCappedPortable(data, cap))])
    }
  })

  it('agrees on random data, random GZIP and GZIP with random damage', async () => {
    const damaged = fc
      .tuple(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([bytes, at, value]) => {
        const gz = gzipSync(bytes)
        gz[at % gz.length] = value
        return gz
      })
    const data = fc.oneof(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array(gzipSync(b))), damaged)
    await fc.assert(
      fc.asyncProperty(data, fc.integer({ min: 0, max: 400 }), async (bytes, cap) => {
        const node = await outcome(() => gunzipCapped(bytes, cap))
        const portable = await outcome(() => gunzipCappedPortable(bytes, cap))
        if ('reason' in node && 'reason' in portable && node.reason !== portable.reason) {
          // Damaged data that also inflates past the cap: the stream may notice either first; both reasons are true.
          expect([node.reason, portable.reason].sort()).toEqual(['gzip', 'too-large'])
          expect(await outcome(() => gunzipCappedPortable(bytes, 2 ** 21))).toMatchObject({ reason: 'gzip' })
          expect(node.code).toBe(portable.code)
        } else {
          expect(node).toEqual(portable)
        }
      }),
      { numRuns: 500 },
    )
  })
})
