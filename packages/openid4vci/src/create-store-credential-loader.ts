import { decodeCredential, isMicrocertError } from '@microcert/core'
import { tokenStatusReference, type IssuedRecord, type Issuer } from '@microcert/core/node'
import type { MicroCredential } from '@microcert/schemas'
import type { CredentialToIssue } from './create-openid4vci-issuer.js'

/**
 * The `loadCredential` of an OpenID4VCI server that issues from a microcert issuer store: the subject of an offer is a
 * certificate ID, the credential is the store's signed one, and its wallet status is the Token Status List entry
 * `publish` keeps beside the credential's Bitstring entry (`tokenStatusReference`). A revoked credential, an unknown
 * ID or a subject that is not a certificate ID give `undefined`: nothing to put into a wallet. A suspended credential is
 * issued; its status says it is suspended until it is reinstated.
 *
 * @example
 * const issuer = await openIssuer('./issuer')
 * createOpenid4vciIssuer({ …, loadCredential: createStoreCredentialLoader(issuer) })
 * @throws MicrocertError from the store (e.g. ERR_STORE_CORRUPT), never for a subject that names nothing
 */
export function createStoreCredentialLoader(issuer: Pick<Issuer, 'get'>): (subject: string) => Promise<CredentialToIssue | undefined> {
  if (typeof issuer?.get !== 'function') throw new TypeError('createStoreCredentialLoader(issuer): issuer must be an open microcert Issuer')
  return async (subject) => {
    let record: Awaited<ReturnType<Issuer['get']>>
    try {
      record = await issuer.get(subject)
    } catch (error) {
      if (isMicrocertError(error) && error.code === 'ERR_CERTIFICATE_ID_INVALID') return undefined
      throw error
    }
    if (record === undefined || record.state === 'revoked') return undefined
    const credential = credentialContent(record)
    const status = tokenStatusReference(credential)
    return { credential: credential as unknown as MicroCredential, ...(status === undefined ? {} : { status }) }
  }
}

/**
 * The claims of a stored credential, whichever way the store signs: the payload of a VC-JWT, or a Data Integrity
 * credential without its `proof` (the wallet credential gets the issuer's SD-JWT signature instead).
 */
function credentialContent(record: IssuedRecord): Record<string, unknown> {
  if (record.format === 'vc+jwt') return decodeCredential(record.credential).credential
  const { proof: _proof, ...content } = JSON.parse(record.credential) as Record<string, unknown>
  return content
}
