import { decodeCertificateId } from './lib/certificate-id-codec.js'

/**
 * The certificate ID inside a credential id URL `<registry>/credentials/<ID>` (a trailing `.jwt` is allowed), or
 * undefined when the URL holds none.
 *
 * @example
 * certificateIdFromCredentialId('https://uni.example/microcerts/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K') // 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
 * certificateIdFromCredentialId('urn:uuid:5b6f2a52-3d9e-4a7c-9b1e-2f0c8d7e6a41') // undefined
 * @throws nothing
 */
export function certificateIdFromCredentialId(url: string): string | undefined {
  if (typeof url !== 'string') return undefined
  const match = /\/credentials\/([A-Za-z0-9-]{17,40})(?:\.jwt)?\/?(?:[?#].*)?$/.exec(url)
  if (match === null) return undefined
  const decoded = decodeCertificateId(match[1]!)
  return 'id' in decoded ? decoded.id : undefined
}
