import { importJWK } from 'jose'
import { MicrocertError } from '../errors.js'
import type { Algorithm } from '../types.js'

// Public keys only: importing costs more than verifying (TOOLCHAIN §7), so each key is imported once per realm.
const byObject = new WeakMap<object, Promise<CryptoKey>>()
const byValue = new Map<string, Promise<CryptoKey>>()
const MAX_ENTRIES = 1000

/** The CryptoKey of a public JWK (already checked by `publicJwkOf`), imported once and cached. Throws ERR_KEY_INVALID. */
export function importPublicKey(jwk: JsonWebKey, alg: Algorithm): Promise<CryptoKey> {
  const hit = byObject.get(jwk)
  if (hit !== undefined) return hit
  const valueKey = `${alg}.${jwk.x}.${jwk.y ?? ''}`
  let promise = byValue.get(valueKey)
  if (promise === undefined) {
    promise = importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y === undefined ? {} : { y: jwk.y }) } as JsonWebKey, alg).then(
      (key) => key as CryptoKey,
      (cause: unknown) => {
        byValue.delete(valueKey)
        throw new MicrocertError('ERR_KEY_INVALID', 'The public key could not be imported', { cause })
      },
    )
    if (byValue.size >= MAX_ENTRIES) byValue.delete(byValue.keys().next().value!)
    byValue.set(valueKey, promise)
  }
  byObject.set(jwk, promise)
  return promise
}
