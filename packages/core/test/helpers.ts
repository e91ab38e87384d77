import { createDidWebDocument } from '../src/create-did-web-document.js'
import { createSigner } from '../src/create-signer.js'
import type { DidDocument, DidResolver } from '../src/types.js'
import { MicrocertError } from '../src/errors.js'
import type { MicroCredentialInput } from '@microcert/schemas'
import keys from './vectors/keys.json' with { type: 'json' }
import sampleInput from './vectors/micro-credential-input.json' with { type: 'json' }

export { keys }
export const ISSUER = 'did:web:credentials.uni-example.cz'
export const OTHER = 'did:web:evil.example'
export const NOW = new Date('2026-07-01T12:00:00Z')
export const CREDENTIAL_ID = 'https://credentials.uni-example.cz/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K'

/** The sample input without e-mail and student number (their hashes use random salts). */
export function deterministicInput(): MicroCredentialInput {
  const input = structuredClone(sampleInput) as MicroCredentialInput
  delete input.learner.email
  delete input.learner.studentId
  return input
}

export function fullInput(): MicroCredentialInput {
  return structuredClone(sampleInput) as MicroCredentialInput
}

export const issuerDocument = createDidWebDocument({
  did: ISSUER,
  keys: [
    { id: 'key-1', publicJwk: keys.issuerEd25519.publicJwk },
    { id: 'key-2', publicJwk: keys.issuerP256.publicJwk },
  ],
})
export const otherDocument = createDidWebDocument({
  did: OTHER,
  keys: [
    { id: 'key-1', publicJwk: keys.otherEd25519.publicJwk },
    { id: 'key-2', publicJwk: keys.otherP256.publicJwk },
  ],
})

/** A resolver over fixed documents (no network); unknown DIDs are "unreachable". */
export function staticResolver(documents: DidDocument[] = [issuerDocument, otherDocument]): DidResolver & { calls: number } {
  const byId = new Map(documents.map((d) => [d.id, d]))
  const resolver = {
    calls: 0,
    async resolve(did: string) {
      resolver.calls++
      const doc = byId.get(did)
      if (doc === undefined) throw new MicrocertError('ERR_DID_UNREACHABLE', `No document for ${did}`)
      return doc
    },
  }
  return resolver
}

export const signers = {
  ed: () => createSigner(keys.issuerEd25519.privateJwk, { kid: `${ISSUER}#key-1` }),
  es: () => createSigner(keys.issuerP256.privateJwk, { kid: `${ISSUER}#key-2` }),
  otherEd: () => createSigner(keys.otherEd25519.privateJwk, { kid: `${OTHER}#key-1` }),
}
