import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { checkTrust, type TrustContext } from '../../src/lib/check-trust.js'

describe('checkTrust with a trust list URL over real HTTP', () => {
  let base = ''
  let hits = 0
  const server = createServer((req, res) => {
    hits++
    if (req.url === '/trust.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'EU test list', issuers: [{ id: 'did:web:uni.example', name: 'Listed University', country: 'IE' }] }))
    } else if (req.url === '/broken.json') {
      res.writeHead(200).end('{"issuers": 5}')
    } else {
      res.writeHead(500).end()
    }
  })
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const context = (extra: Partial<TrustContext>): TrustContext => ({
    fetch: globalThis.fetch,
    timeout: 2000,
    cache: createMemoryCache(),
    allowInsecureLocalhost: true,
    ...extra,
  })

  it('trusts a listed issuer with the confirmed name and fetches the list once per cache', async () => {
    const ctx = context({ trustList: `${base}/trust.json` })
    const outcome = await checkTrust('did:web:uni.example', ctx)
    expect(outcome).toMatchObject({ trusted: true, listed: { name: 'Listed University', country: 'IE' }, check: { outcome: 'passed' } })
    const before = hits
    expect((await checkTrust('did:web:other.example', ctx)).check).toMatchObject({ outcome: 'warning', code: 'ERR_ISSUER_UNTRUSTED' })
    expect(hits).toBe(before)
  })

  it('reports ERR_TRUST_LIST_UNREACHABLE (unknown) for an HTTP error and for http: without the opt-in', async () => {
    expect((await checkTrust('did:web:uni.example', context({ trustList: `${base}/missing.json` }))).check).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_TRUST_LIST_UNREACHABLE',
    })
    expect((await checkTrust('did:web:uni.example', context({ trustList: `${base}/trust.json`, allowInsecureLocalhost: false }))).check).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_TRUST_LIST_UNREACHABLE',
    })
  })

  it('reports ERR_TRUST_LIST_INVALID (unknown) for a malformed list', async () => {
    expect((await checkTrust('did:web:uni.example', context({ trustList: `${base}/broken.json` }))).check).toMatchObject({
      outcome: 'unknown',
      code: 'ERR_TRUST_LIST_INVALID',
    })
  })
})
