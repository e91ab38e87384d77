import { certificateIdFromCredentialId } from '../../certificate-id-from-credential-id.js'

/** The public addresses of one credential in its registry. */
export interface CredentialUrls {
  /** Registry base URL, no trailing slash. */
  registryUrl: string
  certificateId: string
  /** The registry's verification page, already checking this credential: `<registry>/verify/?id=<ID>`. */
  verify: string
  /** The share page: `<registry>/credentials/<ID>/`. */
  share: string
  jwt: string
  json: string
  pdf: string
}

/**
 * The addresses of a credential whose id is `<registry>/credentials/<ID>` (how the issuer store names them), or
 * undefined for any other id (e.g. `urn:uuid:…`).
 */
export function credentialUrls(credentialId: string | undefined): CredentialUrls | undefined {
  if (credentialId === undefined) return undefined
  const certificateId = certificateIdFromCredentialId(credentialId)
  if (certificateId === undefined || !/^https?:\/\//.test(credentialId)) return undefined
  const registryUrl = credentialId.slice(0, credentialId.lastIndexOf('/credentials/'))
  const base = `${registryUrl}/credentials/${certificateId}`
  return {
    registryUrl,
    certificateId,
    verify: `${registryUrl}/verify/?id=${certificateId}`,
    share: `${base}/`,
    jwt: `${base}.jwt`,
    json: `${base}.json`,
    pdf: `${base}.pdf`,
  }
}
