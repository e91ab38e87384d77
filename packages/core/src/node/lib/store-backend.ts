import type { IssuerProfile } from '@microcert/schemas'
import type { Algorithm } from '../../types.js'
import type { IssuedRecord } from '../types.js'

/**
 * The store contract: what an issuer store engine (a directory, a PostgreSQL database) must keep and guarantee.
 * Everything else — input checks, certificate IDs, building and signing credentials, batches, state rules,
 * publishing — is written once, in `store-issuer.ts`, on top of it. The contract has four rooms: records and row
 * keys, status index allocation, the journal of state changes, and keys; plus a consistent snapshot for `publish`.
 */
export interface StoreBackend {
  /** Where the store is: an absolute directory, or the database URL without its password. */
  readonly location: string
  readonly config: IssuerConfig
  /** Every public key of the issuer, oldest first (all are listed in the DID document). */
  readonly keys: readonly StoreKey[]
  /** The key that signs new credentials and status lists. */
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
  /** Every record, in issue order, read a page at a time. */
  list(): AsyncIterable<IssuedRecord>

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

/** What a new store starts from: the issuer, its first key, and where the private key goes. */
export interface StoreInit {
  config: IssuerConfig
  key: StoreKey
  privateJwk: JsonWebKey
  /** Absolute path of the private key file (required by engines that keep no files of their own). */
  keyFile?: string
}

/** The issuer as every store keeps it: written once at create. */
export interface IssuerConfig {
  did: string
  /** Registry base URL, no trailing slash. */
  registryUrl: string
  profile: IssuerProfile
  /** Entries per status list (≥ 131,072, a multiple of 8). */
  statusListSize: number
  /** ISO timestamp of the store's creation. */
  createdAt: string
}

/** A public key of the issuer. The private half is never in a store's records or database. */
export interface StoreKey {
  /** DID URL of the key, e.g. `did:web:uni.example#key-1`. */
  kid: string
  alg: Algorithm
  publicJwk: JsonWebKey
  /** Absolute path of the private key file on the issuing machines, when the key lives in a file. */
  privateKeyFile?: string
}

/** A signed credential handed to `insert`. */
export type NewRecord = Pick<IssuedRecord, 'certificateId' | 'credentialId' | 'rowKey' | 'statusIndex' | 'issuedAt' | 'jwt'>

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
  /** Every record, in issue order. */
  records(): AsyncIterable<IssuedRecord>
}
