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

  it('stays within maxBytes: the oldest entries go first, and a value larger than the bound is not kept', () => {
    const cache = createMemoryCache({ maxBytes: 3000 })
    cache.set('a', 'A', 1000, 1000)
    cache.set('b', 'B', 1000, 1000)
    cache.set('c', 'C', 1000, 1500)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'B', 'C'])
    cache.set('huge', 'H', 1000, 3001)
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.get('b')).toBe('B')
    cache.set('b', 'B2', 1000, 100)
    cache.set('d', 'D', 1000, 1400)
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual(['B2', 'C', 'D'])
  })

  it('bounds the default cache at 32 MiB: 20 decoded lists of 2 MiB do not all stay', () => {
    const cache = createMemoryCache()
    for (let i = 0; i < 20; i++) cache.set(`list-${i}`, i, 60_000, 2 * 1024 * 1024)
    const kept = Array.from({ length: 20 }, (_, i) => cache.get(`list-${i}`)).filter((v) => v !== undefined)
    expect(kept).toHaveLength(16)
    expect(cache.get('list-19')).toBe(19)
    expect(cache.get('list-0')).toBeUndefined()
  })
})
