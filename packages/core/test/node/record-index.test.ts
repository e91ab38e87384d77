import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateCertificateId } from '../../src/generate-certificate-id.js'
import { DigestTable } from '../../src/node/lib/file/digest-table.js'
import { RecordIndex } from '../../src/node/lib/file/record-index.js'

describe('DigestTable (strings to slots, without keeping the strings)', () => {
  it('finds every key it holds, misses every key it does not, and adds a key once — like a Map, across growth', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 80 }), { minLength: 1, maxLength: 3000 }), fc.array(fc.string(), { maxLength: 50 }), (keys, probes) => {
        const table = new DigestTable()
        const map = new Map<string, number>()
        keys.forEach((key, i) => {
          expect(table.add(key, i)).toBe(true)
          map.set(key, i)
        })
        expect(table.add(keys[0]!, 99)).toBe(false)
        expect(table.size).toBe(keys.length)
        for (const key of [...keys, ...probes]) expect(table.get(key)).toBe(map.get(key) ?? -1)
      }),
      { numRuns: 20 },
    )
  })
})

describe('RecordIndex (the directory store in memory)', () => {
  it('keeps 50,000 records findable by certificate ID and row key, with positions, status indexes and states', () => {
    const index = new RecordIndex()
    const ids = Array.from({ length: 50_000 }, () => generateCertificateId())
    ids.forEach((id, i) => expect(index.add(id, `row-${i}`, i * 3, { segment: 1 + (i >> 8), offset: i * 100, length: 99 })).toBe(i))
    expect(index.size).toBe(50_000)
    for (const i of [0, 1, 255, 256, 49_999]) {
      expect(index.slotOfId(ids[i]!)).toBe(i)
      expect(index.slotOfRowKey(`row-${i}`)).toBe(i)
      expect(index.idOf(i)).toBe(ids[i])
      expect(index.statusIndex(i)).toBe(i * 3)
      expect(index.position(i)).toEqual({ segment: 1 + (i >> 8), offset: i * 100, length: 99 })
    }
    expect(index.slotOfId(generateCertificateId())).toBe(-1)
    expect(index.slotOfRowKey('row-50000')).toBe(-1)
    expect(index.add(ids[7]!, 'row-new', 1, { segment: 1, offset: 0, length: 1 })).toBeUndefined()
    expect(index.add('MC-0000-0000-0000-0000-0', 'row-7', 1, { segment: 1, offset: 0, length: 1 })).toBeUndefined()
    index.setState(7, { state: 'revoked', since: '2026-01-01T00:00:00Z', revokedAt: '2026-01-01T00:00:00Z', reason: 'x', publishReason: false })
    expect(index.stateOf(7)).toBe('revoked')
    expect(index.recordState(7)).toEqual({ state: 'revoked', since: '2026-01-01T00:00:00Z', revokedAt: '2026-01-01T00:00:00Z', reason: 'x', publishReason: false })
    expect(index.recordState(8)).toEqual({ state: 'active' })
  })

  it('keeps certificate IDs of another length (from a copied store) too', () => {
    const index = new RecordIndex()
    index.add('LEGACY-1', 'r', 0, { segment: 1, offset: 0, length: 1 })
    expect(index.idOf(0)).toBe('LEGACY-1')
    expect(index.slotOfId('LEGACY-1')).toBe(0)
  })
})
