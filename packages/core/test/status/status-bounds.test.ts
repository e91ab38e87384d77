// Issue 9, case 6: bounded work per verification. Real HTTP on 127.0.0.1. Memory is sampled while a verification
// runs (resident set size, every few milliseconds) and compared with the level just before it; the bound is generous
// (50 MB) and no time is measured.
import { randomBytes } from 'node:crypto'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { checkCredentialStatus } from '../../src/status/check-credential-status.js'
import type { VerificationResult, VerifyOptions } from '../../src/types.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { statusContext } from './helpers.js'
import { fixtureServer, jwkParty, signedCredential, signedStatusList, statusEntry, type FixtureServer, type Party } from '../http-fixtures.js'

const NOW = new Date('2026-11-29T12:00:00Z')
const MiB = 1024 * 1024
let server: FixtureServer
let issuer: Party

/** `u` + base64url of the GZIP of `bytes` zero bytes, compressed in 1 MiB steps (the test itself stays small). */
async function zeroList(bytes: number): Promise<string> {
  const gzip = createGzip({ level: 9 })
  const out: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => out.push(chunk))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  const step = Buffer.alloc(Math.min(MiB, bytes))
  for (let left = bytes; left > 0; left -= step.length) gzip.write(left >= step.length ? step : step.subarray(0, left))
  gzip.end()
  await done
  return `u${Buffer.concat(out).toString('base64url')}`
}

/** `u` + base64url of the GZIP of `bytes` random bytes (the first 64 entries clear): a list that does not compress. */
async function randomList(bytes: number): Promise<string> {
  const gzip = createGzip({ level: 1 })
  const out: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => out.push(chunk))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  const bits = randomBytes(bytes)
  bits.fill(0, 0, 8)
  gzip.end(bits)
  await done
  return `u${Buffer.concat(out).toString('base64url')}`
}

async function publishList(path: string, encodedList: string, purpose = 'revocation'): Promise<string> {
  const url = `${server.origin}${path}`
  server.files.set(path, { body: await signedStatusList(issuer, url, { encodedList, purpose }), type: 'application/vc+jwt' })
  return url
}

/** Runs `work` and reports the highest resident set size seen meanwhile, above the level just before it. */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ value: T; extraBytes: number }> {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 2)
  try {
    const value = await work()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { value, extraBytes: peak - before }
  } finally {
    clearInterval(sampler)
  }
}

const options = (extra: VerifyOptions = {}): VerifyOptions => ({
  now: NOW,
  allowInsecureLocalhost: true,
  cache: createMemoryCache(),
  trustedIssuers: [issuer.did],
  timeout: 5000,
  ...extra,
})
const statusOf = (result: VerificationResult) => result.checks.find((c) => c.id === 'status')!

let huge: string[]

beforeAll(async () => {
  server = await fixtureServer()
  issuer = await jwkParty()
  // Two registry lists (so their suspension companions are read too) that each inflate to 16 MiB: 128 Mi entries.
  const sixteen = await zeroList(16 * MiB)
  huge = [await publishList('/big/status/1.jwt', sixteen), await publishList('/big/status/2.jwt', sixteen)]
  await publishList('/big/status/1-suspension.jwt', sixteen, 'suspension')
  await publishList('/big/status/2-suspension.jwt', sixteen, 'suspension')
  // Warm up: modules loaded and compiled before anything is measured.
  await verifyCredential(await signedCredential(issuer), options())
})
afterAll(() => server.close())

