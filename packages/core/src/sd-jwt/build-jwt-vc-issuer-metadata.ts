import { MicrocertError } from '../errors.js'
import { publicJwkOf } from '../lib/jwk.js'
import { jwtVcIssuerMetadataUrl } from './jwt-vc-issuer-metadata-url.js'

/** A JWT VC Issuer Metadata document (draft-ietf-oauth-sd-jwt-vc §5). */
export interface JwtVcIssuerMetadata {
  issuer: string
  jwks: { keys: (JsonWebKey & { kid: string; use: 'sig'; alg: string })[] }
}

/**
 * Builds the JWT VC Issuer Metadata an SD-JWT VC verifier fetches from `jwtVcIssuerMetadataUrl(issuer)` to find the
 * issuer's keys: `{ issuer, jwks }`. Give every key the issuer ever signed with (old keys too, so old credentials keep
 * verifying); `kid` is the one the issuer signs with (microcert uses the DID URL of the key).
 *
 * @example
 * const metadata = buildJwtVcIssuerMetadata({ issuer: 'https://uni.example', keys: [{ kid: 'did:web:uni.example#key-1', publicJwk }] })
 * @throws MicrocertError ERR_KEY_INVALID (not a public P-256 / Ed25519 JWK), ERR_INPUT_INVALID (issuer not a URL,
 *   no keys, duplicate kid)
 */
export function buildJwtVcIssuerMetadata(options: { issuer: string; keys: { kid: string; publicJwk: JsonWebKey }[] }): JwtVcIssuerMetadata {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.keys)) {
    throw new TypeError('buildJwtVcIssuerMetadata({ issuer, keys }): keys must be an array')
  }
  jwtVcIssuerMetadataUrl(options.issuer)
  if (options.keys.length === 0) throw new MicrocertError('ERR_INPUT_INVALID', 'The issuer metadata needs at least one key')
  const seen = new Set<string>()
  const keys = options.keys.map(({ kid, publicJwk }) => {
    if (typeof kid !== 'string' || kid.length === 0) throw new MicrocertError('ERR_INPUT_INVALID', 'Every key needs a kid')
    if (seen.has(kid)) throw new MicrocertError('ERR_INPUT_INVALID', `The kid "${kid.slice(0, 120)}" is listed twice`)
    seen.add(kid)
    const jwk = publicJwkOf(publicJwk, `Key "${kid.slice(0, 120)}"`)
    return { ...jwk, kid, use: 'sig' as const, alg: jwk.kty === 'EC' ? 'ES256' : 'EdDSA' }
  })
  return { issuer: options.issuer, jwks: { keys } }
}
