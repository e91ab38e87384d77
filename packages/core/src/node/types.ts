import type { IssuerProfile, MicroCredentialInput } from '@microcert/schemas'
import type { MicrocertErrorCode } from '../errors.js'
import type { IssuanceStateStore } from '../issuance-state-store.js'
import type { Algorithm, Signer } from '../types.js'
import type { CertificateBranding } from './render-certificate-pdf.js'

/** What a caller supplies per credential: a `MicroCredentialInput` without `issuer` (the store adds its profile). */
export type IssueInput = Omit<MicroCredentialInput, 'issuer'>

/** One row of a batch: plain input (its row key is a hash of the input), or input with a caller-chosen stable row key. */
export type BatchRow = IssueInput | { rowKey: string; input: IssueInput }

/** Lifecycle state of an issued credential. `revoked` is final; `suspended` can be reinstated. */
export type CredentialState = 'active' | 'revoked' | 'suspended'

/**
 * How an issuer store signs its credentials: `vc-jwt` (the default: a compact JWS, the OB 3.0 VC-JWT profile) or
 * `eddsa-rdfc-2022` (a Data Integrity proof embedded in the JSON credential, Ed25519 keys only).
 */
export type ProofType = 'vc-jwt' | 'eddsa-rdfc-2022'

/**
 * The form of a stored credential: `vc+jwt` (compact JWS, published as `credentials/<ID>.jwt`) or `vc+ld+json` (JSON-LD
 * with an embedded Data Integrity proof, published as `credentials/<ID>.json`).
 */
export type CredentialFormat = 'vc+jwt' | 'vc+ld+json'

/** What the store keeps about one issued credential. */
export interface IssuedRecord {
  /** The certificate ID a person types, e.g. `MC-7KQ4-9XJ2-PM3A-W8TD-K`. */
  certificateId: string
  /** The credential `id`: `<registry>/credentials/<certificateId>`. */
  credentialId: string
  /** The stable key that makes issuing idempotent (the caller's, or a hash of the input). */
  rowKey: string
  /** Global status index: list `⌊statusIndex / statusListSize⌋`, entry `statusIndex mod statusListSize`. */
  statusIndex: number
  /** ISO timestamp of issuing (the credential's `validFrom`). */
  issuedAt: string
  state: CredentialState
  /** Why it was revoked or suspended, when the issuer said. */
  reason?: string
  /** Whether `reason` goes into the public notice (present when there is a reason; false after `publishReason: false`). */
  publishReason?: boolean
  /** When the current state began (for revoked / suspended). */
  since?: string
  /** ISO timestamp of the revocation. */
  revokedAt?: string
  /** ISO timestamp of the current suspension. */
  suspendedAt?: string
  /** True after `unpublish`: the public site no longer carries the credential file (the credential still verifies). */
  unpublished?: boolean
  /** `vc+jwt` or `vc+ld+json` (Data Integrity). */
  format: CredentialFormat
  /** The signed credential as issued: a compact JWS (`vc+jwt`) or the JSON text of a credential with its proof. */
  credential: string
  /** DID URL of the issuer key that signed it (see `Issuer.keys`). */
  kid: string
  /** The achievement (course) id of the credential, what `list({ course })` matches. */
  achievementId: string
  /**
   * The same text as `credential`, under its first name.
   * @deprecated Use `credential` (with `format`): a Data Integrity store holds JSON there, not a JWT.
   */
  jwt: string
}

/** Options of `revoke` and `suspend`. */
export interface StateChangeOptions {
  /** Why (at most 500 characters). PUBLIC by default: it goes into the signed notice the next `publish` writes. */
  reason?: string
  /**
   * Default true: anyone verifying the credential sees `reason` (and the date). `false` keeps the reason in the store
   * only; the public notice then carries only the date.
   */
  publishReason?: boolean
}

export interface BatchProgress {
  /** Rows read so far. */
  done: number
  /** Number of rows, when the input is an array. */
  total?: number
  issued: number
  skipped: number
  failed: number
}

