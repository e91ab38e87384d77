import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { lookupCredential } from '../../src/lookup-credential.js'
import { createMemoryCache } from '../../src/lib/cache.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { createIssuer } from '../../src/node/index.js'
import { courseInput, serveDirectory, tempDir } from './helpers.js'
import { storePlaces } from './store-places.js'

const { dir: root, cleanup } = tempDir('microcert-e2e-')
afterAll(cleanup, 60_000)

const stores = storePlaces(root)

// PDFs are not this test's subject (publish-learner-files.test.ts): 1,000 of them would only slow it down.
const NO_PDF = { pdf: false }

describe.each(stores)('a registry end to end over HTTP on 127.0.0.1 ($name store)', (store) => {
  it('issues 1,000, publishes, verifies by lookup, reports a revocation, and says "could not check" when offline', async () => {
    const server = await serveDirectory()
    const { location, options: storeOptions, done } = await store.place()
    try {
      const registry = server.origin
      const issuer = await createIssuer(location, {
        did: `did:web:127.0.0.1%3A${server.port}`,
        name: 'Example University',
        country: 'CZ',
        url: registry,
        ...storeOptions,
      })
      const batch = await issuer.issueBatch(
        Array.from({ length: 1000 }, (_, i) => ({ rowKey: `learner-${i}/ADE`, input: courseInput(i) })),
        { collect: true },
      )
      expect(batch.counts).toEqual({ issued: 1000, skipped: 0, failed: 0 })
      const site = join(root, `site-${store.name}`)
      const first = await issuer.publish(site, NO_PDF)
      expect(first).toMatchObject({ credentials: 1000, didDocumentPath: '.well-known/did.json' })
      server.setRoot(site)
      expect(readFileSync(join(site, 'verify', 'index.html'), 'utf8')).toContain(`registry="${registry}" trusted-issuers="did:web:127.0.0.1%3A${server.port}" allow-insecure-localhost`)

      const picked = [batch.issued[0]!, batch.issued[500]!, batch.issued[999]!]
      // Each phase is a new verifier: a cached list is trusted for its ttl (5 minutes), as it should be.
      const options = { registry, allowInsecureLocalhost: true, cache: createMemoryCache() }
      for (const record of picked) {
        const result = await lookupCredential(record.certificateId.toLowerCase().replaceAll('-', ' '), options)
        expect(result.checks.filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped')).toEqual([])
        expect(result).toMatchObject({ verified: true, status: 'verified', certificateId: record.certificateId })
      }

      await issuer.revoke(picked[1]!.certificateId, { reason: 'issued in error' })
      const second = await issuer.publish(site, NO_PDF)
      expect(second.written).toBe(0)
      server.setRoot(site)
      options.cache = createMemoryCache()
      const revoked = await lookupCredential(picked[1]!.certificateId, options)
      const revokedAt = (await issuer.get(picked[1]!.certificateId))!.revokedAt
      expect(revokedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(revoked).toMatchObject({
        verified: false,
        status: 'failed',
        statusInfo: { purpose: 'revocation', reason: 'issued in error', since: revokedAt },
      })
      expect(revoked.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
      for (const record of [picked[0]!, picked[2]!]) {
        expect(await lookupCredential(record.certificateId, options)).toMatchObject({ status: 'verified' })
      }

      await issuer.suspend(picked[2]!.certificateId, { reason: 'disciplinary review', publishReason: false })
      expect(await issuer.publish(site, NO_PDF)).toMatchObject({ notices: 2 })
      options.cache = createMemoryCache()
      const suspended = await lookupCredential(picked[2]!.certificateId, options)
      expect(suspended.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED' })
      // The private reason stays in the store: the public notice carries only the date.
      expect(suspended.statusInfo).toEqual({ purpose: 'suspension', since: (await issuer.get(picked[2]!.certificateId))!.suspendedAt })
      expect(await issuer.get(picked[2]!.certificateId)).toMatchObject({ reason: 'disciplinary review', publishReason: false })
      const suspendedRecord = (await issuer.get(picked[2]!.certificateId))!
      const bit = suspendedRecord.statusIndex % 131_072
      expect(existsSync(join(site, 'status', '0-suspension', `${bit}.jwt`))).toBe(true)
      expect(readdirSync(join(site, 'status', '0-suspension')).join()).not.toContain('disciplinary')
      await issuer.reinstate(picked[2]!.certificateId)
      expect(await issuer.publish(site, NO_PDF)).toMatchObject({ notices: 1 })
      // A reinstated credential's notice disappears with the next publish.
      expect(existsSync(join(site, 'status', '0-suspension', `${bit}.jwt`))).toBe(false)
      options.cache = createMemoryCache()
      expect(await lookupCredential(picked[2]!.certificateId, options)).toMatchObject({ status: 'verified' })

      // Keys cached from before, lists not: offline, the status can only be "unknown".
      const cache = createMemoryCache()
      await verifyCredential(picked[0]!.jwt, { allowInsecureLocalhost: true, cache, checkStatus: false })
      await server.close()
      const offline = await verifyCredential(picked[0]!.jwt, { allowInsecureLocalhost: true, cache, timeout: 2_000 })
      expect(offline.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE' })
      expect(offline).toMatchObject({ verified: false, status: 'unknown' })
      expect(await lookupCredential(picked[2]!.certificateId, { ...options, timeout: 2_000 })).toMatchObject({
        status: 'unknown',
        checks: [{ code: 'ERR_REGISTRY_UNREACHABLE' }],
      })
      await issuer.close()
    } finally {
      await server.close()
      await done()
    }
  }, 120_000)
})
