import { MicrocertError } from '../errors.js'
import type { Algorithm } from '../types.js'

/** Which algorithm a JWK serves, or undefined when it is neither a P-256 nor an Ed25519 key. */
export function algorithmOfJwk(jwk: JsonWebKey): Algorithm | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  return undefined
}

/** Whether a public key (checked by `verificationJwkOf`) can verify a JWS of `alg`. */
export function keyServes(jwk: JsonWebKey, alg: string): boolean {
  return jwk.kty === 'RSA' ? alg === 'RS256' || alg === 'PS256' : algorithmOfJwk(jwk) === alg
}

const B64URL = /^[A-Za-z0-9_-]+$/

/**
 * Checks a public JWK (P-256 or Ed25519, no private part) and returns a copy holding only the public members.
 * Throws ERR_KEY_INVALID.
 */
export function publicJwkOf(value: unknown, what = 'The key'): JsonWebKey {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} is not a JWK object`)
  }
  const jwk = value as JsonWebKey
  if ('d' in jwk) throw new MicrocertError('ERR_KEY_INVALID', `${what} holds a private key where a public key is expected`)
  const alg = algorithmOfJwk(jwk)
  if (alg === undefined) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} is not a P-256 or Ed25519 key`, {
      details: { kty: String(jwk.kty), crv: String(jwk.crv) },
    })
  }
  if (typeof jwk.x !== 'string' || !B64URL.test(jwk.x) || (alg === 'ES256' && (typeof jwk.y !== 'string' || !B64URL.test(jwk.y)))) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} lacks valid coordinates`)
  }
  return alg === 'ES256' ? { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } : { kty: 'OKP', crv: 'Ed25519', x: jwk.x }
}
