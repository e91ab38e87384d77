import type { MicroCredential, TrustList } from '@microcert/schemas'
import type { MicrocertErrorCode } from './errors.js'
import type { VerificationCache } from './lib/cache.js'
import type { FetchBudget } from './lib/fetch-limited.js'

export type { VerificationCache, FetchBudget }

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

/**
 * How the issuer's identity was confirmed from outside the credential (`verified` needs one of these):
 * - `trusted-issuers`: its DID is among the verifier's `trustedIssuers`;
 * - `trust-list`: its DID is on the verifier's trust list (name and country then come from the list);
 * - `domain`: no trust was configured, and the issuer is a `did:web` whose keys its web domain publishes;
 * - `key`: the verifier supplied the public key itself (`key` option).
 */
export type IssuerConfirmation = 'trusted-issuers' | 'trust-list' | 'domain' | 'key'

/** The issuer as `verifyCredential` reports it (only once the signature verified). */
export interface VerifiedIssuer {
  /** The issuer DID (or URL), as authenticated by the signature. */
  id: string
  /** From the trust list when listed there, else the credential's own claim (see `confirmedBy`). */
  name?: string
  country?: string
  /** On the verifier's trusted issuers or trust list. */
  trusted: boolean
  /** For a `did:web` issuer: the web address that publishes its keys, e.g. `uni.example` or `uni.example/microcerts`. */
  domain?: string
  /** What confirmed who the issuer is; absent when nothing did (then the result is at best a warning). */
  confirmedBy?: IssuerConfirmation
}

/** What `verifyCredential` reports. `verified` is exactly `status === 'verified'`. */
export interface VerificationResult {
  verified: boolean
  status: VerificationStatus
  checks: VerificationCheck[]
  /**
   * The check that decides `status` (absent when verified): the most severe by the order
   * failed > could not check (unknown) > untrusted / unconfirmed issuer > other warnings (expired, EU elements
   * missing, legacy format); among equals the earlier check.
   */
  reason?: { check: VerificationCheckId; code: MicrocertErrorCode }
  /** The credential, only once its signature verified; never for a forged or uncheckable one. */
  credential?: MicroCredential
  /**
   * What a credential says when its signature could not be checked (issuer keys unreachable, a proof format this
   * build cannot verify): content nobody vouched for. Show it, if at all, clearly marked as unverified.
   */
  unverifiedCredential?: Record<string, unknown>
  issuer?: VerifiedIssuer
  certificateId?: string
  statusInfo?: { purpose: string; reason?: string; since?: string }
}

/** Options of `verifyCredential`; every field is optional. */
export interface VerifyOptions {
  /**
   * DIDs of issuers the verifier trusts. Without this and `trustList`, only a `did:web` issuer (confirmed by its
   * domain) can be `verified`; a `did:key` / `did:jwk` issuer is then a warning (`ERR_ISSUER_UNCONFIRMED`).
   */
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
  /**
   * Total bytes all network reads of one verification may take together (DID document, trust list, status lists,
   * notices); past it the check reports `ERR_FETCH_BUDGET_EXCEEDED` ("could not check"). Default 8 MiB.
   */
  maxFetchBytes?: number
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
  /** Bytes the network reads of this verification may still take (shared with its other fetches). */
  budget?: FetchBudget
}
