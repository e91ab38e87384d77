import { MicrocertError } from '../errors.js'
import type { DidResolver, JwsAlgorithm, VerificationCheck } from '../types.js'
import type { ControllerResolver } from './controller-document.js'
import type { DetectedProof, ProofFormat } from './detect-proof.js'
import { issuerIdOf } from './jwt-claims.js'
import { verifyParsedJws } from './verify-jws.js'
import { loadChunk } from './load-chunk.js'

export interface ProofContext {
  resolver: DidResolver
  /** DIDs through `resolver`, https issuer profiles (controller documents) fetched within the verification's limits. */
  controllers: ControllerResolver
  algorithms: readonly JwsAlgorithm[]
  /** A public JWK the verifier supplied instead of resolving the issuer's DID. */
  key?: JsonWebKey | undefined
  /** Extra JSON-LD contexts by URL, for Data Integrity proofs. */
  contexts?: Readonly<Record<string, unknown>> | undefined
  signal?: AbortSignal | undefined
}

/** What a verified proof tells the checks around it. */
export interface VerifiedProof {
  /** Who controls the signing key: a DID, or an https issuer URL ('' when the verifier supplied the key and the proof names no DID). */
  keyDid: string
  /** The key id used, for messages ('' when the verifier supplied a key without one). */
  kid: string
  /** Where the key came from: the issuer's DID document (or self-describing DID), or the verifier's `key` option. */
  keySource: 'did' | 'key'
  /**
   * Identifies key + signature when a verified signature pins the exact bytes of the payload (a JWS), so pure checks of
   * the payload can be cached. Absent for Data Integrity: two JSON texts with one RDF meaning share a signature.
   */
  pin?: string
  /** Claims the proof itself carries about the credential (a VC-JWT's `iss`, `nbf`, `exp`), checked by issuer/validity. */
  claims: Record<string, unknown>
  /** The issuer check the proof made itself (Data Integrity: the key's controller and its authorisation), if any. */
  issuerCheck?: VerificationCheck
  /** The proof that was checked, for the signature check's details. */
  details?: Record<string, unknown>
}

type ProofVerifier<F extends ProofFormat> = (proof: Extract<DetectedProof, { format: F }>, context: ProofContext) => Promise<VerifiedProof>

/**
 * One verifier per proof format: the only place a format's cryptography is wired in. A format without an entry is
 * reported as ERR_PROOF_UNSUPPORTED ("cannot be checked here", never "forged"), so a new format slots in by adding
 * its entry, without touching the checks around it. Data Integrity is a separate chunk, loaded with the first
 * credential that carries an embedded proof. (An SD-JWT VC is a presentation, with checks of its own: verifyCredential
 * hands it to the SD-JWT verifier before this step.)
 */
const VERIFIERS: { [F in ProofFormat]?: ProofVerifier<F> } = {
  'vc-jwt': async (proof, context) => {
    const { jws, credential } = proof
    const verified = await verifyParsedJws(jws, {
      resolver: context.resolver,
      controllers: context.controllers,
      algorithms: context.algorithms,
      key: context.key,
      signal: context.signal,
      issuer: issuerIdOf(credential),
    })
    const { publicJwk } = verified
    return {
      keyDid: verified.issuerDid,
      kid: verified.kid,
      keySource: context.key === undefined ? 'did' : 'key',
      pin: `${publicJwk.x ?? publicJwk.n}.${publicJwk.y ?? publicJwk.e ?? ''}.${jws.token.slice(jws.signingInputLength + 1)}`,
      claims: jws.payload,
    }
  },
  'data-integrity': async (proof, context) => (await loadChunk(() => import('./verify-embedded-proof.js'))).verifyEmbeddedProof(proof.credential, context),
}

/**
 * What a proof says about its signer before anything is verified (the key's DID, the JWT claims), so a proof that
 * names another signer than the credential's issuer fails even when the key cannot be fetched.
 */
export function claimedSigner(proof: DetectedProof): { keyDid?: string; claims: Record<string, unknown> } {
  if (proof.format !== 'vc-jwt') return { claims: {} }
  const claims = proof.jws.payload
  const kid = proof.jws.header['kid']
  const iss = claims['iss']
  const absolute = typeof kid === 'string' && kid.startsWith('#') && typeof iss === 'string' ? `${iss}${kid}` : kid
  if (typeof absolute !== 'string' || !absolute.startsWith('did:')) return { claims }
  return { keyDid: absolute.split('#')[0]!, claims }
}

/**
 * The signature step of `verifyCredential` for any proof format. Throws MicrocertError: ERR_PROOF_MISSING (unsigned),
 * ERR_PROOF_UNSUPPORTED (a format or algorithm this build does not verify), and the codes of the format's verifier
 * (VC-JWT: ERR_ALGORITHM_UNSUPPORTED, ERR_SIGNATURE_INVALID, ERR_KEY_NOT_FOUND, ERR_KEY_NOT_AUTHORIZED, ERR_KEY_INVALID,
 * ERR_DID_*; Data Integrity also ERR_CONTEXT_UNKNOWN, ERR_CONTEXT_INVALID).
 */
export function verifyProof(proof: DetectedProof, context: ProofContext): Promise<VerifiedProof> {
  if (proof.format === 'unsigned') {
    return Promise.reject(new MicrocertError('ERR_PROOF_MISSING', 'The credential is unsigned JSON: nothing proves who issued it'))
  }
  const verifier = VERIFIERS[proof.format] as ProofVerifier<typeof proof.format> | undefined
  if (verifier === undefined) {
    return Promise.reject(new MicrocertError('ERR_PROOF_UNSUPPORTED', `A ${proof.format} proof cannot be checked here`, { details: { format: proof.format } }))
  }
  return verifier(proof, context)
}
