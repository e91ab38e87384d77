import type { IssuerProfile } from '@microcert/schemas'
import type { IssuanceStateStore } from '../../issuance-state-store.js'
import type { Algorithm } from '../../types.js'
import type { CredentialFormat, IssuedRecord, ListFilter, ProofType } from '../types.js'

/**
 * The store contract: what an issuer store engine (a directory, a PostgreSQL database) must keep and guarantee.
 * Everything else — input checks, certificate IDs, building and signing credentials, batches, state rules,
 * publishing — is written once, in `store-issuer.ts`, on top of it. The contract has five rooms: records and row
 * keys, status index allocation, the journal of state changes, keys, and short-lived issuance state (OpenID4VCI);
 * plus a consistent snapshot for `publish`.
 */
export interface StoreBackend {
  /** Where the store is: an absolute directory, or the database URL without its password. */
  readonly location: string
  readonly config: IssuerConfig
  /** Every public key of the issuer, oldest first, retired ones included (as last read: see `reloadKeys`). */
  readonly keys: readonly StoreKey[]
  /** The key that signs new credentials and status lists (as last read). */
  readonly activeKey: StoreKey
  /**
   * False when the engine needs its operations one at a time in this process (the file store: one journal, one
   * in-memory index); true when it serialises what must be serialised itself (PostgreSQL: transactions and row locks).
   */
  readonly concurrent: boolean

  // --- records and row keys -------------------------------------------------------------------
  /** Which of `rowKeys` the store holds already, as row key → certificate ID. */
  findRowKeys(rowKeys: readonly string[]): Promise<Map<string, string>>
  /**
   * Stores signed credentials, all or nothing. Idempotent by row key: a row whose key the store holds already (issued
   * meanwhile by another process) is not stored and comes back in `duplicates`, with its status index still reserved.
   */
  insert(records: readonly NewRecord[]): Promise<{ inserted: NewRecord[]; duplicates: NewRecord[] }>
  /** Stores records copied from another store as they are (state, reasons, dates), reserving their status indexes. */
  importRecords(records: readonly IssuedRecord[]): Promise<void>
  get(certificateId: string): Promise<IssuedRecord | undefined>
  /** The records of `certificateIds` (all held by the store), in that order, read in as few steps as the engine can. */
  getMany(certificateIds: readonly string[]): Promise<IssuedRecord[]>
  /** Every record matching `filter` (all when empty), in issue order, read a page at a time. */
  list(filter?: ListFilter): AsyncIterable<IssuedRecord>

  // --- status index allocation ----------------------------------------------------------------
  /**
   * Reserves `count` distinct random status indexes that no other credential has or had (also across processes),
   * growing the number of lists when they fill up (ERR_STATUS_LIST_FULL at the limit).
   */
  reserveIndexes(count: number): Promise<number[]>
  /** Gives back reserved indexes that no stored credential carries (invalid rows, lost row-key races). */
  releaseIndexes(indexes: readonly number[]): Promise<void>

  // --- journal of state changes ---------------------------------------------------------------
  /**
   * Applies one state change durably, serialised per credential: the engine reads the current state under its lock,
   * computes the next one with `nextState` (which throws ERR_STATE_CONFLICT) and records the change in its journal.
   * Errors: ERR_RECORD_NOT_FOUND, ERR_STATE_CONFLICT, ERR_WRITE_FAILED.
   */
  changeState(certificateId: string, change: StateChange): Promise<IssuedRecord>

  // --- keys -----------------------------------------------------------------------------------
  /**
   * Adds a key and makes it the active one (rotation); the engine names it (`nextKeyId`, unique also when two
   * processes rotate at once). With `privateJwk` the engine writes the private key file (mode 0600, never replacing a
   * file) at `key.privateKeyFile`, or where it keeps keys by default; without, the key lives in a signer outside the
   * store. Errors: ERR_WRITE_FAILED (`key-file-exists`).
   */
  addKey(key: Omit<StoreKey, 'kid'>, privateJwk?: JsonWebKey): Promise<StoreKey>
  /** Marks a key retired at `at`. Errors: ERR_KEY_NOT_FOUND, ERR_STATE_CONFLICT (active, or retired already). */
  retireKey(kid: string, at: string): Promise<void>
  /** Reads the keys again (another process may have rotated or retired one); a no-op for engines nobody else writes. */
  reloadKeys(): Promise<void>

