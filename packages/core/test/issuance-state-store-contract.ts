import { describe, expect, it } from 'vitest'
import type { IssuanceStateStore } from '../src/issuance-state-store.js'

/**
 * The contract every IssuanceStateStore keeps (memory, files, PostgreSQL). `make(now)` returns a fresh, empty store
 * whose clock is `now`.
 */
export function describeIssuanceStateStoreContract(name: string, make: (now: () => Date) => Promise<IssuanceStateStore> | IssuanceStateStore): void {
  const t0 = new Date('2026-07-01T12:00:00Z')
  const later = (ms: number) => new Date(t0.getTime() + ms)

  describe(`${name} (IssuanceStateStore contract)`, () => {
    it('creates an entry once and reads it back without using it', async () => {
      const store = await make(() => t0)
      expect(await store.create('offer:a', { subject: 'MC-1', n: 1 }, later(60_000))).toBe(true)
      expect(await store.create('offer:a', { subject: 'other' }, later(60_000))).toBe(false)
      for (let i = 0; i < 2; i++) {
        expect(await store.get('offer:a', t0)).toEqual({ state: 'live', value: { subject: 'MC-1', n: 1 }, expiresAt: later(60_000) })
      }
    })

    it('hands a live entry to exactly one consumer, then reports it used', async () => {
      const store = await make(() => t0)
      await store.create('nonce:x', {}, later(60_000))
      const results = await Promise.all(Array.from({ length: 8 }, () => store.consume('nonce:x', t0)))
      expect(results.filter((r) => r.state === 'live')).toHaveLength(1)
      expect(results.filter((r) => r.state === 'used')).toHaveLength(7)
      expect(await store.get('nonce:x', t0)).toEqual({ state: 'used' })
      expect(await store.create('nonce:x', {}, later(60_000))).toBe(false)
    })

    it('reports expired entries as expired and never hands them out', async () => {
      const store = await make(() => t0)
      await store.create('offer:old', { subject: 'MC-2' }, later(1_000))
      expect((await store.consume('offer:old', later(1_000))).state).toBe('expired')
      expect((await store.get('offer:old', later(5_000))).state).toBe('expired')
    })

    it('reports unknown keys as missing', async () => {
      const store = await make(() => t0)
      expect(await store.get('offer:none', t0)).toEqual({ state: 'missing' })
      expect(await store.consume('offer:none', t0)).toEqual({ state: 'missing' })
    })

    it('forgets used and expired entries after the retention', async () => {
      let now = t0
      const store = await make(() => now)
      await store.create('token:t', { subject: 'MC-3' }, later(1_000))
      await store.consume('token:t', t0)
      now = later(3 * 86_400_000)
      await store.create('token:trigger-purge', {}, later(4 * 86_400_000))
      expect(await store.get('token:t', now)).toEqual({ state: 'missing' })
    })

    it('keeps values apart from the objects the caller holds', async () => {
      const store = await make(() => t0)
      const value = { subject: 'MC-4', list: [1, 2] }
      await store.create('offer:copy', value, later(60_000))
      value.list.push(3)
      const found = await store.get('offer:copy', t0)
      expect(found.state === 'live' && found.value).toEqual({ subject: 'MC-4', list: [1, 2] })
    })

    it('throws TypeError for an empty key', async () => {
      const store = await make(() => t0)
      await expect(store.create('', {}, later(1))).rejects.toThrow(TypeError)
    })
  })
}
