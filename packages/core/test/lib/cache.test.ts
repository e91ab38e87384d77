import { describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'

describe('createMemoryCache', () => {
  it('returns a value until its TTL has passed', () => {
    let now = 1000
    const cache = createMemoryCache({ now: () => now })
    cache.set('a', 1, 500)
    expect(cache.get('a')).toBe(1)
    now = 1499
    expect(cache.get('a')).toBe(1)
    now = 1500
    expect(cache.get('a')).toBeUndefined()
  })

  it('evicts the oldest entry beyond maxEntries and ignores a non-positive TTL', () => {
    const cache = createMemoryCache({ maxEntries: 2 })
    cache.set('a', 1, 1000)
    cache.set('b', 2, 1000)
    cache.set('c', 3, 1000)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3])
    cache.set('d', 4, 0)
    expect(cache.get('d')).toBeUndefined()
  })
})
