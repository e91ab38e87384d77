// verifyCredential requests the status lists while the signature step fetches the issuer's DID document (issue 14:
// a cold verification used to wait for one, then the other). Real HTTP on 127.0.0.1 against a published registry.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../src/lib/cache.js'
import { createIssuer, type IssuedRecord } from '../src/node/index.js'
import { verifyCredential } from '../src/verify-credential.js'
import { courseInput, serveDirectory, tempDir } from './node/helpers.js'

let server: Awaited<ReturnType<typeof serveDirectory>>
let records: IssuedRecord[]
let site: string
const { dir: root, cleanup } = tempDir('microcert-prefetch-')
const NOW = new Date('2026-07-01T12:00:00Z')

beforeAll(async () => {
  server = await serveDirectory()
  const issuer = await createIssuer(join(root, 'store'), { did: `did:web:127.0.0.1%3A${server.port}`, name: 'Example University', country: 'CZ', url: server.origin })
  records = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
  site = join(root, 'site')
  await issuer.publish(site)
  await issuer.close()
  server.setRoot(site)
})

afterAll(async () => {
  await server.close()
  cleanup()
})

const jwtOf = (record: IssuedRecord) => readFileSync(join(site, 'credentials', `${record.certificateId}.jwt`), 'utf8')
const isDid = (url: string) => url.endsWith('/.well-known/did.json')

interface Call {
  url: string
  signal: AbortSignal | undefined
  /** For a status list request: whether the DID document was still unanswered (not yet requested, or waiting). */
  beforeDidAnswer?: boolean
}

/**
 * A fetch over real HTTP that holds the DID document's answer until a status list has been requested (or a
 * while has passed), and records every request.
 */
function recordingFetch() {
  const calls: Call[] = []
  let didAnswered = false
  let statusRequested: () => void = () => undefined
  const statusSeen = new Promise<void>((resolve) => (statusRequested = resolve))
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const call: Call = { url, signal: init?.signal ?? undefined }
    calls.push(call)
    if (isDid(url)) {
      // Not a timing assertion: a verifier that requests the list only after the DID document must not hang here.
      await Promise.race([statusSeen, new Promise((resolve) => setTimeout(resolve, 1_500))])
      const response = await fetch(input, init)
      didAnswered = true
      return response
    }
    if (url.includes('/status/')) {
      call.beforeDidAnswer = !didAnswered
      statusRequested()
    }
    return fetch(input, init)
  }) as typeof fetch
  return { fetchFn, calls }
}

const verifyOptions = (fetchFn: typeof fetch) => ({ fetch: fetchFn, allowInsecureLocalhost: true, cache: createMemoryCache(), now: NOW })

describe('verifyCredential: status lists and the DID document at once', () => {
  it('requests the status lists before the DID document has answered, and verifies as before', async () => {
    const { fetchFn, calls } = recordingFetch()
    const result = await verifyCredential(jwtOf(records[0]!), verifyOptions(fetchFn))
    expect(result).toMatchObject({ verified: true, status: 'verified' })
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'passed' })
    const statusCalls = calls.filter((c) => c.url.includes('/status/'))
    expect(statusCalls.length).toBeGreaterThan(0)
    expect(statusCalls.every((c) => c.beforeDidAnswer === true)).toBe(true)
    // Each list is requested once: the status check reads the early request instead of making its own.
    expect(new Set(statusCalls.map((c) => c.url)).size).toBe(statusCalls.length)
  })

  it('requests a cached list again only when the cache has lost it', async () => {
    const { fetchFn, calls } = recordingFetch()
    const options = verifyOptions(fetchFn)
    await verifyCredential(jwtOf(records[0]!), options)
    const before = calls.length
    const again = await verifyCredential(jwtOf(records[1]!), options)
    expect(again).toMatchObject({ verified: true })
    expect(calls.slice(before)).toEqual([])
  })

  it('reports a forged credential as before and cancels the status requests it started', async () => {
    const { fetchFn, calls } = recordingFetch()
    const [header, payload, signature] = jwtOf(records[0]!).split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    ;(claims.vc ?? claims).credentialSubject.achievement.name = 'Forged course'
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`
    const result = await verifyCredential(forged, verifyOptions(fetchFn))
    expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_SIGNATURE_INVALID' })
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'skipped' })
    const statusCalls = calls.filter((c) => c.url.includes('/status/'))
    expect(statusCalls.length).toBeGreaterThan(0)
    expect(statusCalls.every((c) => c.signal?.aborted === true)).toBe(true)
  })

  it('requests no status list when status checking is turned off', async () => {
    const { fetchFn, calls } = recordingFetch()
    const result = await verifyCredential(jwtOf(records[0]!), { ...verifyOptions(fetchFn), checkStatus: false })
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'skipped' })
    expect(calls.filter((c) => !isDid(c.url))).toEqual([])
  })
})
