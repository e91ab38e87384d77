import { pickIndexes, statusListsNeeded } from '../status-index-policy.js'
import { IndexBitset } from './index-bitset.js'

/**
 * Status indexes of a file store: the used ones (as a bitset, 16 KB per list) and the ones reserved for rows being
 * signed. Only the process holding the store's lock allocates, so memory is the source of truth; the journal makes
 * an index used for good when the record that carries it is committed.
 */
export class FileStatusIndexes {
  private readonly used = new IndexBitset()
  private readonly reserved = new Set<number>()
  private lists = 1

  constructor(private readonly size: number) {}

  /** Status lists in use. */
  get listCount(): number {
    return this.lists
  }

  has(index: number): boolean {
    return this.used.has(index)
  }

  /** Marks an index of a committed record as used (replay, commit, import). */
  markUsed(index: number): void {
    this.used.add(index)
    this.reserved.delete(index)
    this.lists = Math.max(this.lists, Math.floor(index / this.size) + 1)
  }

  reserve(count: number): number[] {
    this.lists = statusListsNeeded(this.used.size + this.reserved.size, count, this.lists, this.size)
    const picked = pickIndexes(count, this.lists * this.size, (i) => this.used.has(i) || this.reserved.has(i))
    for (const index of picked) this.reserved.add(index)
    return picked
  }

  release(indexes: readonly number[]): void {
    for (const index of indexes) this.reserved.delete(index)
  }
}
