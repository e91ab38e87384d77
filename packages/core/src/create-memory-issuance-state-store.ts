import type { IssuanceStateLookup, IssuanceStateStore, IssuanceStateValue } from './issuance-state-store.js'

interface Entry {
  value: string
  expiresAt: number
  used: boolean
}

/**
 * An `IssuanceStateStore` in memory, for one process (tests, demos, a single server). Values are kept as JSON text, so
 * a caller cannot change a stored value through an object it still holds.
 *
 * @example
 * const state = createMemoryIssuanceStateStore()
 * await state.create('offer:abc', { certificateId }, new Date(Date.now() + 600_000))
 * @throws TypeError for a negative retention or maxEntries; from the methods, TypeError for a key that is not 1-512 characters
 */
export function createMemoryIssuanceStateStore(
  options: {
    /** How long used and expired entries are remembered after `expiresAt`, in ms. Default 86,400,000 (a day). */
    retention?: number
    /** Most entries kept; beyond it the oldest go first. Default 100,000. */
    maxEntries?: number
    /** Clock for purging old entries. Default `() => new Date()`. */
    now?: () => Date
  } = {},
): IssuanceStateStore {
  const clock = options.now ?? (() => new Date())
  const retention = options.retention ?? 86_400_000
  const maxEntries = options.maxEntries ?? 100_000
  if (!(retention >= 0) || !(maxEntries >= 1)) throw new TypeError('createMemoryIssuanceStateStore: retention must be >= 0 ms and maxEntries >= 1')
  const entries = new Map<string, Entry>()

  const purge = (now: number) => {
    for (const [key, entry] of entries) if (entry.expiresAt + retention < now) entries.delete(key)
    // Still full after purging: drop the oldest entries (a flood of offers must not exhaust memory).
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
  }
  const lookup = (key: string, now: Date, use: boolean): IssuanceStateLookup => {
    const entry = entries.get(key)
    if (entry === undefined || entry.expiresAt + retention < now.getTime()) return { state: 'missing' }
    if (entry.used) return { state: 'used' }
    if (entry.expiresAt <= now.getTime()) return { state: 'expired' }
    if (use) entry.used = true
    return { state: 'live', value: JSON.parse(entry.value) as IssuanceStateValue, expiresAt: new Date(entry.expiresAt) }
  }

  return {
    async create(key, value, expiresAt) {
      checkKey(key)
      purge(clock().getTime())
      if (entries.has(key)) return false
      entries.set(key, { value: JSON.stringify(value), expiresAt: expiresAt.getTime(), used: false })
      return true
    },
    async get(key, now) {
      return lookup(key, now, false)
    },
    async consume(key, now) {
      return lookup(key, now, true)
    },
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new TypeError('IssuanceStateStore key must be a string of 1-512 characters')
}
