// Key rotation end to end, on both stores: issue → rotate → issue → publish, and a verifier over real HTTP checks both
// generations against the published DID document; then the old key is retired and exactly its credentials fail.
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { lookupCredential } from '../../src/lookup-credential.js'
import { createIssuer, openIssuer } from '../../src/node/index.js'
import { courseInput, serveDirectory, tempDir } from './helpers.js'
import { storePlaces } from './store-places.js'

const { dir: root, cleanup } = tempDir('microcert-rotation-')
afterAll(cleanup, 60_000)

const stores = storePlaces(root)

describe.each(stores)('key rotation over HTTP ($name store)', (store) => {
  it('keeps every generation verifying after a rotation, and fails exactly the retired key’s credentials with ERR_KEY_NOT_FOUND', async () => {
    const server = await serveDirectory()
    const { location, options: storeOptions, done } = await store.place()
    try {
      const registry = server.origin
      const did = `did:web:127.0.0.1%3A${server.port}`
      const issuer = await createIssuer(location, { did, name: 'Example University', country: 'CZ', url: registry, ...storeOptions })
      const site = join(root, `site-${store.name}`)
      const first = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
      await issuer.rotateKey({ keyFile: join(root, `${store.name}-key-2.jwk`) })
      const second = (await issuer.issueBatch([courseInput(3), courseInput(4)])).issued
      await issuer.publish(site)
      server.setRoot(site)
      const lookup = (id: string) => lookupCredential(id, { registry, allowInsecureLocalhost: true, cache: createMemoryCache() })
      for (const record of [...first, ...second]) {
        expect(await lookup(record.certificateId), record.kid).toMatchObject({ status: 'verified', certificateId: record.certificateId })
      }
      await issuer.close()

      // Another process (or a later run) retires key 1: its report names exactly the first generation.
      const later = await openIssuer(location)
      const report = await later.retireKey(`${did}#key-1`)
      expect(report.credentials.map((c) => c.certificateId).sort()).toEqual(first.map((r) => r.certificateId).sort())
      await later.publish(site)
      server.setRoot(site)
      for (const record of first) {
        const result = await lookup(record.certificateId)
        expect(result.status).toBe('failed')
        expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_NOT_FOUND' })
      }
      for (const record of second) expect(await lookup(record.certificateId)).toMatchObject({ status: 'verified' })
      await later.close()
    } finally {
      await server.close()
      await done()
    }
  }, 120_000)
})