  // --- issuance state (OpenID4VCI) --------------------------------------------------------------
  /** The store's `IssuanceStateStore`, with `now` as the clock that purges old entries. */
  issuanceState(now: () => Date): IssuanceStateStore

  // --- publishing -----------------------------------------------------------------------------
  /** Runs `read` on one consistent view of the store; no change made meanwhile is visible in it. */
  snapshot<T>(read: (snapshot: StoreSnapshot) => Promise<T>): Promise<T>

  close(): Promise<void>
  /**
   * Removes this store entirely and closes it. Only `copyStore` calls it, to undo a copy that failed half-way, so a
   * failed copy leaves no half-written store behind.
   */
  destroy(): Promise<void>
}

/** What a new store starts from: the issuer and its keys (one, or several when a store is copied). */
export interface StoreInit {
  config: IssuerConfig
  /** Oldest first. */
  keys: InitKey[]
  activeKid: string
}

/**
 * A key of a new store. With `privateJwk` the engine writes the private key file: at `privateKeyFile` (absolute;
 * required by engines that keep no files of their own) or where it keeps keys by default. Without, the key lives in
 * a signer outside the store (or, for an earlier key of a copied store, nowhere: it never signs again).
 */
export type InitKey = StoreKey & { privateJwk?: JsonWebKey }

/** The issuer as every store keeps it: written once at create. */
export interface IssuerConfig {
  did: string
  /** Registry base URL, no trailing slash. */
  registryUrl: string
  profile: IssuerProfile
  /** Entries per status list (≥ 131,072, a multiple of 8). */
  statusListSize: number
  /** How credentials are signed (status lists and notices are VC-JWTs either way). */
  proof: ProofType
  /** ISO timestamp of the store's creation. */
  createdAt: string
}

/** A public key of the issuer. The private half is never in a store's records or database. */
export interface StoreKey {
  /** DID URL of the key, e.g. `did:web:uni.example#key-1`. */
  kid: string
  alg: Algorithm
  publicJwk: JsonWebKey
  /** Absolute path of the private key file on the issuing machines; absent when the key lives in a signer (KMS/HSM). */
  privateKeyFile?: string
  /** ISO timestamp of when the key joined the store. */
  createdAt: string
  /** ISO timestamp of its retirement: left out of the DID document from then on. */
  retiredAt?: string
}

/** A signed credential handed to `insert`. */
export type NewRecord = Pick<IssuedRecord, 'certificateId' | 'credentialId' | 'rowKey' | 'statusIndex' | 'issuedAt' | 'format' | 'credential' | 'kid' | 'achievementId'>

/** The lifecycle part of a record: what state changes rewrite. */
export type RecordState = Pick<IssuedRecord, 'state' | 'reason' | 'publishReason' | 'since' | 'revokedAt' | 'suspendedAt' | 'unpublished'>

/** One entry of the journal of state changes. */
export interface StateChange {
  op: 'revoke' | 'suspend' | 'reinstate' | 'unpublish'
  /** ISO timestamp of the change. */
  at: string
  reason?: string
  /** The reason stays in the store; the public notice carries only the date. */
  reasonPrivate?: boolean
}

/** A consistent view of a store for `publish`. */
export interface StoreSnapshot {
  /** Status lists in use (each has a revocation and a suspension file). */
  statusLists: number
  /** Every key as of the snapshot (the DID document lists those not retired). */
  keys: readonly StoreKey[]
  /** Every record, in issue order. */
  records(): AsyncIterable<IssuedRecord>
}

/** The record of an issued credential from what an engine keeps (the deprecated `jwt` is the same text as `credential`). */
export function issuedRecord(base: Omit<IssuedRecord, 'jwt'>): IssuedRecord {
  return { ...base, jwt: base.credential }
}

export type { CredentialFormat }
