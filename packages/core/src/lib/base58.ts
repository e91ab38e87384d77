// Bitcoin base58 (multibase `z`), for did:key and multibase keys. Written out here rather than taken from a codec
// library: a did:key is a few dozen characters, and the widget's verifier carried 3 KB of codecs for it (issue 14).
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const INDEX = new Int8Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i

/** Decodes base58 text; undefined for a character outside the alphabet. Each leading "1" is a zero byte. */
export function decodeBase58(text: string): Uint8Array | undefined {
  // Base-256 digits of the number, least significant first.
  const digits: number[] = []
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let carry = code < 128 ? INDEX[code]! : -1
    if (carry < 0) return undefined
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! * 58
      digits[j] = carry & 0xff
      carry >>= 8
    }
    for (; carry > 0; carry >>= 8) digits.push(carry & 0xff)
  }
  let zeros = 0
  while (zeros < text.length && text.charCodeAt(zeros) === 49 /* 1 */) zeros++
  const out = new Uint8Array(zeros + digits.length)
  for (let i = 0; i < digits.length; i++) out[out.length - 1 - i] = digits[i]!
  return out
}

/** Bitcoin base58 of `data` (without the multibase `z`). */
export function encodeBase58(data: Uint8Array): string {
  // Base-58 digits of the number, least significant first.
  const digits: number[] = []
  for (const byte of data) {
    let carry = byte
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! * 256
      digits[j] = carry % 58
      carry = Math.floor(carry / 58)
    }
    for (; carry > 0; carry = Math.floor(carry / 58)) digits.push(carry % 58)
  }
  let out = ''
  for (let i = 0; i < data.length && data[i] === 0; i++) out += '1'
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!]
  return out
}
