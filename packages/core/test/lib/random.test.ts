import { describe, expect, it } from 'vitest'
import { randomBytes } from '../../src/lib/random.js'

describe('randomBytes', () => {
  it('hands out fresh bytes across pool refills and never the same block twice', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const bytes = randomBytes(10)
      expect(bytes).toHaveLength(10)
      const hex = Buffer.from(bytes).toString('hex')
      expect(seen.has(hex)).toBe(false)
      seen.add(hex)
    }
  })

  it('is roughly uniform (every byte value appears)', () => {
    const counts = new Uint32Array(256)
    for (let i = 0; i < 200; i++) for (const b of randomBytes(256)) counts[b]!++
    expect(Math.min(...counts)).toBeGreaterThan(100)
  })
})
