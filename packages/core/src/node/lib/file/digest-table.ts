import { hash } from 'node:crypto'

const WORDS = 4
const EMPTY = -1

/**
 * A hash table from strings to small integers that keeps no strings: each key is remembered by the first 128 bits of
 * its SHA-256 (a collision between two keys is as unlikely as one of SHA-256 itself), in typed arrays with open
 * addressing. About 40 bytes per entry and no object for the garbage collector to trace, where a `Map<string, number>`
 * of certificate IDs or row keys costs 100–150 bytes and one string object per entry.
 */
export class DigestTable {
  private keys = new Uint32Array(0)
  private values = new Int32Array(0)
  private mask = -1
  private count = 0

  get size(): number {
    return this.count
  }

  /** The value stored for `key`, or -1. */
  get(key: string): number {
    if (this.count === 0) return EMPTY
    const digest = digestOf(key)
    for (let bucket = digest[0]! & this.mask; ; bucket = (bucket + 1) & this.mask) {
      const value = this.values[bucket]!
      if (value === EMPTY) return EMPTY
      if (this.matches(bucket, digest)) return value
    }
  }

  /** Stores `value` (≥ 0) for `key`; false when the key is present already (nothing changes then). */
  add(key: string, value: number): boolean {
    if ((this.count + 1) * 2 > this.values.length) this.grow()
    const digest = digestOf(key)
    let bucket = digest[0]! & this.mask
    for (; this.values[bucket] !== EMPTY; bucket = (bucket + 1) & this.mask) {
      if (this.matches(bucket, digest)) return false
    }
    this.keys.set(digest, bucket * WORDS)
    this.values[bucket] = value
    this.count++
    return true
  }

  private matches(bucket: number, digest: Uint32Array): boolean {
    const at = bucket * WORDS
    return this.keys[at] === digest[0] && this.keys[at + 1] === digest[1] && this.keys[at + 2] === digest[2] && this.keys[at + 3] === digest[3]
  }

  private grow(): void {
    const oldKeys = this.keys
    const oldValues = this.values
    const capacity = Math.max(1024, oldValues.length * 2)
    this.keys = new Uint32Array(capacity * WORDS)
    this.values = new Int32Array(capacity).fill(EMPTY)
    this.mask = capacity - 1
    for (let old = 0; old < oldValues.length; old++) {
      const value = oldValues[old]!
      if (value === EMPTY) continue
      let bucket = oldKeys[old * WORDS]! & this.mask
      while (this.values[bucket] !== EMPTY) bucket = (bucket + 1) & this.mask
      this.keys.set(oldKeys.subarray(old * WORDS, old * WORDS + WORDS), bucket * WORDS)
      this.values[bucket] = value
    }
  }
}

const scratch = new Uint32Array(WORDS)

/**
 * The first 128 bits of the key's SHA-256, in a shared scratch array (read before the next call). One-shot `hash`: no
 * Hash object (and its native context) per lookup waiting for the garbage collector.
 */
function digestOf(key: string): Uint32Array {
  const bytes = hash('sha256', key, 'buffer')
  for (let i = 0; i < WORDS; i++) scratch[i] = bytes.readUInt32LE(i * 4)
  return scratch
}
