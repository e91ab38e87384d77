// base64url without padding. jose's codec goes through atob/btoa, which are slow in Node 20; tokens are decoded
// on every verification, so a table-driven codec pays off.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LOOKUP = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** Decodes base64url; returns undefined for a character outside the alphabet or an impossible length. */
export function decodeBase64url(text: string): Uint8Array | undefined {
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

/** True when `text` is the canonical encoding: unused low bits of the last character are zero. */
export function isCanonicalBase64url(text: string): boolean {
  const rest = text.length % 4
  if (rest === 0) return true
  const last = LOOKUP[text.charCodeAt(text.length - 1)] ?? -1
  return last >= 0 && (last & (rest === 2 ? 0b1111 : 0b11)) === 0
}

export function encodeBase64url(data: Uint8Array): string {
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