export interface BatchFailure {
  /** 1-based position of the row in the input. */
  row: number
  rowKey?: string
  code: MicrocertErrorCode
  /** Every problem of the row, e.g. `achievement.ects: … (EU micro-credential element 7: notional workload)`. */
  issues: string[]
}

export interface BatchReport {
  /** Credentials issued by this run (empty when `collect` is false). */
  issued: IssuedRecord[]
  /** Rows whose row key the store already held (an earlier, maybe interrupted run): nothing issued twice. Empty unless `collect` is true. */
  skipped: IssuedRecord[]
  failed: BatchFailure[]
  /** Counts, also when `collect` is false. */
  counts: { issued: number; skipped: number; failed: number }
}

export interface IssueBatchOptions {
  onProgress?: (progress: BatchProgress) => void
  /** When true, a batch with any invalid row writes nothing (and the valid rows are not issued). Default false. */
  atomic?: boolean
  /**
   * Keep records in the report: `true` (default) the issued and skipped ones, `'issued'` only the issued ones (skipped
   * rows are counted, never read back: a re-run stays cheap), `false` none (counts only: memory stays flat).
   */
  collect?: boolean | 'issued'
  /**
   * Rows signed and committed together (a directory store: 3 fsyncs per chunk; PostgreSQL: one transaction); at most
   * one chunk is redone after a crash. Default 1000.
   */
  chunkSize?: number
}

export interface PublishOptions {
  /**
   * Path of `microcert-verify.js` (the widget's CDN build) to copy to `<site>/microcert-verify.js`; the folders of
   * chunks it loads beside it (`microcert-verify-chunks/`: the verifier; `microcert-verify-i18n/`: the languages) are
   * copied too. Omitted: the previous site's copies are kept.
   */
  widgetScript?: string
  /** Title of the site pages. Default: the issuer's name. */
  siteTitle?: string
  /** Extra files or overrides, by site-relative path (e.g. `{ 'index.html': '<!doctype html>…' }`). */
  pages?: Record<string, string | Uint8Array>
  /** `ttl` of the published status lists in ms (how long verifiers may cache them). Default 300,000 (5 minutes). */
  statusListTtl?: number
  /**
   * How long the published status lists stay valid, in ms from the publish (their `validUntil`). Verifiers refuse a
   * list past it ("could not check"), so a stale copy cannot undo a revocation: publish again before it runs out.
   * Default 2,592,000,000 (30 days).
   */
  statusListValidity?: number
  /**
   * Write `credentials/<ID>.pdf`, the printable certificate with a QR code to the verification page and the signed
   * credential attached, beside each credential. A PDF whose credential and options did not change since the last
   * publish is carried over, not rendered again. Default true.
   */
  pdf?: boolean
  /** How the PDFs look: the languages of their labels (1–4; default the issuer country's, then English), branding, time zone. */
  pdfOptions?: {
    languages?: string | readonly string[]
    branding?: CertificateBranding
    /** Time zone of the printed dates. Default `UTC`. */
    timeZone?: string
  }
  /** Threads that render PDFs. Default: the machine's cores (`os.availableParallelism()`); small publishes render in-process. */
  pdfThreads?: number
  /**
   * Languages of the registry's pages (home, verification, employers), e.g. `'cs,en,de'`, the default first; the
   * pages link them with a language switch. Default: all 24 EU languages, the issuer country's first, then English.
   */
  languages?: string | readonly string[]
  /**
   * Languages of each credential's share page `credentials/<ID>/` (one file per credential and language), the default
   * first. Default: the issuer country's language, then English (the languages of its PDF).
   */
  shareLanguages?: string | readonly string[]
  /**
   * Let search engines index the credentials' share pages. Default false: the share pages say `noindex`, `robots.txt`
   * keeps search engines out of `credentials/` (link previews may still read them), `_headers` adds `X-Robots-Tag`.
   */
  indexCredentials?: boolean
  /** URL of a trust list the checkers on the registry's pages and share pages trust, besides the issuer itself. */
  trustList?: string
  /**
   * The credential issuer URL of the issuer's OpenID4VCI server (`microcert serve --issue`, `@microcert/openid4vci`),
   * e.g. `https://uni.example/wallet`. Share pages then carry "Add to your wallet", shown only to a learner who
   * opens the page through the personal link the issuer sends them. Default: no wallet section.
   */
  walletIssuer?: string
  /** LinkedIn's numeric id of the issuer's organisation page, which the "Add to LinkedIn profile" links name. */
  linkedInOrganizationId?: string | number
}

