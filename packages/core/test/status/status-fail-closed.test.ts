// Issue 9, cases 4 and 5: every status source fails closed, and a stale list cannot undo a revocation.
// Real HTTP on 127.0.0.1; the credentials are signed by a did:jwk issuer the verifier trusts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { lookupCredential } from '../../src/lookup-credential.js'
import type { VerificationResult, VerifyOptions } from '../../src/types.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { fixtureServer, jwkParty, signedCredential, signedStatusList, status, statusEntry, webPage, type FixtureServer, type Party } from '../http-fixtures.js'

const NOW = new Date('2026-11-29T12:00:00Z')
let server: FixtureServer
let issuer: Party

beforeAll(async () => {
  server = await fixtureServer()
  issuer = await jwkParty()
})
afterAll(() => server.close())

const options = (extra: VerifyOptions = {}): VerifyOptions => ({
  now: NOW,
  allowInsecureLocalhost: true,
  cache: createMemoryCache(),
  trustedIssuers: [issuer.did],
  timeout: 2000,
  ...extra,
})
const statusCheck = (result: VerificationResult) => result.checks.find((c) => c.id === 'status')!
const jwt = (body: string) => ({ body, type: 'application/vc+jwt' })

/** Publishes `/<dir>/status/1.jwt` (revocation, `revoked` set) and returns a credential pointing at index `index`. */
async function registry(dir: string, index: number, revoked: number[] = []): Promise<string> {
  const url = `${server.origin}/${dir}/status/1.jwt`
  server.files.set(`/${dir}/status/1.jwt`, jwt(await signedStatusList(issuer, url, { set: revoked })))
  return signedCredential(issuer, { credentialStatus: statusEntry(url, index) })
}

async function suspensionList(dir: string, suspended: number[] = []): Promise<void> {
  const url = `${server.origin}/${dir}/status/1-suspension.jwt`
  server.files.set(`/${dir}/status/1-suspension.jwt`, jwt(await signedStatusList(issuer, url, { purpose: 'suspension', set: suspended })))
}

describe('case 4: fail closed on every status source', () => {
  it('verifies when both the revocation list and its suspension companion are there and clear', async () => {
    const credential = await registry('ok', 5)
    await suspensionList('ok')
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'verified' })
  })

  it('reports a suspension companion that answers 404 or 410 as "could not check", never verified', async () => {
    for (const [dir, code] of [['c404', 404], ['c410', 410]] as const) {
      const credential = await registry(dir, 5)
      if (code === 410) server.routes.set(`/${dir}/status/1-suspension.jwt`, status(410))
      const result = await verifyCredential(credential, options())
      expect(result, dir).toMatchObject({ status: 'unknown', verified: false, reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
      expect(statusCheck(result).details).toMatchObject({ status: code })
    }
  })

  it('reports a suspension companion served as an HTML page with status 200 as "could not check"', async () => {
    const credential = await registry('chtml', 5)
    server.routes.set('/chtml/status/1-suspension.jwt', webPage)
    const result = await verifyCredential(credential, options())
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
    expect(statusCheck(result).details).toMatchObject({ reason: 'web-page' })
  })

  it('reports an unparsable suspension companion as "could not check"', async () => {
    const credential = await registry('cjunk', 5)
    server.files.set('/cjunk/status/1-suspension.jwt', { body: 'this is not a list', type: 'text/plain' })
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_INVALID' } })
  })

  it('reports a revocation list that is an HTML page, unparsable, or missing as "could not check"', async () => {
    const credential = await registry('rhtml', 5)
    await suspensionList('rhtml')
    server.routes.set('/rhtml/status/1.jwt', webPage)
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
    server.routes.delete('/rhtml/status/1.jwt')
    server.files.set('/rhtml/status/1.jwt', { body: '{"not":"a list"}', type: 'application/json' })
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_INVALID' } })
    server.files.delete('/rhtml/status/1.jwt')
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
  })

  it('still reports a revocation when the suspension companion cannot be read', async () => {
    const credential = await registry('rev', 5, [5])
    server.routes.set('/rev/status/1-suspension.jwt', status(503))
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_CREDENTIAL_REVOKED' } })
  })

  it('reports a captive-portal page for the registry as "could not check", not as a failed credential', async () => {
    const id = 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
    server.routes.set(`/portal-registry/credentials/${id}.jwt`, webPage)
    const result = await lookupCredential(id, { ...options(), registry: `${server.origin}/portal-registry` })
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'format', code: 'ERR_REGISTRY_UNREACHABLE' } })
    expect(result.checks[0]!.details).toMatchObject({ reason: 'web-page' })
  })
})

describe('case 5: stale lists cannot undo a revocation', () => {
  it('refuses a list past its validUntil (ERR_STATUS_LIST_STALE), even one that says "not revoked"', async () => {
    const url = `${server.origin}/stale/status/1.jwt`
    server.files.set('/stale/status/1.jwt', jwt(await signedStatusList(issuer, url, { validUntil: '2026-11-20T00:00:00Z' })))
    await suspensionList('stale')
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(url, 5) })
    const result = await verifyCredential(credential, options())
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_STALE' } })
    expect(statusCheck(result).details).toMatchObject({ reason: 'expired' })
  })

  it('refuses a list whose id is not the URL it was fetched from (a swapped or replayed file)', async () => {
    const other = `${server.origin}/swap/status/2.jwt`
    server.files.set('/swap/status/1.jwt', jwt(await signedStatusList(issuer, other)))
    await suspensionList('swap')
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(`${server.origin}/swap/status/1.jwt`, 5) })
    const result = await verifyCredential(credential, options())
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_INVALID' } })
    expect(statusCheck(result).details).toMatchObject({ reason: 'id' })
  })

  it('refuses, within one cache, a list older than one already seen at that URL (a rollback cannot un-revoke)', async () => {
    let clock = NOW.getTime()
    const cache = createMemoryCache({ now: () => clock })
    const url = `${server.origin}/rollback/status/1.jwt`
    await suspensionList('rollback')
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(url, 5) })
    server.files.set('/rollback/status/1.jwt', jwt(await signedStatusList(issuer, url, { validFrom: '2026-11-20T00:00:00Z', set: [5], ttl: 1000 })))
    expect(await verifyCredential(credential, options({ cache }))).toMatchObject({ status: 'failed', reason: { code: 'ERR_CREDENTIAL_REVOKED' } })
    // The cached list expires; the server now hands out an older copy in which the bit is still clear.
    clock += 60_000
    server.files.set('/rollback/status/1.jwt', jwt(await signedStatusList(issuer, url, { validFrom: '2026-11-10T00:00:00Z', ttl: 1000 })))
    const replayed = await verifyCredential(credential, options({ cache }))
    expect(replayed).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_STALE' } })
    expect(statusCheck(replayed).details).toMatchObject({ reason: 'older' })
    // A newer list is accepted again.
    clock += 60_000
    server.files.set('/rollback/status/1.jwt', jwt(await signedStatusList(issuer, url, { validFrom: '2026-11-25T00:00:00Z', set: [5], ttl: 1000 })))
    expect(await verifyCredential(credential, options({ cache }))).toMatchObject({ status: 'failed', reason: { code: 'ERR_CREDENTIAL_REVOKED' } })
  })
})
