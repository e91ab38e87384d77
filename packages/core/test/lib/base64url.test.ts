import fc from 'fast-check'
import { base64url } from 'jose'
import { describe, expect, it } from 'vitest'
import {
  decodeBase64url,
  decodeBase64urlPortable,
  encodeBase64url,
  encodeBase64urlPortable,
  encodeBase64urlText,
  isCanonicalBase64url,
} from '../../src/lib/base64url.js'

// Strings a decoder meets: real encodings, encodings with a non-canonical last character, and near misses — padding,
// the base64 alphabet, white space, and characters outside Latin-1 whose low byte is a base64url character (Node 20's
// Buffer decodes "Ł" (U+0141) as "A").
const NEAR_MISSES = ['=', '+', '/', ' ', '\n', '\t', '.', '~', 'é', 'Ł', 'ő', '\u0000', '\u{1F600}', 'ａ']
const nearMiss = fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.nat(), fc.constantFrom(...NEAR_MISSES), fc.boolean()).map(([bytes, at, char, replace]) => {
  const text = encodeBase64urlPortable(bytes)
  const i = text.length === 0 ? 0 : at % (text.length + 1)
  return text.slice(0, i) + char + text.slice(replace ? i + 1 : i)
})
const nonCanonical = fc.uint8Array({ minLength: 1, maxLength: 60 }).filter((b) => b.length % 3 !== 0).map((bytes) => {
  const text = encodeBase64urlPortable(bytes)
  const last = text.charCodeAt(text.length - 1)
  // The next character up differs only in the unused low bits (A→B, Q→R, …, w→x, g→h).
  return text.slice(0, -1) + String.fromCharCode(last === 90 ? 97 : last + 1)
})
const anyText = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map(encodeBase64urlPortable),
  nearMiss,
  nonCanonical,
  fc.string({ unit: fc.constantFrom(...'AQgw-_=+/ Ł'.split('')), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
)

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
    for (const decode of [decodeBase64url, decodeBase64urlPortable]) {
      expect(decode('ab+c')).toBeUndefined()
      expect(decode('abcd=')).toBeUndefined()
      expect(decode('abcde')).toBeUndefined()
      expect(decode('é')).toBeUndefined()
      expect(decode('QUŁB')).toBeUndefined()
      expect(decode('QQ==')).toBeUndefined()
      expect(decode(' QQ')).toBeUndefined()
    }
    expect(isCanonicalBase64url('AB')).toBe(false)
    expect(isCanonicalBase64url('AQ')).toBe(true)
  })
})

// In Node the codec runs on Buffer (node:buffer through process.getBuiltinModule); the browser tests compare the
// Uint8Array.fromBase64 / toBase64 path the same way (test-browser/base64url.browser.test.ts).
describe('base64url: the native codec gives exactly what the portable one gives', () => {
  it('decodes every string as the portable decoder does, valid, non-canonical or not base64url at all', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(decodeBase64url(text)).toEqual(decodeBase64urlPortable(text))
      }),
      { numRuns: 5000 },
    )
  })

  it('returns a plain Uint8Array that owns its memory (never a slice of a shared pool)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        const bytes = decodeBase64url(encodeBase64urlPortable(data))!
        expect(bytes.constructor).toBe(Uint8Array)
        expect(bytes.byteOffset).toBe(0)
        expect(bytes.buffer.byteLength).toBe(bytes.byteLength)
      }),
    )
  })

  it('encodes any bytes, also a view into a larger buffer, as the portable encoder does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (data, start, length) => {
        const from = data.length === 0 ? 0 : start % data.length
        const view = data.subarray(from, from + (length % (data.length - from + 1)))
        expect(encodeBase64url(view)).toBe(encodeBase64urlPortable(view))
      }),
      { numRuns: 3000 },
    )
  })

  it('encodes any text as the portable encoder does its UTF-8 bytes, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ maxLength: 100 })), (text) => {
        expect(encodeBase64urlText(text)).toBe(encodeBase64urlPortable(new TextEncoder().encode(text)))
      }),
      { numRuns: 3000 },
    )
    expect(encodeBase64urlText('\uD800x\uDFFF')).toBe(encodeBase64urlPortable(new TextEncoder().encode('\uFFFDx\uFFFD')))
  })
})
