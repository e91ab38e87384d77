import { credentialFromPayload } from './lib/jwt-claims.js'
import { parseCompactJws } from './lib/jws.js'

/**
 * Decodes a VC-JWT WITHOUT verifying anything — for display and debugging only. Use `verifyCredential` to know
 * whether the credential is authentic.
 *
 * @example
 * const { header, payload, credential } = decodeCredential(jwt) // nothing verified
 * @throws MicrocertError ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_PAYLOAD_INVALID; TypeError for a non-string
 */
export function decodeCredential(jwt: string): {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  credential: Record<string, unknown>
} {
  if (typeof jwt !== 'string') throw new TypeError('decodeCredential(jwt): jwt must be a string')
  const { header, payload } = parseCompactJws(jwt.trim())
  return { header, payload, credential: credentialFromPayload(payload).credential }
}