describe('case 6: bounded work per verification', () => {
  it('refuses a credential with 2,000 status entries pointing at 16 MiB lists before any request (ERR_STATUS_TOO_MANY)', async () => {
    const entries = Array.from({ length: 2000 }, (_, i) => statusEntry(huge[i % 2]!, i))
    const credential = await signedCredential(issuer, { credentialStatus: entries })
    const requests = server.requests.length
    const { value: result, extraBytes } = await peakMemory(() => verifyCredential(credential, options()))
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_STATUS_TOO_MANY' } })
    expect(statusOf(result).details).toEqual({ entries: 2000, max: 2 })
    expect(result.checks.find((c) => c.id === 'signature')?.outcome).toBe('skipped')
    expect(server.requests.length).toBe(requests)
    expect(extraBytes).toBeLessThan(50 * 1000 * 1000)
  })

  it('checks two status entries, refuses three', async () => {
    const list = await publishList('/small/list-a', await zeroList(16 * 1024))
    const context = { ...statusContext(issuer.did, NOW), cache: createMemoryCache() }
    const two = { credentialStatus: [statusEntry(list, 1), statusEntry(list, 2, 'suspension')] }
    expect(await checkCredentialStatus(two, context)).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_PURPOSE_MISMATCH' })
    const requests = server.requests.length
    const three = { credentialStatus: [statusEntry(list, 1), statusEntry(list, 2), statusEntry(list, 3)] }
    expect(await checkCredentialStatus(three, context)).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_TOO_MANY' })
    expect(server.requests.length).toBe(requests)
  })

  it('stops inflating a list past 16 Mi entries: a credential at 16 MiB lists ends "could not check" with bounded memory', async () => {
    // One entry at a registry list: the list and its suspension companion, 16 MiB each once inflated.
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(huge[0]!, 7) })
    const { value: result, extraBytes } = await peakMemory(() => verifyCredential(credential, options()))
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_LIST_INVALID' } })
    expect(statusOf(result).details).toMatchObject({ reason: 'too-large', maxBytes: 2 * MiB })
    expect(extraBytes).toBeLessThan(50 * 1000 * 1000)
  })

  it('accepts a list of exactly 16 Mi entries', async () => {
    const list = await publishList('/edge/list-16mi', await zeroList(2 * MiB))
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(list, 16 * MiB - 1) })
    expect(statusOf(await verifyCredential(credential, options()))).toMatchObject({ outcome: 'passed' })
  })

  it("stops reading once the verification's byte budget is spent (ERR_FETCH_BUDGET_EXCEEDED)", async () => {
    const list = await publishList('/budget/list-a', await randomList(256 * 1024))
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(list, 1) })
    const result = await verifyCredential(credential, options({ maxFetchBytes: 64 * 1024 }))
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_FETCH_BUDGET_EXCEEDED' } })
    expect(await verifyCredential(credential, options())).toMatchObject({ status: 'verified' })
  })

  it('spends one budget (8 MiB by default) across all fetches of a verification', async () => {
    // Each list is a 16 Mi-entry list of random bits: about 3.7 MB as a JWT, under the 4 MiB cap of one list; with
    // its suspension companion a verification would read 7.4 MB, and a third list does not fit.
    const random = await randomList(2 * MiB)
    const list = await publishList('/spend/status/1.jwt', random)
    await publishList('/spend/status/1-suspension.jwt', random, 'suspension')
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(list, 1) })
    const full = await verifyCredential(credential, options())
    expect(full, JSON.stringify(full.checks)).toMatchObject({ status: 'verified' })
    const tight = await verifyCredential(credential, options({ maxFetchBytes: 6 * MiB }))
    expect(tight).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_FETCH_BUDGET_EXCEEDED' } })
  })

  it('keeps cached lists within the cache byte bound: a list larger than the bound is fetched again', async () => {
    const list = await publishList('/cached/list-a', await zeroList(2 * MiB))
    const credential = await signedCredential(issuer, { credentialStatus: statusEntry(list, 1) })
    const count = () => server.requests.filter((path) => path === '/cached/list-a').length
    const roomy = createMemoryCache()
    await verifyCredential(credential, options({ cache: roomy }))
    await verifyCredential(credential, options({ cache: roomy }))
    expect(count()).toBe(1)
    const tight = createMemoryCache({ maxBytes: MiB })
    await verifyCredential(credential, options({ cache: tight }))
    await verifyCredential(credential, options({ cache: tight }))
    expect(count()).toBe(3)
  })
})
