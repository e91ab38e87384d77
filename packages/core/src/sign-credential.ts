import { MicrocertError } from './errors.js'
import { claimsForCredential, isRecord } from './lib/jwt-claims.js'
import { signCompactJws } from './lib/jws.js'
import type { Signer } from './types.js'

/**
 * Signs a credential as a compact JWS in the OB 3.0 VC-JWT profile: header `{ alg, kid, typ: "JWT" }`, payload =
 * the credential plus `iss` (issuer id), `jti` (credential id), `sub` (subject id, when present), `nbf` (validFrom)
 * and `exp` (validUntil, when present). The signer's `kid` must be a key of the credential's issuer DID.
 *
 * @example
 * const credential = buildCredential(input, { id: 'https://uni.example/credentials/MC-…' })
 * const jwt = await signCredential(credential, signer)
 * @throws MicrocertError ERR_ISSUER_MISMATCH (the signer's kid is not under the issuer DID), ERR_INPUT_INVALID
 *   (no issuer id or validFrom; a "vc"/"vp" property), ERR_KEY_INVALID (the signer returned a malformed signature);
 *   TypeError for a non-object credential or signer
 */
export async function signCredential(credential: object, signer: Signer): Promise<string> {
  if (!isRecord(credential)) throw new TypeError('signCredential(credential, signer): credential must be an object')
  if (typeof signer?.kid !== 'string') throw new TypeError('signCredential(credential, signer): signer must be a Signer')
  if ('vc' in credential || 'vp' in credential) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'A VC 2.0 credential must not hold "vc" or "vp" properties', {
      details: { issues: ['vc/vp: not allowed'] },
    })
  }
  const claims = claimsForCredential(credential)
  const kidDid = signer.kid.split('#')[0]
  if (kidDid !== claims['iss']) {
    throw new MicrocertError('ERR_ISSUER_MISMATCH', `The signer key "${signer.kid}" does not belong to issuer "${String(claims['iss'])}"`)
  }
  // Claims first, in a fixed order, so identical input gives identical bytes (deterministic EdDSA vectors).
  return signCompactJws(Object.assign({}, claims, credential, claims), signer)
}
