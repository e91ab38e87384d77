import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256, toHex } from '../../src/lib/sha256.js'

describe('sha256', () => {
  it('matches the OB 3.0 IdentityObject example (a@example.com + salt Kosher)', () => {
    expect(toHex(sha256(new TextEncoder().encode('a@example.comKosher')))).toBe('b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399')
  })

  it('matches node:crypto for any input, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'))
      }),
      { numRuns: 500 },
    )
  })
})
