import { describe, expect, it } from 'vitest'
import { MAX_STATUS_LISTS, pickIndexes, statusListsNeeded } from '../../src/node/lib/status-index-policy.js'

const SIZE = 131_072

describe('status index allocation policy', () => {
  it('adds a list once the lists would be more than three quarters full', () => {
    expect(statusListsNeeded(0, 1, 1, SIZE)).toBe(1)
    expect(statusListsNeeded(98_303, 1, 1, SIZE)).toBe(1)
    expect(statusListsNeeded(98_304, 1, 1, SIZE)).toBe(2)
    expect(statusListsNeeded(0, 200_000, 1, SIZE)).toBe(3)
    // Never fewer lists than are in use.
    expect(statusListsNeeded(0, 1, 4, SIZE)).toBe(4)
  })

  it('reports ERR_STATUS_LIST_FULL past the last list', () => {
    expect(() => statusListsNeeded(MAX_STATUS_LISTS * SIZE, 1, MAX_STATUS_LISTS, SIZE)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_LIST_FULL' }))
  })

  it('picks distinct random indexes that are not taken', () => {
    const taken = new Set(Array.from({ length: 90 }, (_, i) => i))
    const picked = pickIndexes(10, 100, (i) => taken.has(i))
    expect(new Set(picked).size).toBe(10)
    expect(picked.every((i) => i >= 90 && i < 100)).toBe(true)
  })
})
