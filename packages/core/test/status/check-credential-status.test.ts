import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryCache } from '../../src/lib/cache.js'
import { signJwt } from '../../src/sign-jwt.js'
import { buildStatusListCredential } from '../../src/status/build-status-list-credential.js'
import { checkCredentialStatus } from '../../src/status/check-credential-status.js'
import { createStatusList } from '../../src/status/create-status-list.js'
import { encodeStatusList } from '../../src/status/encode-status-list.js'
import { setStatusBit } from '../../src/status/set-status-bit.js'
import type { StatusCheckContext } from '../../src/types.js'
import { party, statusContext, type Party } from './helpers.js'

const now = new Date('2026-11-29T12:00:00Z')



async function signedList(
  who: Party,
  options: { id: string; purpose?: string | string[]; set?: number[]; issuer?: string; encodedList?: string; ttl?: number; validUntil?: string },
): Promise<string> {
  const bits = createStatusList()
  for (const i of options.set ?? []) setStatusBit(bits, i)
  const credential = buildStatusListCredential({
    id: options.id,
    issuer: options.issuer ?? who.did,
    purpose: options.purpose ?? 'revocation',
    encodedList: options.encodedList ?? (await encodeStatusList(bits)),
    validFrom: '2026-11-01T00:00:00Z',
    ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  })
  return signJwt({ ...credential, iss: options.issuer ?? who.did }, who.signer)
}

let server: Server
let base: string
const files = new Map<string, string>()
const requests: { url: string; headers: Record<string, string | string[] | undefined> }[] = []
let issuer: Party
let stranger: Party

