import type { EuElement, MicroCredential, TrustList } from '@microcert/schemas'
import type { MicrocertErrorCode } from './errors.js'
import type { VerificationCache } from './lib/cache.js'
import type { ControllerResolver } from './lib/controller-document.js'
import type { FetchBudget } from './lib/fetch-limited.js'
import type { SdJwtVcPresentation } from './sd-jwt/types.js'

export type { VerificationCache, FetchBudget }

/** The JWS algorithms microcert signs and verifies with. ES256 is the default; EdDSA means Ed25519. */
export type Algorithm = 'ES256' | 'EdDSA'

/**
 * The JWS algorithms microcert verifies: its own two, and the RSA algorithms other issuers sign with (Open Badges 3.0
 * requires RS256 of every implementation; PS256 is its RSA-PSS sibling). RSA keys must have at least 2048 bits.
 */
export type JwsAlgorithm = Algorithm | 'RS256' | 'PS256'

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

/**
 * The checks of a verification, in order: format → signature → issuer → schema → trust → validity → status. An SD-JWT
 * VC presentation adds `holder` (key binding: the wallet the credential was issued to made the presentation) after
 * `signature`.
 */
export type VerificationCheckId = 'format' | 'signature' | 'holder' | 'issuer' | 'schema' | 'trust' | 'validity' | 'status'
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

/**
 * What `verified` demands of a credential's content:
 * - `micro-credential` (default): an Open Badges 3.0 credential carrying all 11 elements of an EU micro-credential
 *   (Council Recommendation 2022/C 243/02, Annex I); one that lacks some is authentic but a warning
 *   (ERR_EU_ELEMENTS_MISSING);
 * - `open-badge`: any authentic Open Badges 3.0 credential (also in the VC 1.1 form); the EU elements are reported in
 *   `euElements`, not required.
 */
export type VerificationProfile = 'micro-credential' | 'open-badge'

/** One of the 11 EU micro-credential elements, by its number in Annex I and its English name (`EU_ELEMENTS`). */
export interface EuElementReport {
  element: EuElement
  name: string
}

/**
 * Which of the 11 EU micro-credential elements the credential carries (by presence; `checks` say whether their form is
 * right). Reported under every profile, so an Open Badge shows how far it is from an EU micro-credential.
 */
export interface EuElementsReport {
  present: EuElementReport[]
  missing: EuElementReport[]
  /** SD-JWT VC presentations only: elements the holder chose not to show (learner, date of issuing). */
  notDisclosed?: EuElementReport[]
}

/** Where the verified credential came from when it was not given directly. */
export interface CredentialSource {
  /** `pdf`: the credential was attached to a PDF certificate (`verifyCredential(pdfBytes)`). */
  type: 'pdf'
  /** The attachment's file name, e.g. `MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt`. */
  name?: string
  /** The attachment's media type, e.g. `application/vc+jwt`. */
  mediaType?: string
  /** Its PDF/A-3 `AFRelationship`, e.g. `Source`. */
  relationship?: string
}

/** The issuer as `verifyCredential` reports it (only once the signature verified). */
export interface VerifiedIssuer {
  /** The issuer DID (or URL), as authenticated by the signature. */
  id: string
  /** From the trust list when listed there, else the credential's own claim (see `confirmedBy`). */
  name?: string
  country?: string
  /** On the verifier's trusted issuers or trust list. */
  trusted: boolean
  /**
   * The web address that publishes the issuer's keys: for a `did:web` issuer e.g. `uni.example` or
   * `uni.example/microcerts`; for an https issuer whose profile lists the key, its host and path.
   */
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
  /**
   * The profile the content was judged by (the `profile` option; default `micro-credential`). Always set by
   * `verifyCredential` and `lookupCredential`; optional so that results made elsewhere (a widget's own "could not
   * fetch") stay valid.
   */
  profile?: VerificationProfile
  /**
   * Which EU micro-credential elements the credential (or the presentation) carries and lacks, named. Present whenever
   * there was content to look at — for content nobody vouched for (`unverifiedCredential`) too.
   */
  euElements?: EuElementsReport
  /**
   * An SD-JWT VC presentation from a wallet: only what the holder disclosed (`claims`, `disclosed`), the type's other
   * personal claims listed as `notDisclosed`, and the key binding. Presentations have no `credential`.
   */
  presentation?: SdJwtVcPresentation
  /** Set when the credential was extracted from a PDF certificate. */
  source?: CredentialSource
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
  /**
   * Cache of DID documents, issuer profiles, status lists and trust lists. Default: one in-memory cache shared by all
   * calls of the process (per `fetch` function), which keeps a status list for its `ttl` — so a long-running process
   * sees a revocation at most one ttl after it was published. `false`: nothing is reused from or kept for other calls
   * (the freshest answer, e.g. a registrar's own checks); or pass a `createMemoryCache()` you replace.
   */
  cache?: VerificationCache | false
  /** Allow `http:` for `localhost` / `127.0.0.1` (demos, tests). Default false. */
  allowInsecureLocalhost?: boolean
  /** Largest accepted input in bytes. Default 1 MiB. */
  maxBytes?: number
  /**
   * Total bytes all network reads of one verification may take together (DID document, trust list, status lists,
   * notices); past it the check reports `ERR_FETCH_BUDGET_EXCEEDED` ("could not check"). Default 8 MiB.
   */
  maxFetchBytes?: number
  /** Accepted JWS algorithms. Default `['ES256', 'EdDSA', 'RS256', 'PS256']`. */
  algorithms?: JwsAlgorithm[]
  /** Verify a VC-JWT (or SD-JWT VC) against this public JWK instead of resolving the issuer's DID (offline checks). */
  key?: JsonWebKey
  /** What `verified` demands of the content. Default `micro-credential`. */
  profile?: VerificationProfile
  /**
   * Extra JSON-LD contexts by URL for Data Integrity credentials (an ecosystem's own vocabulary), beside the bundled
   * ones; a context that is neither is never fetched (ERR_CONTEXT_UNKNOWN, "could not check"). Default none.
   */
  contexts?: Record<string, unknown>
  /** SD-JWT VC presentations: the nonce the verifier sent the wallet; the key-binding JWT must carry it. Default not checked. */
  nonce?: string
  /** SD-JWT VC presentations: this verifier's identifier, which the key-binding JWT must name in `aud`. Default not checked. */
  audience?: string
  /** SD-JWT VC presentations: fail a holder-bound credential presented without key binding. Default true. */
  requireKeyBinding?: boolean
  /** Largest PDF accepted (its attached credential is held to `maxBytes`). Default 16 MiB. */
  maxPdfBytes?: number
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
  algorithms: JwsAlgorithm[]
  allowInsecureLocalhost: boolean
  cache?: VerificationCache
  signal?: AbortSignal
  issuerDid: string
  /** Bytes the network reads of this verification may still take (shared with its other fetches). */
  budget?: FetchBudget
  /** Resolves the keys of a status list's issuer when it is an https issuer (DIDs go to `resolver`). */
  controllers?: ControllerResolver
  /** Extra JSON-LD contexts for status lists secured with Data Integrity. */
  contexts?: Readonly<Record<string, unknown>>
}
