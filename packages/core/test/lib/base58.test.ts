import { base58 } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase58, encodeBase58 } from '../../src/lib/base58.js'

// @scure/base (a dev dependency now) is the reference the hand-written codec must agree with.
const reference = (text: string): Uint8Array | undefined => {
  try {
    return base58.decode(text)
  } catch {
    return undefined
  }
}

describe('base58 codec', () => {
  it('encodes any bytes (leading zeros included) as @scure/base does, and decodes them back', () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.tuple(fc.nat({ max: 5 }), fc.uint8Array({ maxLength: 40 })).map(([zeros, rest]) => new Uint8Array([...new Array(zeros).fill(0), ...rest])))
    fc.assert(
      fc.property(bytes, (data) => {
        const text = encodeBase58(data)
        expect(text).toBe(base58.encode(data))
        expect(decodeBase58(text)).toEqual(data)
      }),
      { numRuns: 2000 },
    )
  })

  it('decodes any text as @scure/base does, and refuses what it refuses (0, O, I, l, non-ASCII)', () => {
    const text = fc.oneof(fc.string({ unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl+/ é'.split('')), maxLength: 60 }), fc.string({ maxLength: 20 }))
    fc.assert(
      fc.property(text, (value) => {
        expect(decodeBase58(value)).toEqual(reference(value))
      }),
      { numRuns: 2000 },
    )
    expect(decodeBase58('z0')).toBeUndefined()
    expect(decodeBase58('')).toEqual(new Uint8Array(0))
  })

  it('reads a published did:key (Ed25519, from the did:key spec test vectors)', () => {
    const bytes = decodeBase58('6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')!
    expect([...bytes.subarray(0, 2)]).toEqual([0xed, 0x01])
    expect(bytes.length).toBe(34)
  })
})
