import { MicrocertError } from './errors.js'
import { decodeCertificateId } from './lib/certificate-id-codec.js'

const MESSAGES = {
  characters: 'holds characters that are not in a certificate ID',
  length: 'has the wrong number of characters for a certificate ID',
  typo: 'fails the check character: a character is mistyped or two are swapped',
} as const

/**
 * Reads a certificate ID as a person typed it — any case, with or without dashes, spaces or the `MC` prefix,
 * `O` for `0`, `I`/`L` for `1` — checks its check character and returns the canonical form.
 *
 * @example
 * parseCertificateId('mc 7kq4 9xj2 pm3a w8td k') // 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
 * @throws MicrocertError ERR_CERTIFICATE_ID_INVALID with `details.reason` 'characters' | 'length' | 'typo'
 */
export function parseCertificateId(text: string): string {
  if (typeof text !== 'string') throw new TypeError('parseCertificateId(text): text must be a string')
  const result = decodeCertificateId(text)
  if ('id' in result) return result.id
  throw new MicrocertError('ERR_CERTIFICATE_ID_INVALID', `"${text.slice(0, 40)}" ${MESSAGES[result.problem]}`, {
    details: { reason: result.problem },
  })
}
