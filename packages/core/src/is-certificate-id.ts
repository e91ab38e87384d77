import { decodeCertificateId } from './lib/certificate-id-codec.js'

/**
 * True when `text` is a certificate ID (normalised as `parseCertificateId` does, check character included).
 *
 * @example
 * isCertificateId('MC-7KQ4-9XJ2-PM3A-W8TD-K') // true
 * isCertificateId('hello') // false
 * @throws nothing (false for a non-string)
 */
export function isCertificateId(text: unknown): text is string {
  return typeof text === 'string' && 'id' in decodeCertificateId(text)
}
