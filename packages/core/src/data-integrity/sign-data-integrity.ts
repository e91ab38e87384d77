/// <reference path="./lib/digital-bazaar.d.ts" />
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import jsigs from 'jsonld-signatures'
import { MicrocertError, isMicrocertError } from '../errors.js'
import type { Signer } from '../types.js'
import { createDocumentLoader } from './create-document-loader.js'
import { eddsaRdfc2022 } from './lib/suites.js'

export interface SignDataIntegrityOptions {
  /** The proof's `created` time. Default now. */
  created?: Date
  /** Extra JSON-LD contexts by URL the credential uses (see `createDocumentLoader`). Default none. */
  contexts?: Readonly<Record<string, unknown>>
}

/**
 * Signs a credential with a Data Integrity proof, cryptosuite `eddsa-rdfc-2022` (the proof Open Badges 3.0
 * conformance asks for), with an Ed25519 `Signer`. The credential is canonicalised with RDFC-1.0 in JSON-LD safe mode
 * over the bundled contexts, so a term no context defines fails instead of silently dropping out of the signature.
 * Returns a new object with `proof` as an array (the Open Badges JSON Schema requires one); the input is not changed.
 *
 * @example
 * const signer = await createSigner(ed25519PrivateJwk, { kid: 'did:web:uni.example#key-1' })
 * const signed = await signDataIntegrity(credential, signer)
 * @throws MicrocertError ERR_ALGORITHM_UNSUPPORTED (not an EdDSA signer), ERR_ISSUER_MISMATCH (the signer's kid is
 *   not under the issuer id), ERR_CONTEXT_UNKNOWN (a context that is not bundled), ERR_CONTEXT_INVALID (undefined
 *   terms), ERR_INPUT_INVALID (no issuer); TypeError for a non-object credential or signer
 */
export async function signDataIntegrity(credential: object, signer: Signer, options: SignDataIntegrityOptions = {}): Promise<Record<string, unknown>> {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new TypeError('signDataIntegrity(credential, signer): credential must be an object')
  }
  if (typeof signer?.kid !== 'string' || typeof signer.sign !== 'function') throw new TypeError('signDataIntegrity(credential, signer): signer must be a Signer')
  if (signer.alg !== 'EdDSA') {
    throw new MicrocertError('ERR_ALGORITHM_UNSUPPORTED', `eddsa-rdfc-2022 needs an Ed25519 (EdDSA) key, not "${String(signer.alg)}"`)
  }
  const document = structuredClone(credential) as Record<string, unknown>
  const issuer = document['issuer']
  const issuerId = typeof issuer === 'string' ? issuer : typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : undefined
  if (typeof issuerId !== 'string') throw new MicrocertError('ERR_INPUT_INVALID', 'The credential has no issuer id', { details: { issues: ['issuer.id: required'] } })
  if (signer.kid.split('#')[0] !== issuerId) {
    throw new MicrocertError('ERR_ISSUER_MISMATCH', `The signer key "${signer.kid}" does not belong to issuer "${issuerId}"`)
  }
  const created = options.created ?? new Date()
  if (!(created instanceof Date) || Number.isNaN(created.getTime())) throw new TypeError('signDataIntegrity: created must be a valid Date')

  const existing = document['proof']
  delete document['proof']
  const suite = new DataIntegrityProof({
    cryptosuite: eddsaRdfc2022,
    date: created,
    // The Digital Bazaar signer interface over microcert's Signer: the key never leaves it.
    signer: { id: signer.kid, algorithm: 'Ed25519', sign: ({ data }: { data: Uint8Array }) => signer.sign(data) },
  })
  let signed: Record<string, unknown>
  try {
    signed = await jsigs.sign(document, {
      suite,
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: createDocumentLoader({ contexts: options.contexts ?? {} }),
    })
  } catch (error) {
    throw signingError(error)
  }
  const proofs = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  return { ...signed, proof: [...proofs, signed['proof']] }
}

function signingError(error: unknown): MicrocertError {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; depth++) {
    if (isMicrocertError(e)) return e
    if (e.name === 'jsonld.ValidationError' || /safe mode/i.test(e.message)) {
      return new MicrocertError('ERR_CONTEXT_INVALID', 'The credential does not process in JSON-LD safe mode: a term no context defines would drop out of the signature', {
        cause: error,
        details: { reason: e.message.slice(0, 300) },
      })
    }
    e = (e as { cause?: unknown }).cause ?? (e as { details?: { cause?: unknown } }).details?.cause
  }
  return new MicrocertError('ERR_INPUT_INVALID', 'The credential could not be signed as JSON-LD', { cause: error })
}