export interface PublishReport {
  /** Absolute path of the published site. */
  outDir: string
  /** Credential files in the site. */
  credentials: number
  /** Credential files written anew (the rest were carried over unchanged from the previous publish). */
  written: number
  /** Status list files (revocation and suspension). */
  statusLists: number
  /** Signed revocation/suspension notices (`status/<n>/<index>.jwt`), one per revoked or suspended credential. */
  notices: number
  /** Site-relative path of the DID document. */
  didDocumentPath: string
  /** PDF certificates in the site (0 with `pdf: false`). */
  pdfs: number
  /** PDFs rendered by this publish (the rest were carried over unchanged). */
  pdfsWritten: number
  /** Share pages written (one per credential and share language). */
  sharePages: number
  /** Link-preview images (`previews/<hash>.png`, one per course). */
  previews: number
  /** IETF Token Status Lists (`status/<n>.tsl.jwt`, the wallet credentials' revocation and suspension). */
  tokenStatusLists: number
  /** Things to fix, e.g. a DID document that the registry URL cannot serve. */
  warnings: string[]
}

/** What `issuer.list()` returns: every record, or those matching all the given filters. */
export interface ListFilter {
  /** Only credentials in this state. Default: every state. */
  state?: CredentialState
  /** Only credentials of this achievement (course) id, e.g. `https://uni.example/microcerts/achievements/applied-ai`. */
  course?: string
  /** Only credentials signed with this key (a DID URL from `Issuer.keys`). */
  kid?: string
}

/** A public key of the issuer, as `Issuer.keys` lists it. */
export interface IssuerKey {
  /** DID URL, e.g. `did:web:uni.example:microcerts#key-2`. */
  kid: string
  alg: Algorithm
  publicJwk: JsonWebKey
  /** The key that signs new credentials, status lists and notices. Exactly one key is active. */
  active: boolean
  /** Where the private key is: a file on the issuing machines, or a signer outside the store (a KMS/HSM). */
  holder: 'file' | 'signer'
  /** ISO timestamp of when the key joined the store. */
  createdAt: string
  /** ISO timestamp of `retireKey`: the DID document no longer lists it, and credentials it signed fail (ERR_KEY_NOT_FOUND). */
  retiredAt?: string
}

/**
 * What a signer module exports for the `microcert` command (`--signer <module>`, `MICROCERT_SIGNER`): a function,
 * the default export or `createSigner`, that returns the `Signer` of the key the store asks for. It gets the key's
 * public JWK (to pick the KMS/HSM key that holds its private half), so one module serves every key of a rotation.
 * microcert checks the signer with one test signature before it signs anything with it.
 */
export type SignerFactory = (request: SignerRequest) => Signer | Promise<Signer>

/** What the store asks a `SignerFactory` for. */
export interface SignerRequest {
  /** The store's name for the key, e.g. `did:web:uni.example#key-2`. */
  kid: string
  alg: Algorithm
  /** The public half of the key to sign with. */
  publicJwk: JsonWebKey
  /** `create` (init), `open` (any command on an existing store), `rotate` (key rotate: the new key). */
  purpose: 'create' | 'open' | 'rotate'
  /** The store location (a directory, or the database URL without password). */
  location: string
}

/** Options of `rotateKey`. Without `signer`, a new key is generated and its private key written to a 0600 file. */
export interface RotateKeyOptions {
  /** A signer (or a factory of one) whose key lives outside the store (KMS/HSM); give its `publicJwk` too. */
  signer?: Signer | SignerFactory
  /** The public key of `signer`. */
  publicJwk?: JsonWebKey
  /**
   * Where the new private key file goes (mode 0600; never replaced). Directory store: default `<dir>/keys/key-<n>.private.jwk`.
   * PostgreSQL store: required unless `signer` is given.
   */
  keyFile?: string
}

