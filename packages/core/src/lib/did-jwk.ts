import { MicrocertError } from '../errors.js'
import { decodeBase64url } from './base64url.js'
import type { DidDocument } from '../types.js'
import { didDocumentForJwk } from './did-document-for-jwk.js'
import { algorithmOfJwk, publicJwkOf } from './jwk.js'
import { parseJson } from './parse-json.js'

/** Members of a private JWK (EC/OKP `d`, RSA primes and exponents): a did:jwk holding one is refused. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv']

/**
 * did:jwk to its DID document (one key, `#0`), without network. Keys of other types than P-256 / Ed25519 (P-384,
 * RSA…) resolve too — their credentials are then "cannot be checked here", not forged. Throws ERR_DID_INVALID /
 * ERR_KEY_INVALID.
 */
export function resolveDidJwk(did: string): DidDocument {
  let value: unknown
  try {
    const bytes = decodeBase64url(did.slice('did:jwk:'.length))
    if (bytes === undefined) throw new TypeError('not base64url')
    value = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes), {
      maxDepth: 4,
      maxBytes: 4096,
    })
  } catch (cause) {
    throw new MicrocertError('ERR_DID_INVALID', 'The did:jwk does not hold a base64url JSON key', { cause })
  }
  const jwk = algorithmOfJwk(value as JsonWebKey) === undefined ? otherPublicJwk(value) : publicJwkOf(value, 'The did:jwk key')
  const use = (value as JsonWebKey).use
  const document = didDocumentForJwk(did, `${did}#0`, jwk)
  if (use === 'enc') {
    delete document.assertionMethod
    delete document.authentication
  }
  return document
}

/** The public members of a JWK microcert does not verify with, or ERR_KEY_INVALID for a private or malformed one. */
function otherPublicJwk(value: unknown): JsonWebKey {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { kty?: unknown }).kty !== 'string') {
    throw new MicrocertError('ERR_KEY_INVALID', 'The did:jwk key is not a JWK object')
  }
  const jwk = value as Record<string, unknown>
  if (PRIVATE_MEMBERS.some((name) => name in jwk)) {
    throw new MicrocertError('ERR_KEY_INVALID', 'The did:jwk key holds a private key where a public key is expected')
  }
  const out: Record<string, unknown> = {}
  for (const name of ['kty', 'crv', 'x', 'y', 'n', 'e', 'pub', 'alg']) if (typeof jwk[name] === 'string') out[name] = jwk[name]
  return out as JsonWebKey
}
