import { MicrocertError } from '../errors.js'
import type { Algorithm, DidResolver } from '../types.js'
import type { DetectedProof, ProofFormat } from './detect-proof.js'
import { verifyParsedJws } from './verify-jws.js'

export interface ProofContext {
  resolver: DidResolver
  algorithms: readonly Algorithm[]
  /** A public JWK the verifier supplied instead of resolving the issuer's DID. */
  key?: JsonWebKey | undefined
  signal?: AbortSignal | undefined
}

/** What a verified proof tells the checks around it. */
export interface VerifiedProof {
  /** The DID the signing key belongs to ('' when the verifier supplied the key and the proof names no DID). */
  keyDid: string
  /** The key id used, for messages ('' when the verifier supplied a key without one). */
  kid: string
  /** Where the key came from: the issuer's DID document (or self-describing DID), or the verifier's `key` option. */
  keySource: 'did' | 'key'
  /** Identifies key + signature: a verified signature pins its payload (used to cache pure checks of the payload). */
  pin: string
  /** Claims the proof itself carries about the credential (a VC-JWT's `iss`, `nbf`, `exp`), checked by issuer/validity. */
  claims: Record<string, unknown>
}

type ProofVerifier<F extends ProofFormat> = (proof: Extract<DetectedProof, { format: F }>, context: ProofContext) => Promise<VerifiedProof>

/**
 * One verifier per proof format: the only place a format's cryptography is wired in. A format without an entry is
 * reported as ERR_PROOF_UNSUPPORTED ("cannot be checked here", never "forged"), so a new format (Data Integrity,
 * SD-JWT VC) slots in by adding its entry, without touching the checks around it.
 */
const VERIFIERS: { [F in ProofFormat]?: ProofVerifier<F> } = {
  'vc-jwt': async (proof, context) => {
    const verified = await verifyParsedJws(proof.jws, { resolver: context.resolver, algorithms: context.algorithms, key: context.key, signal: context.signal })
    const { jws } = proof
    return {
      keyDid: verified.issuerDid,
      kid: verified.kid,
      keySource: context.key === undefined ? 'did' : 'key',
      pin: `${verified.publicJwk.x}.${verified.publicJwk.y ?? ''}.${jws.token.slice(jws.signingInputLength + 1)}`,
      claims: jws.payload,
    }
  },
}

const UNSUPPORTED: Partial<Record<ProofFormat, string>> = {
  'data-integrity': 'An embedded Data Integrity proof cannot be checked here yet; present the VC-JWT of this credential',
  'sd-jwt': 'An SD-JWT (selective disclosure) cannot be checked here yet',
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
 * (for VC-JWT: ERR_ALGORITHM_UNSUPPORTED, ERR_SIGNATURE_INVALID, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_DID_*, …).
 */
export function verifyProof(proof: DetectedProof, context: ProofContext): Promise<VerifiedProof> {
  if (proof.format === 'unsigned') {
    return Promise.reject(new MicrocertError('ERR_PROOF_MISSING', 'The credential is unsigned JSON: nothing proves who issued it'))
  }
  const verifier = VERIFIERS[proof.format] as ProofVerifier<typeof proof.format> | undefined
  if (verifier === undefined) {
    const message = UNSUPPORTED[proof.format] ?? `A ${proof.format} proof cannot be checked here`
    return Promise.reject(new MicrocertError('ERR_PROOF_UNSUPPORTED', message, { details: { format: proof.format } }))
  }
  return verifier(proof, context)
}
