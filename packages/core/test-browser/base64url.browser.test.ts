// The base64url codec in Chromium, which has Uint8Array.fromBase64 / toBase64: the native path must give exactly what
// the portable code gives (the Node tests compare the Buffer path the same way, test/lib/base64url.test.ts).
import { expect } from '@open-wc/testing'
import fc from 'fast-check'
import {
  decodeBase64url,
  decodeBase64urlPortable,
  encodeBase64url,
  encodeBase64urlPortable,
  encodeBase64urlText,
} from '../src/lib/base64url.js'

const NEAR_MISSES = ['=', '+', '/', ' ', '\n', '\t', '.', '~', 'é', 'Ł', '\u0000', '\u{1F600}']
const anyText = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map(encodeBase64urlPortable),
  fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.nat(), fc.constantFrom(...NEAR_MISSES)).map(([bytes, at, char]) => {
    const text = encodeBase64urlPortable(bytes)
    const i = at % (text.length + 1)
    return text.slice(0, i) + char + text.slice(i)
  }),
  // Non-canonical last characters (unused low bits set) and short oddities.
  fc.uint8Array({ minLength: 1, maxLength: 60 }).filter((b) => b.length % 3 !== 0).map((bytes) => `${encodeBase64urlPortable(bytes).slice(0, -1)}_`),
  fc.string({ unit: fc.constantFrom(...'AQgw-_=+/ '.split('')), maxLength: 40 }),
)

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) => (a === undefined || b === undefined ? a === b : a.length === b.length && a.every((x, i) => x === b[i]))

describe('base64url in the browser', () => {
  it('runs on the native Uint8Array codec here', () => {
    expect(typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64).to.equal('function')
  })

  it('decodes every string exactly as the portable decoder does', () => {
    fc.assert(fc.property(anyText, (text) => same(decodeBase64url(text), decodeBase64urlPortable(text))), { numRuns: 3000 })
  })

  it('encodes bytes and text exactly as the portable encoder does', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (data, start) => {
      const view = data.subarray(data.length === 0 ? 0 : start % data.length)
      return encodeBase64url(view) === encodeBase64urlPortable(view)
    }), { numRuns: 2000 })
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => encodeBase64urlText(text) === encodeBase64urlPortable(new TextEncoder().encode(text))), { numRuns: 2000 })
  })
})
