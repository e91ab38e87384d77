import { MicrocertError } from '../errors.js'
import type { Algorithm, JwsAlgorithm } from '../types.js'

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
/** RSA moduli from 2048 to 8192 bits, as base64url (342 to 1366 characters; a leading zero byte allowed). */
const RSA_MODULUS = /^[A-Za-z0-9_-]{342,1368}$/

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

/**
 * `publicJwkOf` for keys a verifier meets in other issuers' documents: also RSA public keys of 2048 to 8192 bits
 * (`n`, `e`), which verify RS256 / PS256. Throws ERR_KEY_INVALID.
 */
export function verificationJwkOf(value: unknown, what = 'The key'): JsonWebKey {
  const jwk = value as JsonWebKey | null
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'RSA') return publicJwkOf(value, what)
  if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((name) => name in jwk)) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} holds a private key where a public key is expected`)
  }
  if (typeof jwk.n !== 'string' || !RSA_MODULUS.test(jwk.n) || typeof jwk.e !== 'string' || !/^[A-Za-z0-9_-]{1,8}$/.test(jwk.e)) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} is not an RSA public key of 2048 to 8192 bits`)
  }
  return { kty: 'RSA', n: jwk.n, e: jwk.e }
}

/** The algorithm a verifier may check with `jwk` for a header that says `alg`, or undefined when the key cannot. */
export function algorithmFor(jwk: JsonWebKey, alg: string, allowed: readonly JwsAlgorithm[]): JwsAlgorithm | undefined {
  return (allowed as readonly string[]).includes(alg) && keyServes(jwk, alg) ? (alg as JwsAlgorithm) : undefined
}
