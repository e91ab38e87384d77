import { importJWK } from 'jose/key/import'
import { MicrocertError } from '../errors.js'
import type { JwsAlgorithm } from '../types.js'

// Public keys only: importing costs more than verifying (TOOLCHAIN §7), so each key is imported once per realm.
const byObject = new WeakMap<object, Map<JwsAlgorithm, Promise<CryptoKey>>>()
const byValue = new Map<string, Promise<CryptoKey>>()
const MAX_ENTRIES = 1000

/**
 * The CryptoKey of a public JWK (already checked by `publicJwkOf` / `verificationJwkOf`) for `alg`, imported once and
 * cached (an RSA key imports separately for RS256 and PS256). Throws ERR_KEY_INVALID.
 */
export function importPublicKey(jwk: JsonWebKey, alg: JwsAlgorithm): Promise<CryptoKey> {
  let perAlg = byObject.get(jwk)
  const hit = perAlg?.get(alg)
  if (hit !== undefined) return hit
  const rsa = jwk.kty === 'RSA'
  const valueKey = rsa ? `${alg}.${jwk.n}.${jwk.e}` : `${alg}.${jwk.x}.${jwk.y ?? ''}`
  let promise = byValue.get(valueKey)
  if (promise === undefined) {
    const members = rsa ? { kty: 'RSA', n: jwk.n, e: jwk.e } : { kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y === undefined ? {} : { y: jwk.y }) }
    promise = importJWK(members as JsonWebKey, alg).then(
      (key) => key as CryptoKey,
      (cause: unknown) => {
        byValue.delete(valueKey)
        throw new MicrocertError('ERR_KEY_INVALID', 'The public key could not be imported', { cause })
      },
    )
    if (byValue.size >= MAX_ENTRIES) byValue.delete(byValue.keys().next().value!)
    byValue.set(valueKey, promise)
  }
  if (perAlg === undefined) byObject.set(jwk, (perAlg = new Map()))
  perAlg.set(alg, promise)
  return promise
}
