/** A growable set of small non-negative integers as bits: 16 KB per 131,072 status indexes instead of a Set's ~40 B each. */
export class IndexBitset {
  private bits = new Uint8Array(0)
  private count = 0
  private highest = -1

  get size(): number {
    return this.count
  }

  /** The largest member, or -1 when empty. */
  get max(): number {
    return this.highest
  }

  has(index: number): boolean {
    const byte = index >> 3
    return byte < this.bits.length && (this.bits[byte]! & (1 << (index & 7))) !== 0
  }

  add(index: number): void {
    const byte = index >> 3
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2, 16_384))
      grown.set(this.bits)
      this.bits = grown
    }
    const mask = 1 << (index & 7)
    if ((this.bits[byte]! & mask) !== 0) return
    this.bits[byte]! |= mask
    this.count++
    if (index > this.highest) this.highest = index
  }
}
