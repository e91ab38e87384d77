import { inflateSync } from 'node:zlib'
import { StatusList, type BitsPerStatus } from '@sd-jwt/jwt-status-list'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readTokenStatus } from '../../src/sd-jwt/lib/read-token-status.js'

describe('readTokenStatus', () => {
  it('reads every status the OWF library packs, for 1, 2, 4 and 8 bits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<BitsPerStatus>(1, 2, 4, 8).chain((bits) => fc.tuple(fc.constant(bits), fc.array(fc.nat({ max: 2 ** bits - 1 }), { minLength: 1, maxLength: 300 }))),
        ([bits, statuses]) => {
          const bytes = new Uint8Array(inflateSync(Buffer.from(new StatusList(statuses, bits).compressStatusList(), 'base64url')))
          statuses.forEach((status, index) => expect(readTokenStatus(bytes, bits, index)).toBe(status))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('matches the example of draft-ietf-oauth-status-list §4.1 (bits 1: 0xB9 0xA3)', () => {
    const bytes = new Uint8Array([0xb9, 0xa3])
    expect(Array.from({ length: 16 }, (_, i) => readTokenStatus(bytes, 1, i))).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1])
  })

  it('is undefined outside the list', () => {
    expect(readTokenStatus(new Uint8Array(2), 2, 8)).toBeUndefined()
    expect(readTokenStatus(new Uint8Array(2), 2, -1)).toBeUndefined()
    expect(readTokenStatus(new Uint8Array(2), 2, 1.5)).toBeUndefined()
  })
})
