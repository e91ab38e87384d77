/**
 * What a lookup in an `IssuanceStateStore` finds: a `live` entry with its value, or why there is none. Used and expired
 * entries are remembered for a while (the store's retention) so a wallet can be told "this offer was already used"
 * rather than "no such offer".
 */
export type IssuanceStateLookup =
  | { state: 'live'; value: IssuanceStateValue; expiresAt: Date }
  | { state: 'used' | 'expired' | 'missing' }

/** A JSON object (the store serialises it). */
export type IssuanceStateValue = Record<string, unknown>

/**
 * Short-lived state of OpenID4VCI issuance (credential offers, access tokens, nonces, PIN attempts), kept where the
 * issuer keeps its records so several server processes share it. Every entry is single-use: `consume` flips a live
 * entry to used atomically, so of two concurrent consumers exactly one gets the value.
 *
 * Contract for implementations (memory, files, PostgreSQL):
 * - `create` stores a new entry and resolves `true`; if the key exists in any state it changes nothing and resolves `false`.
 * - `get` reads without using; an entry past `expiresAt` reads as `expired`.
 * - `consume` returns the live entry and marks it used in one atomic step; used → `used`, past `expiresAt` → `expired`
 *   (and stays unused), unknown → `missing`.
 * - Entries are purged some time (the retention) after `expiresAt`; after that they read as `missing`.
 */
export interface IssuanceStateStore {
  create(key: string, value: IssuanceStateValue, expiresAt: Date): Promise<boolean>
  get(key: string, now: Date): Promise<IssuanceStateLookup>
  consume(key: string, now: Date): Promise<IssuanceStateLookup>
}
