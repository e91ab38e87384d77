import { MicrocertError } from './errors.js'
import { publicJwkOf } from './lib/jwk.js'

/**
 * Returns the public half of a P-256 or Ed25519 JWK (private or public), holding only `kty`, `crv`, `x`, `y`.
 *
 * @example
 * const publicJwk = extractPublicJwk(JSON.parse(await readFile('issuer-key.json', 'utf8')))
 * @throws MicrocertError ERR_KEY_INVALID for a JWK that is not a P-256 or Ed25519 key
 */
export function extractPublicJwk(jwk: JsonWebKey): JsonWebKey {
  if (typeof jwk !== 'object' || jwk === null) throw new TypeError('extractPublicJwk(jwk): jwk must be an object')
  const { d: _d, ...rest } = jwk
  if (_d !== undefined && typeof _d !== 'string') throw new MicrocertError('ERR_KEY_INVALID', 'The JWK has a malformed private part')
  return publicJwkOf(rest)
}
