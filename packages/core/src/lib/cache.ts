/**
 * Where verification keeps what it fetched (DID documents, status lists, trust lists) between calls.
 * Any store with this shape works (e.g. a wrapper around an LRU or a shared cache).
 */
export interface VerificationCache {
  get(key: string): unknown
  set(key: string, value: unknown, ttlMs: number): void
}

/**
 * Creates an in-memory `VerificationCache` that forgets entries after their TTL and keeps at most `maxEntries`
 * (the oldest entry goes first).
 *
 * @example
 * const cache = createMemoryCache()
 * await verifyCredential(jwt, { cache })
 */
export function createMemoryCache(options: { maxEntries?: number; now?: () => number } = {}): VerificationCache {
  const maxEntries = options.maxEntries ?? 500
  const now = options.now ?? Date.now
  const entries = new Map<string, { value: unknown; expires: number }>()
  return {
    get(key) {
      const entry = entries.get(key)
      if (entry === undefined) return undefined
      if (entry.expires <= now()) {
        entries.delete(key)
        return undefined
      }
      return entry.value
    },
    set(key, value, ttlMs) {
      if (!(ttlMs > 0)) return
      entries.delete(key)
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next()
        if (oldest.done !== true) entries.delete(oldest.value)
      }
      entries.set(key, { value, expires: now() + ttlMs })
    },
  }
}
