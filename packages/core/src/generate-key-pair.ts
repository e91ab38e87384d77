import { exportJWK, generateKeyPair as joseGenerateKeyPair } from 'jose'
import type { Algorithm } from './types.js'

/**
 * Generates an issuer key pair and returns both halves as JWKs (`alg` set). Keep `privateJwk` secret (a 0600 file, a
 * secret store); publish `publicJwk` in the issuer's DID document.
 *
 * @example
 * const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
 * const signer = await createSigner(privateJwk, { kid: 'did:web:uni.example#key-1' })
 * @throws TypeError for an algorithm other than 'ES256' or 'EdDSA'
 */
export async function generateKeyPair(alg: Algorithm = 'ES256'): Promise<{ privateJwk: JsonWebKey; publicJwk: JsonWebKey }> {
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`generateKeyPair(alg): expected "ES256" or "EdDSA", received "${String(alg)}"`)
  const { privateKey, publicKey } = await joseGenerateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined })
  const [privateJwk, publicJwk] = await Promise.all([exportJWK(privateKey), exportJWK(publicKey)])
  return { privateJwk: { ...privateJwk, alg } as JsonWebKey, publicJwk: { ...publicJwk, alg } as JsonWebKey }
}
