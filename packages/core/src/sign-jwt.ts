import { isRecord } from './lib/jwt-claims.js'
import { signCompactJws } from './lib/jws.js'
import type { Signer } from './types.js'

/**
 * Signs any JSON object as a compact JWS with the same header rules as `signCredential` (`{ alg, kid, typ: "JWT" }`),
 * e.g. a status list credential. The payload is signed as given: add `iss`/`nbf`/`exp` yourself.
 *
 * @example
 * const jwt = await signJwt({ ...statusListCredential, iss: 'did:web:uni.example', nbf: 1780000000 }, signer)
 * @throws MicrocertError ERR_KEY_INVALID (the signer returned a malformed signature); TypeError for a non-object payload or signer
 */
export async function signJwt(payload: object, signer: Signer): Promise<string> {
  if (!isRecord(payload)) throw new TypeError('signJwt(payload, signer): payload must be an object')
  return signCompactJws(payload, signer)
}