beforeAll(async () => {
  issuer = await party()
  stranger = await party('EdDSA')
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers })
    if (req.url === '/slow.jwt') return // never answers: timeout
    if (req.url === '/error.jwt') {
      res.writeHead(500).end('boom')
      return
    }
    const body = files.get(req.url ?? '')
    if (body === undefined) res.writeHead(404).end('not found')
    else res.writeHead(200, { 'content-type': 'application/vc+jwt' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  files.set('/status/0.jwt', await signedList(issuer, { id: `${base}/status/0.jwt`, set: [7, 94_567] }))
  files.set('/status/0-suspension.jwt', await signedList(issuer, { id: `${base}/status/0-suspension.jwt`, purpose: 'suspension', set: [8] }))
  files.set('/lists/susp.jwt', await signedList(issuer, { id: `${base}/lists/susp.jwt`, purpose: 'suspension', set: [5] }))
  files.set('/lists/rev.jwt', await signedList(issuer, { id: `${base}/lists/rev.jwt`, set: [3] }))
  files.set('/lists/ttl.jwt', await signedList(issuer, { id: `${base}/lists/ttl.jwt`, ttl: 60_000 }))
  files.set('/lists/forged.jwt', await signedList(stranger, { id: `${base}/lists/forged.jwt`, issuer: issuer.did }))
  files.set('/lists/other-issuer.jwt', await signedList(stranger, { id: `${base}/lists/other-issuer.jwt` }))
  files.set(
    '/lists/short.jwt',
    await signedList(issuer, { id: `${base}/lists/short.jwt`, encodedList: 'u' + gzipSync(new Uint8Array(1024)).toString('base64url') }),
  )
  files.set(
    '/lists/bomb.jwt',
    await signedList(issuer, { id: `${base}/lists/bomb.jwt`, encodedList: 'u' + gzipSync(new Uint8Array(40 * 1024 * 1024)).toString('base64url') }),
  )
  files.set('/lists/expired.jwt', await signedList(issuer, { id: `${base}/lists/expired.jwt`, validUntil: '2026-11-02T00:00:00Z' }))
  files.set('/lists/plain.json', JSON.stringify({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] }))
  const tampered = files.get('/lists/rev.jwt')!.split('.')
  const payload = JSON.parse(Buffer.from(tampered[1]!, 'base64url').toString()) as { credentialSubject: { encodedList: string } }
  payload.credentialSubject.encodedList = await encodeStatusList(createStatusList())
  files.set('/lists/tampered.jwt', [tampered[0], Buffer.from(JSON.stringify(payload)).toString('base64url'), tampered[2]].join('.'))
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

function context(overrides: Partial<StatusCheckContext> = {}): StatusCheckContext {
  return statusContext(issuer.did, now, overrides)
}

function entry(path: string, index: string | number, purpose = 'revocation') {
  return {
    credentialStatus: {
      id: `${base}${path}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: index,
      statusListCredential: `${base}${path}`,
    },
  }
}

describe('checkCredentialStatus', () => {
  it('skips a credential without a status entry', async () => {
    expect(await checkCredentialStatus({}, context())).toMatchObject({ id: 'status', outcome: 'skipped' })
  })

  it('passes when the bit is clear in the signed list of the same issuer', async () => {
    const check = await checkCredentialStatus(entry('/lists/rev.jwt', '4'), context())
    expect(check).toMatchObject({ id: 'status', outcome: 'passed', details: { purpose: 'revocation', statusListIndex: 4 } })
  })

  it('lets one caller give up without turning a concurrent check of the same list into "could not check"', async () => {
    const cache = createMemoryCache()
    const slowFetch: typeof fetch = async (input, init) => {
      await new Promise((resolve) => setTimeout(resolve, 150))
      return fetch(input, init)
    }
    const quitter = new AbortController()
    const first = checkCredentialStatus(entry('/lists/rev.jwt', '4'), context({ cache, fetch: slowFetch, signal: quitter.signal }))
    const second = checkCredentialStatus(entry('/lists/rev.jwt', '3'), context({ cache, fetch: slowFetch, signal: new AbortController().signal }))
    quitter.abort()
    expect(await first).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE', details: { reason: 'aborted' } })
    expect(await second).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
  })

  it('reports ERR_CREDENTIAL_REVOKED when the revocation bit is set', async () => {
    const check = await checkCredentialStatus(entry('/lists/rev.jwt', '3'), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED', details: { purpose: 'revocation' } })
  })

  it('accepts an integer statusListIndex (1EdTech fixtures use one)', async () => {
    expect(await checkCredentialStatus(entry('/lists/rev.jwt', 3), context())).toMatchObject({ code: 'ERR_CREDENTIAL_REVOKED' })
  })

  it('reports ERR_CREDENTIAL_SUSPENDED for a set bit in a suspension list', async () => {
    const check = await checkCredentialStatus(entry('/lists/susp.jwt', '5', 'suspension'), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED' })
  })

  it('reads the suspension companion list beside a registry revocation list', async () => {
    expect(await checkCredentialStatus(entry('/status/0.jwt', '8'), context())).toMatchObject({ code: 'ERR_CREDENTIAL_SUSPENDED' })
    expect(await checkCredentialStatus(entry('/status/0.jwt', '7'), context())).toMatchObject({ code: 'ERR_CREDENTIAL_REVOKED' })
    expect(await checkCredentialStatus(entry('/status/0.jwt', '9'), context())).toMatchObject({ outcome: 'passed' })
  })

  it('checks every entry of an array (revocation and suspension)', async () => {
    const credential = { credentialStatus: [entry('/lists/rev.jwt', '5').credentialStatus, entry('/lists/susp.jwt', '5', 'suspension').credentialStatus] }
    expect(await checkCredentialStatus(credential, context())).toMatchObject({ code: 'ERR_CREDENTIAL_SUSPENDED' })
  })

  it('reports unknown ERR_STATUS_UNREACHABLE when the list cannot be fetched, never revoked or valid', async () => {
    for (const path of ['/lists/missing.jwt', '/error.jwt']) {
      expect(await checkCredentialStatus(entry(path, '1'), context())).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE' })
    }
    const closed = { credentialStatus: { ...entry('/x.jwt', '1').credentialStatus, statusListCredential: 'http://127.0.0.1:1/status/0.jwt' } }
    expect(await checkCredentialStatus(closed, context())).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE' })
  })

  it('reports unknown ERR_STATUS_UNREACHABLE when the list does not arrive in time', async () => {
    const check = await checkCredentialStatus(entry('/slow.jwt', '1'), context({ timeout: 200 }))
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE' })
  })

  it('reports could-not-check ERR_STATUS_LIST_INVALID for a list signed with another key', async () => {
    const check = await checkCredentialStatus(entry('/lists/forged.jwt', '1'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID' })
  })

  it('reports could-not-check ERR_STATUS_LIST_INVALID for a list whose bits were changed after signing', async () => {
    const check = await checkCredentialStatus(entry('/lists/tampered.jwt', '3'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'signature' } })
  })

  it("reports could-not-check ERR_STATUS_LIST_INVALID for a list of another issuer than the credential's", async () => {
    const check = await checkCredentialStatus(entry('/lists/other-issuer.jwt', '1'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'issuer' } })
  })

  it("reports could-not-check ERR_STATUS_LIST_INVALID for another issuer's list even when that list is cached", async () => {
    const cache = createMemoryCache()
    expect(await checkCredentialStatus(entry('/lists/rev.jwt', '4'), context({ cache }))).toMatchObject({ outcome: 'passed' })
    const check = await checkCredentialStatus(entry('/lists/rev.jwt', '4'), context({ cache, issuerDid: stranger.did }))
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'issuer' } })
  })

  it('reports could-not-check ERR_STATUS_LIST_INVALID for a list shorter than 131,072 entries', async () => {
    const check = await checkCredentialStatus(entry('/lists/short.jwt', '1'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'too-short' } })
  })

  it('reports could-not-check ERR_STATUS_LIST_INVALID for a gzip bomb', async () => {
    const check = await checkCredentialStatus(entry('/lists/bomb.jwt', '1'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'too-large' } })
  })

  it('reports could-not-check ERR_STATUS_LIST_INVALID for an unsigned list', async () => {
    const check = await checkCredentialStatus(entry('/lists/plain.json', '1'), context())
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID' })
  })

  it('reports ERR_STATUS_INDEX_INVALID for an index outside the list or not an integer', async () => {
    expect(await checkCredentialStatus(entry('/lists/rev.jwt', '131072'), context())).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_INDEX_INVALID' })
    expect(await checkCredentialStatus(entry('/lists/rev.jwt', '-1'), context())).toMatchObject({ code: 'ERR_STATUS_INDEX_INVALID' })
    expect(await checkCredentialStatus(entry('/lists/rev.jwt', '0x10'), context())).toMatchObject({ code: 'ERR_STATUS_INDEX_INVALID' })
  })

  it('reports ERR_STATUS_PURPOSE_MISMATCH when the list serves another purpose', async () => {
    const check = await checkCredentialStatus(entry('/lists/rev.jwt', '1', 'suspension'), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_PURPOSE_MISMATCH' })
  })

  it('reports ERR_STATUS_ENTRY_INVALID for a malformed entry', async () => {
    const check = await checkCredentialStatus({ credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1' } }, context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_ENTRY_INVALID' })
  })

  it('reports could-not-check for an expired list or a status method it does not know', async () => {
    expect(await checkCredentialStatus(entry('/lists/expired.jwt', '1'), context())).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_STALE' })
    const other = { credentialStatus: { id: 'https://x.example/1', type: '1EdTechRevocationList' } }
    expect(await checkCredentialStatus(other, context())).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_ENTRY_INVALID', details: { type: '1EdTechRevocationList' } })
  })

  it('refuses an http list unless the caller opted in for localhost', async () => {
    const check = await checkCredentialStatus(entry('/lists/rev.jwt', '3'), context({ allowInsecureLocalhost: false }))
    expect(check).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE', details: { reason: 'insecure' } })
  })

  it('fetches with a plain GET and caches the list per its ttl', async () => {
    const init: (RequestInit | undefined)[] = []
    const spy: typeof fetch = (input, options) => {
      init.push(options)
      return fetch(input, options)
    }
    const cache = createMemoryCache()
    const before = requests.filter((r) => r.url === '/lists/ttl.jwt').length
    const results = await Promise.all([1, 2, 3].map((i) => checkCredentialStatus(entry('/lists/ttl.jwt', String(i)), context({ fetch: spy, cache }))))
    await checkCredentialStatus(entry('/lists/ttl.jwt', '4'), context({ fetch: spy, cache }))
    expect(results.every((r) => r.outcome === 'passed')).toBe(true)
    expect(requests.filter((r) => r.url === '/lists/ttl.jwt').length - before).toBe(1)
    expect(init.every((i) => i?.headers === undefined && (i?.method ?? 'GET') === 'GET')).toBe(true)
  })
})