/** What `retireKey` did, and which credentials now fail to verify (they need re-issuing). */
export interface RetireKeyReport {
  kid: string
  retiredAt: string
  /** Every credential the key signed, in issue order, with its state (revoked ones fail anyway). */
  credentials: { certificateId: string; state: CredentialState }[]
}

export interface CreateIssuerOptions {
  /** The issuer's did:web, e.g. `did:web:uni.example:microcerts` (its document is served from the registry site). */
  did: string
  /** Name of the awarding body (EU element 4). */
  name: string
  /** ISO 3166-1 alpha-2 country code of the issuer (EU element 3), e.g. `CZ`. */
  country: string
  /** Registry base URL where `publish` output is served, e.g. `https://uni.example/microcerts` or `http://localhost:8080`. */
  url: string
  /** Signing algorithm. Default `ES256`; `EdDSA` with `proof: 'eddsa-rdfc-2022'`. */
  alg?: Algorithm
  /**
   * How credentials are signed: `vc-jwt` (default) or `eddsa-rdfc-2022` (Data Integrity, for wallets such as the DCC
   * Learner Credential Wallet; needs an Ed25519 key). Status lists and notices are VC-JWTs either way.
   */
  proof?: ProofType
  /**
   * Bring your own signer: the private key stays in a KMS/HSM (or any `Signer`), never in a file or the store. Give its
   * `publicJwk`; the store checks that the two belong together (one test signature) and keeps only the public key.
   * Every later `openIssuer` then needs `{ signer }`. The signer's own `kid` is not used: the store names its keys.
   * A `SignerFactory` is called with the key the store needs.
   */
  signer?: Signer | SignerFactory
  /** The public JWK of `signer` (P-256 or Ed25519). */
  publicJwk?: JsonWebKey
  region?: string
  email?: string
  /** The issuer's home page (the profile `url`). Default: the registry URL. */
  issuerUrl?: string
  /** Entries per status list. Default 131,072 (the W3C minimum). */
  statusListSize?: number
  /**
   * Where the new private key file is written (mode 0600); an existing file is never replaced. Directory store:
   * optional, default `<dir>/keys/key-1.private.jwk`. PostgreSQL store: required — keys stay out of the database; the
   * store records this path and every machine that opens the store reads the key there (or where `keyFile` says).
   */
  keyFile?: string
  /** Clock for `issuedAt` and state changes. Default `() => new Date()`. */
  now?: () => Date
}

export interface OpenIssuerOptions {
  /** The private key file, when it is not where the store says (e.g. another path on this machine). */
  keyFile?: string
  /**
   * The signer of the store's active key, when that key lives outside the store (KMS/HSM). Checked with one test
   * signature against the active public key (ERR_KEY_INVALID when it holds another key). A `SignerFactory` is called
   * with that key (its kid and public JWK), so one function serves a store whatever its current key.
   */
  signer?: Signer | SignerFactory
  /** Directory store: keep retrying a held lock for this many ms before ERR_STORE_LOCKED. Default 0. */
  lockTimeout?: number
  /**
   * Directory store: drop an incomplete last journal entry (left by a power loss) instead of failing with
   * ERR_STORE_CORRUPT. Default false.
   */
  repair?: boolean
  /** Clock for `issuedAt` and state changes. Default `() => new Date()`. */
  now?: () => Date
}

export interface CopyStoreOptions {
  /**
   * The destination's private key file. Required for a PostgreSQL destination (a file that exists must hold the
   * source's key; a new one is written with mode 0600). A directory destination keeps its own copy by default.
   */
  keyFile?: string
  /** The source's private key file, when it is not where the source store says. */
  sourceKeyFile?: string
  /** Called after each chunk of records copied. */
  onProgress?: (copied: number) => void
}

