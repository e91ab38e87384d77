import { BODY_LENGTH, checkValue, formatCertificateId } from './lib/certificate-id-codec.js'
import { randomBytes } from './lib/random.js'

/**
 * Generates a random certificate ID, the short code a person types to look a credential up:
 * `MC-` + 16 Crockford base32 characters (80 random bits) in groups of 4 + a check character, e.g. `MC-7KQ4-9XJ2-PM3A-W8TD-K`.
 *
 * @example
 * const id = generateCertificateId() // 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
 * @throws nothing
 */
export function generateCertificateId(): string {
  const bytes = randomBytes(10)
  const values: number[] = []
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      values.push((buffer >> bits) & 31)
    }
    buffer &= (1 << bits) - 1
  }
  return formatCertificateId(values.slice(0, BODY_LENGTH), checkValue(values.slice(0, BODY_LENGTH)))
}
