import type { IssuerProfile, MicroCredentialInput } from '@microcert/schemas'
import type { MicrocertErrorCode } from '../errors.js'
import type { Algorithm } from '../types.js'

/** What a caller supplies per credential: a `MicroCredentialInput` without `issuer` (the store adds its profile). */
export type IssueInput = Omit<MicroCredentialInput, 'issuer'>

/** One row of a batch: plain input (its row key is a hash of the input), or input with a caller-chosen stable row key. */
export type BatchRow = IssueInput | { rowKey: string; input: IssueInput }

/** Lifecycle state of an issued credential. `revoked` is final; `suspended` can be reinstated. */
export type CredentialState = 'active' | 'revoked' | 'suspended'

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
  /** True after `unpublish`: the public site no longer carries `credentials/<ID>.jwt` (the credential still verifies). */
  unpublished?: boolean
  /** The signed credential (compact JWS, VC-JWT). */
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
  /** Rows whose row key the store already held (an earlier, maybe interrupted run): nothing issued twice. */
  skipped: IssuedRecord[]
  failed: BatchFailure[]
  /** Counts, also when `collect` is false. */
  counts: { issued: number; skipped: number; failed: number }
}

export interface IssueBatchOptions {
  onProgress?: (progress: BatchProgress) => void
  /** When true, a batch with any invalid row writes nothing (and the valid rows are not issued). Default false. */
  atomic?: boolean
  /** Keep the issued/skipped records in the report. Default true; set false for very large batches to bound memory. */
  collect?: boolean
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
  /** Things to fix, e.g. a DID document that the registry URL cannot serve. */
  warnings: string[]
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
  /** Signing algorithm. Default `ES256`. */
  alg?: Algorithm
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
  /**
   * Builds, signs and durably stores one credential. The same row key (default: a hash of `input`) returns the
   * credential already issued instead of a second one.
   * @example const record = await issuer.issue(row, { rowKey: 'S-0042/ADE-2026' })
   * Errors: ERR_INPUT_INVALID (`details.issues`), ERR_STATUS_LIST_FULL, ERR_WRITE_FAILED.
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
   * Every record, in issue order.
   * @example for await (const record of issuer.list()) console.log(record.certificateId, record.state)
   * Errors: ERR_STORE_CORRUPT.
   */
  list(): AsyncIterable<IssuedRecord>
  /**
   * Writes the static registry site to `outDir` atomically (built beside it, then swapped in).
   * @example await issuer.publish('./site', { widgetScript: './node_modules/@microcert/verify-widget/dist/microcert-verify.js' })
   * Errors: ERR_WRITE_FAILED (`details.reason` 'not-a-microcert-site' | 'widget-script' | an errno), ERR_STORE_CORRUPT.
   */
  publish(outDir: string, options?: PublishOptions): Promise<PublishReport>
  /** Waits for running operations and releases the lock / database connections. Later calls throw `TypeError`. @example await issuer.close() */
  close(): Promise<void>
}
