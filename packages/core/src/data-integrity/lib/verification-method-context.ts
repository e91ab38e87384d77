import type { VerificationMethod } from '../../types.js'
import { CONTEXT_URLS } from './bundled-contexts.js'

const CONTEXT_OF_TYPE: Readonly<Record<string, string>> = {
  Multikey: CONTEXT_URLS.multikeyV1,
  JsonWebKey: CONTEXT_URLS.jwkV1,
  JsonWebKey2020: CONTEXT_URLS.jws2020V1,
  Ed25519VerificationKey2020: CONTEXT_URLS.ed25519Signature2020V1,
}

/** A verification method as a stand-alone JSON-LD document (DID documents carry the context once, at the top). */
export function withKeyContext(method: VerificationMethod): Record<string, unknown> {
  const context = CONTEXT_OF_TYPE[method.type]
  return context === undefined ? { ...method } : { '@context': context, ...method }
}
