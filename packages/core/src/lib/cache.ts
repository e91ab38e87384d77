/**
 * Where verification keeps what it fetched (DID documents, status lists, trust lists) between calls.
 * Any store with this shape works (e.g. a wrapper around an LRU or a shared cache). `bytes` is microcert's estimate
 * of the value's memory, for caches bounded by size; a cache may ignore it.
 */
export interface VerificationCache {
  get(key: string): unknown
  set(key: string, value: unknown, ttlMs: number, bytes?: number): void
}

/** What an entry is assumed to take when the caller gave no size. */
const DEFAULT_ENTRY_BYTES = 1024

/**
 * Creates an in-memory `VerificationCache` that forgets entries after their TTL and keeps at most `maxEntries`
 * entries and `maxBytes` bytes (the oldest entries go first; a value larger than `maxBytes` is not kept).
 * A status list is kept as its decoded bitstring only, so the default 32 MiB holds 2,000 lists of 131,072 entries.
 *
 * @example
 * const cache = createMemoryCache({ maxBytes: 8 * 1024 * 1024 })
 * await verifyCredential(jwt, { cache })
 */
export function createMemoryCache(options: { maxEntries?: number; maxBytes?: number; now?: () => number } = {}): VerificationCache {
  const maxEntries = options.maxEntries ?? 500
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024
  const now = options.now ?? Date.now
  const entries = new Map<string, { value: unknown; expires: number; bytes: number }>()
  let total = 0
  const remove = (key: string): void => {
    const entry = entries.get(key)
    if (entry === undefined) return
    total -= entry.bytes
    entries.delete(key)
  }
  return {
    get(key) {
      const entry = entries.get(key)
      if (entry === undefined) return undefined
      if (entry.expires <= now()) {
        remove(key)
        return undefined
      }
      return entry.value
    },
    set(key, value, ttlMs, bytes = DEFAULT_ENTRY_BYTES) {
      remove(key)
      const size = Number.isFinite(bytes) && bytes > 0 ? bytes : DEFAULT_ENTRY_BYTES
      if (!(ttlMs > 0) || size > maxBytes) return
      for (const oldest of entries.keys()) {
        if (entries.size < maxEntries && total + size <= maxBytes) break
        remove(oldest)
      }
      entries.set(key, { value, expires: now() + ttlMs, bytes: size })
      total += size
    },
  }
}
