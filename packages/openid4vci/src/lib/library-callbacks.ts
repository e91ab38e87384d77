import { createHash, randomBytes } from 'node:crypto'
import type { CallbackContext, Jwk } from '@openid4vc/oauth2'
import { clientAuthenticationNone } from '@openid4vc/oauth2'
import { compactVerify, importJWK, type JWK } from 'jose'

const ALGORITHMS = ['ES256', 'EdDSA']

/**
 * The callbacks `@openid4vc/*` needs on the issuer side: SHA hashing, randomness, and JWT verification for the
 * wallet's proof of possession (a key in the proof's `jwk` header; ES256 or EdDSA). The issuer signs nothing through
 * the library, so `signJwt` refuses.
 */
export function issuerCallbacks(): Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> {
  return {
    hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
    generateRandom: (bytes) => new Uint8Array(randomBytes(bytes)),
    clientAuthentication: clientAuthenticationNone({ clientId: 'microcert-issuer' }),
    fetch: (input, init) => globalThis.fetch(input, init),
    signJwt: () => {
      throw new TypeError('The microcert OpenID4VCI issuer signs no JWT through @openid4vc callbacks')
    },
    verifyJwt: async (signer, { compact, header }) => {
      if (signer.method !== 'jwk' || typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) return { verified: false }
      try {
        const key = await importJWK(signer.publicJwk as JWK, header.alg)
        await compactVerify(compact, key, { algorithms: [header.alg] })
        return { verified: true, signerJwk: signer.publicJwk as Jwk }
      } catch {
        return { verified: false }
      }
    },
  }
}
