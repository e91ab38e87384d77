import type { DidDocument } from '../types.js'

/** A one-key DID document, as did:key and did:jwk resolution produce. */
export function didDocumentForJwk(did: string, keyId: string, publicKeyJwk: JsonWebKey): DidDocument {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: keyId, type: 'JsonWebKey2020', controller: did, publicKeyJwk }],
    assertionMethod: [keyId],
    authentication: [keyId],
  }
}
