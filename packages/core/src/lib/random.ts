// crypto.getRandomValues costs ~20 µs a call in Node 20 whatever the size, and a batch issue needs a few random
// values per credential (salts, certificate IDs), so bytes are drawn in blocks and handed out once each.
const POOL_SIZE = 4096
let pool = new Uint8Array(0)
let offset = 0

/** `n` cryptographically random bytes (n ≤ 4096), never handed out twice. */
export function randomBytes(n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE))
    offset = 0
  }
  const out = pool.slice(offset, offset + n)
  pool.fill(0, offset, offset + n)
  offset += n
  return out
}
