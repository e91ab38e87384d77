import type { MicroCredential, TrustList } from '@microcert/schemas'
import type { MicrocertErrorCode } from './errors.js'
import type { VerificationCache } from './lib/cache.js'

export type { VerificationCache }

/** The JWS algorithms microcert signs and verifies with. ES256 is the default; EdDSA means Ed25519. */
export type Algorithm = 'ES256' | 'EdDSA'

/**
 * Signs bytes with an issuer key, wherever the key lives (a JWK file, a non-extractable WebCrypto key, a KMS or HSM).
 * `sign` returns the raw JWS signature: 64 bytes `r‖s` for ES256, 64 bytes for EdDSA.
 */
export interface Signer {
  readonly alg: Algorithm
  /** DID URL of the verification method, e.g. `did:web:uni.example#key-1`. */
  readonly kid: string
  sign(data: Uint8Array): Promise<Uint8Array>
}

/** A verification method of a DID document (JsonWebKey2020 / JsonWebKey / Multikey). */
export interface VerificationMethod {
  id: string
  type: string
  controller: string
  publicKeyJwk?: JsonWebKey
  publicKeyMultibase?: string
}

/** The parts of a DID document microcert reads and writes. */
export interface DidDocument {
  '@context'?: string | (string | Record<string, unknown>)[]
  id: string
  verificationMethod?: VerificationMethod[]
  assertionMethod?: (string | VerificationMethod)[]
  authentication?: (string | VerificationMethod)[]
  [property: string]: unknown
}

/** Resolves a DID to its DID document; throws `MicrocertError` with an `ERR_DID_*` code. */
export interface DidResolver {
  resolve(did: string, options?: { signal?: AbortSignal }): Promise<DidDocument>
}

export type VerificationCheckId = 'format' | 'signature' | 'issuer' | 'schema' | 'trust' | 'validity' | 'status'
export type VerificationOutcome = 'passed' | 'warning' | 'failed' | 'unknown' | 'skipped'
export type VerificationStatus = 'verified' | 'warning' | 'failed' | 'unknown'

/** One step of a verification, in the order format → signature → issuer → schema → trust → validity → status. */
export interface VerificationCheck {
  id: VerificationCheckId
  outcome: VerificationOutcome
  code?: MicrocertErrorCode
  /** One line of English for logs; show translated text for `code` to people instead. */
  message: string
  details?: Record<string, unknown>
}

/** What `verifyCredential` reports. `verified` is exactly `status === 'verified'`. */
export interface VerificationResult {
  verified: boolean
  status: VerificationStatus
  checks: VerificationCheck[]
  /** The credential, once its signature passed (or could not be checked); never for a forged token. */
  credential?: MicroCredential
  issuer?: { id: string; name?: string; country?: string; trusted: boolean }
  certificateId?: string
  statusInfo?: { purpose: string; reason?: string; since?: string }
}

/** Options of `verifyCredential`; every field is optional. */
export interface VerifyOptions {
  /** DIDs of issuers the verifier trusts. Without this and `trustList`, the trust check is skipped. */
  trustedIssuers?: string[]
  /** A trust list object, or the URL of one to fetch. */
  trustList?: TrustList | string
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: typeof fetch
  /** The time to check validity against. Default now. */
  now?: Date
  /** Allowed clock skew in seconds. Default 60. */
  clockTolerance?: number
  /** Timeout of each network request in ms. Default 10000. */
  timeout?: number
  /** Resolves issuer DIDs. Default: `createDidResolver` with this call's `fetch`, `timeout`, `cache`, `allowInsecureLocalhost`. */
  resolver?: DidResolver
  /** Cache of DID documents, status lists and trust lists. Default: one in-memory cache shared by all calls. */
  cache?: VerificationCache
  /** Allow `http:` for `localhost` / `127.0.0.1` (demos, tests). Default false. */
  allowInsecureLocalhost?: boolean
  /** Largest accepted input in bytes. Default 1 MiB. */
  maxBytes?: number
  /** Accepted JWS algorithms. Default `['ES256', 'EdDSA']`. */
  algorithms?: Algorithm[]
  /** Verify against this public JWK instead of resolving the issuer's DID (offline checks). */
  key?: JsonWebKey
  /** Aborts network requests. */
  signal?: AbortSignal
  /** Check revocation / suspension. Default true. */
  checkStatus?: boolean
}

/** What the status step of `verifyCredential` hands to `checkCredentialStatus`. */
export interface StatusCheckContext {
  fetch: typeof fetch
  now: Date
  timeout: number
  resolver: DidResolver
  algorithms: Algorithm[]
  allowInsecureLocalhost: boolean
  cache?: VerificationCache
  signal?: AbortSignal
  issuerDid: string
}
