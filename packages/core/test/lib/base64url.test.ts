import fc from 'fast-check'
import { base64url } from 'jose'
import { describe, expect, it } from 'vitest'
import { decodeBase64url, encodeBase64url, isCanonicalBase64url } from '../../src/lib/base64url.js'

describe('base64url codec', () => {
  it('agrees with jose in both directions for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const text = encodeBase64url(data)
        expect(text).toBe(base64url.encode(data))
        expect(decodeBase64url(text)).toEqual(data)
        expect(isCanonicalBase64url(text)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('rejects foreign characters and impossible lengths, and spots non-canonical last characters', () => {
    expect(decodeBase64url('ab+c')).toBeUndefined()
    expect(decodeBase64url('abcd=')).toBeUndefined()
    expect(decodeBase64url('abcde')).toBeUndefined()
    expect(decodeBase64url('é')).toBeUndefined()
    expect(isCanonicalBase64url('AB')).toBe(false)
    expect(isCanonicalBase64url('AQ')).toBe(true)
  })
})
