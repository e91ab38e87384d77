// The issuance server keeping its offers, codes, tokens and nonces in the issuer store (`issuer.issuanceState`), with
// both store engines: a wallet receives its credential, and an offer redeemed twice is refused, as with memory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIssuer, type Issuer } from '@microcert/core/node'
import { afterAll, describe, expect, it } from 'vitest'
import { dropDatabase, freshDatabase } from '../../core/test/node/pg/database.js'
import { CERTIFICATE_ID, PRE_AUTH_GRANT, preAuthorizedCodeOf, startUniversity, tokenRequest, wallet } from './helpers.js'

const root = mkdtempSync(join(tmpdir(), 'microcert-oid4vci-store-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const ISSUER = { did: 'did:web:uni.example', name: 'Example University', country: 'CZ', url: 'https://uni.example' }

const stores = [
  { name: 'directory', create: async () => ({ issuer: await createIssuer(join(root, 'store'), ISSUER), done: async () => undefined }) },
  {
    name: 'PostgreSQL',
    create: async () => {
      const url = await freshDatabase()
      return { issuer: await createIssuer(url, { ...ISSUER, keyFile: join(root, 'pg.jwk') }), done: () => dropDatabase(url) }
    },
  },
]

describe.each(stores)('OpenID4VCI state in the issuer store ($name)', (store) => {
  it('issues into a wallet through the store-backed state and refuses an offer redeemed twice (ERR_OFFER_USED)', async () => {
    const { issuer, done }: { issuer: Issuer; done: () => Promise<void> } = await store.create()
    const uni = await startUniversity({ state: issuer.issuanceState })
    try {
      const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, { txCode: true })
      const sdJwt = await wallet().receive(offer.uri, offer.txCode)
      expect(sdJwt.split('~').length).toBeGreaterThan(5)
      const again = await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri), tx_code: offer.txCode! })
      expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', microcert_code: 'ERR_OFFER_USED' } })
    } finally {
      await uni.close()
      await issuer.close()
      await done()
    }
  }, 60_000)
})