export interface CopyStoreReport {
  /** Locations as `Issuer.location` shows them (no password). */
  from: string
  to: string
  did: string
  /** Records copied (all of them, with their state, reasons and dates). */
  records: number
  /** SHA-256 over every record in issue order, equal on both sides (checked after the copy). */
  sha256: string
}

/**
 * An open issuer store: a directory (the embedded default) or an issuer in a PostgreSQL database. Callers see the
 * same behaviour from both. A directory store holds its lock until `close()` and runs operations one at a time; a
 * PostgreSQL store lets several processes and machines issue at once.
 */
export interface Issuer {
  /** Where the store is: the absolute directory, or the PostgreSQL URL without its password (with `?issuer=<DID>`). */
  readonly location: string
  /** The issuer profile put into every credential (EU elements 3 and 4). */
  readonly profile: IssuerProfile
  /** Registry base URL, no trailing slash. */
  readonly registryUrl: string
  readonly did: string
  /** How this store signs credentials: `vc-jwt` or `eddsa-rdfc-2022` (set at create). */
  readonly proof: ProofType
  /** Every key of the issuer, oldest first: the active one, earlier ones (still in the DID document), retired ones. */
  readonly keys: readonly IssuerKey[]
  /**
   * Short-lived OpenID4VCI state (offers, tokens, nonces) kept in this store, shared by every process that opens it
   * (PostgreSQL) or by the one that holds it (directory). Pass it as `state` to `createOpenid4vciIssuer`.
   */
  readonly issuanceState: IssuanceStateStore
  /**
   * The key that signs new credentials, for servers that issue on the store's behalf (e.g. `@microcert/openid4vci`
   * signing SD-JWT VCs). It only signs: no key material can be read from it.
   */
  readonly signer: Signer
  /** Every public key of the issuer, oldest first, as the DID document lists them (`kid` is the DID URL). */
  readonly publicKeys: readonly { kid: string; publicJwk: JsonWebKey }[]
  /**
   * Builds, signs and durably stores one credential. The same row key (default: a hash of `input`) returns the
   * credential already issued instead of a second one.
   * @example const record = await issuer.issue(row, { rowKey: 'S-0042/ADE-2026' })
   * Errors: ERR_INPUT_INVALID (`details.issues`; also an `issuer` field: the store adds its own), ERR_STATUS_LIST_FULL,
   * ERR_SIGNER_FAILED, ERR_WRITE_FAILED.
   */
  issue(input: IssueInput, options?: { rowKey?: string }): Promise<IssuedRecord>
  /**
   * Issues many rows in durable chunks; invalid rows are reported by row number and the rest proceed (or, with
   * `atomic`, nothing is written). Re-running after a crash skips what was committed.
   * @example const { counts, failed } = await issuer.issueBatch(rows, { onProgress: (p) => console.log(p.done) })
   * Errors (thrown, the batch stops; committed chunks stay): ERR_STATUS_LIST_FULL, ERR_WRITE_FAILED.
   */
  issueBatch(rows: Iterable<BatchRow> | AsyncIterable<BatchRow>, options?: IssueBatchOptions): Promise<BatchReport>
  /**
   * Revokes a credential for good (its bit in the revocation list is set at the next `publish`). The next `publish`
   * also writes a signed public notice with the date and — **unless `publishReason: false`** — the reason, which
   * verifiers show next to "revoked".
   * @example await issuer.revoke('MC-7KQ4-9XJ2-PM3A-W8TD-K', { reason: 'issued in error' })
   * Errors: ERR_CERTIFICATE_ID_INVALID, ERR_RECORD_NOT_FOUND, ERR_STATE_CONFLICT (already revoked), ERR_INPUT_INVALID (reason), ERR_WRITE_FAILED.
   */
  revoke(certificateId: string, options?: StateChangeOptions): Promise<IssuedRecord>
  /**
   * Suspends an active credential (reversible with `reinstate`). Like `revoke`, the reason is public unless `publishReason: false`.
   * @example await issuer.suspend(id, { reason: 'under review', publishReason: false })
   * Errors: ERR_CERTIFICATE_ID_INVALID, ERR_RECORD_NOT_FOUND, ERR_STATE_CONFLICT (not active), ERR_INPUT_INVALID (reason), ERR_WRITE_FAILED.
   */
  suspend(certificateId: string, options?: StateChangeOptions): Promise<IssuedRecord>
  /**
   * Lifts a suspension.
   * @example await issuer.reinstate(id)
   * Errors: ERR_CERTIFICATE_ID_INVALID, ERR_RECORD_NOT_FOUND, ERR_STATE_CONFLICT (not suspended), ERR_WRITE_FAILED.
   */
  reinstate(certificateId: string): Promise<IssuedRecord>
  /**
   * Withdraws a credential from the public registry (e.g. a learner's GDPR request): the next `publish` no longer
   * writes `credentials/<ID>.jwt`, so a lookup by certificate ID finds nothing. The credential keeps verifying when
   * the learner presents it directly, and its status bit is unchanged. Journalled; cannot be undone.
   * @example await issuer.unpublish('MC-7KQ4-9XJ2-PM3A-W8TD-K')
   * Errors: ERR_CERTIFICATE_ID_INVALID, ERR_RECORD_NOT_FOUND, ERR_STATE_CONFLICT (already withdrawn), ERR_WRITE_FAILED.
   */
  unpublish(certificateId: string): Promise<IssuedRecord>
  /**
   * The record of a certificate ID (any spelling a person might type), or undefined.
   * @example const record = await issuer.get('mc-7kq4-9xj2-pm3a-w8td-k')
   * Errors: ERR_CERTIFICATE_ID_INVALID, ERR_STORE_CORRUPT (a record file changed underneath).
   */
  get(certificateId: string): Promise<IssuedRecord | undefined>
  /**
   * Every record, or those matching `filter`, in issue order, read a page at a time (memory stays flat).
   * @example for await (const record of issuer.list({ state: 'revoked' })) console.log(record.certificateId, record.reason)
   * Errors: ERR_STORE_CORRUPT; TypeError for an unknown state.
   */
  list(filter?: ListFilter): AsyncIterable<IssuedRecord>
  /**
   * Rotates the signing key: a new key signs every credential, status list and notice from now on; the earlier keys
   * stay in the DID document (the next `publish`), so everything they signed keeps verifying. Without options a new
   * key of the same algorithm is generated (private key file mode 0600).
   * @example const key = await issuer.rotateKey()
   * Errors: ERR_KEY_INVALID (signer and publicJwk do not match, or not an Ed25519 key for a Data Integrity store),
   * ERR_SIGNER_FAILED, ERR_WRITE_FAILED (`key-file-exists`). A PostgreSQL store without `keyFile` or `signer` throws TypeError.
   */
  rotateKey(options?: RotateKeyOptions): Promise<IssuerKey>
  /**
   * Retires a compromised key: the next `publish` leaves it out of the DID document, so every credential it signed
   * fails to verify (ERR_KEY_NOT_FOUND) and must be re-issued; the report lists them. The active key cannot be
   * retired: rotate first.
   * @example const { credentials } = await issuer.retireKey('did:web:uni.example#key-1')
   * Errors: ERR_KEY_NOT_FOUND (no such key), ERR_STATE_CONFLICT (the active key, or retired already), ERR_WRITE_FAILED.
   */
  retireKey(kid: string): Promise<RetireKeyReport>
  /**
   * Writes the static registry site to `outDir` atomically (built beside it, then swapped in).
   * @example await issuer.publish('./site', { widgetScript: './node_modules/@microcert/verify-widget/dist/microcert-verify.js' })
   * Errors: ERR_WRITE_FAILED (`details.reason` 'not-a-microcert-site' | 'widget-script' | an errno), ERR_STORE_CORRUPT.
   */
  publish(outDir: string, options?: PublishOptions): Promise<PublishReport>
  /** Waits for running operations and releases the lock / database connections. Later calls throw `TypeError`. @example await issuer.close() */
  close(): Promise<void>
}
