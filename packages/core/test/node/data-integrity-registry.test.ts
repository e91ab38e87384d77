// A Data Integrity issuer end to end, on both stores: credentials published as credentials/<ID>.json, found by
// certificate ID over real HTTP, verified, and revoked through the same status list as a VC-JWT issuer's.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { extractCredentialFromPdf } from '../../src/extract-credential-from-pdf.js'
import { lookupCredential } from '../../src/lookup-credential.js'
import { createIssuer } from '../../src/node/index.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { courseInput, serveDirectory, tempDir } from './helpers.js'
import { pdfdetachList, pdftotext } from './pdf-tools.js'
import { storePlaces } from './store-places.js'

const { dir: root, cleanup } = tempDir('microcert-di-registry-')
afterAll(cleanup, 60_000)

const stores = storePlaces(root)

describe.each(stores)('a Data Integrity registry over HTTP ($name store)', (store) => {
  it('is found by certificate ID, verifies, and fails once revoked (ERR_CREDENTIAL_REVOKED)', async () => {
    const server = await serveDirectory()
    const { location, options: storeOptions, done } = await store.place()
    try {
      const registry = server.origin
      const issuer = await createIssuer(location, {
        did: `did:web:127.0.0.1%3A${server.port}`,
        name: 'Example University',
        country: 'CZ',
        url: registry,
        proof: 'eddsa-rdfc-2022',
        ...storeOptions,
      })
      const [kept, revoked] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
      const site = join(root, `site-${store.name}`)
      await issuer.publish(site)
      server.setRoot(site)
      const lookup = (id: string) => lookupCredential(id, { registry, allowInsecureLocalhost: true, cache: createMemoryCache() })
      expect(await lookup(kept!.certificateId)).toMatchObject({ status: 'verified', certificateId: kept!.certificateId })
      expect(server.requests).toContain(`/credentials/${kept!.certificateId}.json`)
      // The learner's files work for a Data Integrity credential too: a PDF carrying the JSON credential, which
      // verifies when read back, and a share page that links the .json (there is no .jwt).
      const pdf = new Uint8Array(readFileSync(join(site, 'credentials', `${kept!.certificateId}.pdf`)))
      expect(pdfdetachList(pdf)).toContain(`${kept!.certificateId}.json`)
      expect(pdftotext(pdf)).toContain(kept!.certificateId)
      const extracted = await extractCredentialFromPdf(pdf)
      expect(extracted).toMatchObject({ format: 'json', name: `${kept!.certificateId}.json` })
      expect(await verifyCredential(pdf, { allowInsecureLocalhost: true, cache: createMemoryCache() })).toMatchObject({ status: 'verified' })
      const sharePage = readFileSync(join(site, 'credentials', kept!.certificateId, 'index.html'), 'utf8')
      expect(sharePage).toContain(`credentials/${kept!.certificateId}.json" download`)
      expect(sharePage).not.toContain(`credentials/${kept!.certificateId}.jwt"`)
      await issuer.revoke(revoked!.certificateId, { reason: 'issued in error' })
      await issuer.publish(site)
      server.setRoot(site)
      const result = await lookup(revoked!.certificateId)
      expect(result.status).toBe('failed')
      expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
      expect(await lookup(kept!.certificateId)).toMatchObject({ status: 'verified' })
      await issuer.close()
    } finally {
      await server.close()
      await done()
    }
  }, 120_000)
})
