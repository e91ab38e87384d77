import { nodeBuiltin } from './node-builtin.js'

// base64url without padding. The portable codec below is the reference; where the platform has a native one (Node's
// Buffer, `Uint8Array.prototype.toBase64` / `Uint8Array.fromBase64` in current browsers) it is used instead, with
// identical results: tokens are decoded on every verification and encoded on every signature, and the portable code
// is 5–30× slower (issue 14).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

interface NativeCodec {
  /** Lenient: may accept padding, white space, the base64 alphabet or worse; `decodeBase64url` checks its answer. */
  decode(text: string): Uint8Array | undefined
  encode(data: Uint8Array): string
  encodeText(text: string): string
}

interface NodeBuffer {
  toString(encoding: 'base64url'): string
  write(text: string, encoding: 'base64url'): number
}
interface NodeBufferClass {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBuffer
  from(text: string, encoding: 'utf8'): NodeBuffer
}
type Base64Options = { alphabet: 'base64url'; omitPadding?: boolean }

function nodeCodec(): NativeCodec | undefined {
  const Buffer = nodeBuiltin<{ Buffer: NodeBufferClass }>('node:buffer')?.Buffer
  if (Buffer === undefined) return undefined
  return {
    decode(text) {
      // Into a buffer of our own: Buffer.from(text) may hand out a slice of a shared pool.
      const out = new Uint8Array((text.length * 3) >>> 2)
      const written = Buffer.from(out.buffer, 0, out.length).write(text, 'base64url')
      return written === out.length ? out : out.subarray(0, written)
    },
    encode: (data) => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64url'),
    encodeText: (text) => Buffer.from(text, 'utf8').toString('base64url'),
  }
}

function webCodec(): NativeCodec | undefined {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string, options: Base64Options) => Uint8Array }).fromBase64
  const toBase64 = (Uint8Array.prototype as unknown as { toBase64?: (this: Uint8Array, options: Base64Options) => string }).toBase64
  if (fromBase64 === undefined || toBase64 === undefined) return undefined
  const options: Base64Options = { alphabet: 'base64url', omitPadding: true }
  const encode = (data: Uint8Array) => toBase64.call(data, options)
  return {
    decode(text) {
      try {
        return fromBase64(text, options)
      } catch {
        return undefined
      }
    },
    encode,
    encodeText: (text) => encode(textEncoder.encode(text)),
  }
}

const textEncoder = new TextEncoder()
const native: NativeCodec | undefined = nodeCodec() ?? webCodec()

/** Decodes base64url; returns undefined for a character outside the alphabet or an impossible length. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (native !== undefined) {
    const bytes = native.decode(text)
    // A native answer counts only when it encodes back to exactly `text`: then `text` is canonical base64url, and
    // the portable decoder gives the same bytes (encoding is one-to-one). Whatever else the native decoder let
    // through (padding, white space, "+" and "/", Node 20 reading a non-Latin-1 character by its low byte) and a
    // non-canonical last character are judged by the portable decoder.
    if (bytes !== undefined && native.encode(bytes) === text) return bytes
  }
  return decodeBase64urlPortable(text)
}

/** base64url of `data`, without padding. */
export function encodeBase64url(data: Uint8Array): string {
  return native === undefined ? encodeBase64urlPortable(data) : native.encode(data)
}

/** base64url of the UTF-8 bytes of `text` in one step (a JWS header or payload from its JSON text). */
export function encodeBase64urlText(text: string): string {
  return native === undefined ? encodeBase64urlPortable(textEncoder.encode(text)) : native.encodeText(text)
}

/** True when `text` is the canonical encoding: unused low bits of the last character are zero. */
export function isCanonicalBase64url(text: string): boolean {
  const rest = text.length % 4
  if (rest === 0) return true
  const last = LOOKUP[text.charCodeAt(text.length - 1)] ?? -1
  return last >= 0 && (last & (rest === 2 ? 0b1111 : 0b11)) === 0
}

/** The portable decoder, the reference the native paths must agree with (exported for tests). */
export function decodeBase64urlPortable(text: string): Uint8Array | undefined {
  const length = text.length
  if (length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((length * 3) / 4))
  let o = 0
  let i = 0
  for (; i + 4 <= length; i += 4) {
    const c0 = text.charCodeAt(i)
    const c1 = text.charCodeAt(i + 1)
    const c2 = text.charCodeAt(i + 2)
    const c3 = text.charCodeAt(i + 3)
    if ((c0 | c1 | c2 | c3) > 0x7f) return undefined
    const a = LOOKUP[c0]!
    const b = LOOKUP[c1]!
    const c = LOOKUP[c2]!
    const d = LOOKUP[c3]!
    if ((a | b | c | d) < 0) return undefined
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }
  const rest = length - i
  if (rest > 0) {
    const a = LOOKUP[text.charCodeAt(i)] ?? -1
    const b = LOOKUP[text.charCodeAt(i + 1)] ?? -1
    const c = rest === 3 ? (LOOKUP[text.charCodeAt(i + 2)] ?? -1) : 0
    if ((a | b | c) < 0) return undefined
    const n = (a << 18) | (b << 12) | (c << 6)
    out[o++] = n >> 16
    if (rest === 3) out[o++] = (n >> 8) & 0xff
  }
  return out
}

/** The portable encoder, the reference the native paths must agree with (exported for tests). */
export function encodeBase64urlPortable(data: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 3 <= data.length; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = data.length - i
  if (rest === 1) {
    const n = data[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!
  } else if (rest === 2) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!
  }
  return out
}
