import { describe, expect, it } from 'vitest'
import { IndexBitset } from '../../src/node/lib/file/index-bitset.js'

describe('IndexBitset (the store keeps used status indexes as bits)', () => {
  it('adds, finds, counts each index once and tracks the largest', () => {
    const set = new IndexBitset()
    expect(set.has(0)).toBe(false)
    expect(set.max).toBe(-1)
    for (const i of [5, 0, 131_071, 5, 1_310_719]) set.add(i)
    expect(set.size).toBe(4)
    expect(set.max).toBe(1_310_719)
    expect([0, 5, 131_071, 1_310_719].every((i) => set.has(i))).toBe(true)
    expect([1, 4, 6, 131_070, 1_310_718, 99_999_999].some((i) => set.has(i))).toBe(false)
  })
})
