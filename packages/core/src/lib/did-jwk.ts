import { base64url } from 'jose'
import { MicrocertError } from '../errors.js'
import type { DidDocument } from '../types.js'
import { didDocumentForJwk } from './did-document-for-jwk.js'
import { publicJwkOf } from './jwk.js'
import { parseJson } from './parse-json.js'

/** did:jwk to its DID document (one key, `#0`), without network. Throws ERR_DID_INVALID / ERR_KEY_INVALID. */
export function resolveDidJwk(did: string): DidDocument {
  let value: unknown
  try {
    value = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(did.slice('did:jwk:'.length))), {
      maxDepth: 4,
      maxBytes: 4096,
    })
  } catch (cause) {
    throw new MicrocertError('ERR_DID_INVALID', 'The did:jwk does not hold a base64url JSON key', { cause })
  }
  const jwk = publicJwkOf(value, 'The did:jwk key')
  const use = (value as JsonWebKey).use
  const document = didDocumentForJwk(did, `${did}#0`, jwk)
  if (use === 'enc') {
    delete document.assertionMethod
    delete document.authentication
  }
  return document
}
