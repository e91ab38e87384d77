import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signJwt } from '../../src/sign-jwt.js'
import { buildStatusListCredential } from '../../src/status/build-status-list-credential.js'
import { checkCredentialStatus } from '../../src/status/check-credential-status.js'
import { createStatusList } from '../../src/status/create-status-list.js'
import { encodeStatusList } from '../../src/status/encode-status-list.js'
import { statusNoticePath, statusNoticeUrl } from '../../src/status/lib/companion.js'
import { setStatusBit } from '../../src/status/set-status-bit.js'
import type { StatusCheckContext } from '../../src/types.js'
import { party, statusContext, type Party } from './helpers.js'



let server: Server
let base: string
const files = new Map<string, string>()
let issuer: Party
let stranger: Party
const since = '2026-11-20T09:30:00.000Z'

async function list(path: string, purpose: string, set: number[]): Promise<void> {
  const bits = createStatusList()
  for (const i of set) setStatusBit(bits, i)
  const credential = buildStatusListCredential({
    id: `${base}${path}`,
    issuer: issuer.did,
    purpose,
    encodedList: await encodeStatusList(bits),
    validFrom: '2026-11-01T00:00:00Z',
  })
  files.set(path, await signJwt({ ...credential, iss: issuer.did }, issuer.signer))
}

async function notice(path: string, payload: Record<string, unknown>, who: Party = issuer): Promise<void> {
  files.set(path, await signJwt({ iss: who.did, statusPurpose: 'revocation', since, iat: 1_780_000_000, ...payload }, who.signer))
}

const credential = (id: string, index: number) => ({
  id,
  credentialStatus: {
    id: `${base}/status/0.jwt#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: `${base}/status/0.jwt`,
  },
})

beforeAll(async () => {
  issuer = await party()
  stranger = await party()
  server = createServer((req, res) => {
    const body = files.get(req.url ?? '')
    if (body === undefined) res.writeHead(404).end('not found')
    else res.writeHead(200).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await list('/status/0.jwt', 'revocation', [1, 2, 3, 4, 5, 6, 7])
  await list('/status/0-suspension.jwt', 'suspension', [20])
  await notice('/status/0/1.jwt', { sub: 'urn:c:1', statusListIndex: '1', reason: 'Issued in error' })
  await notice('/status/0/2.jwt', { sub: 'urn:c:2', statusListIndex: '2' })
  await notice('/status/0/3.jwt', { sub: 'urn:c:3', statusListIndex: '3', reason: 'forged' }, stranger)
  await notice('/status/0/4.jwt', { sub: 'urn:c:other', statusListIndex: '4', reason: 'not yours' })
  await notice('/status/0/5.jwt', { sub: 'urn:c:5', statusListIndex: '99', reason: 'wrong entry' })
  files.set('/status/0/6.jwt', 'not a jwt')
  await notice('/status/0/7.jwt', { sub: 'urn:c:7', statusListIndex: '7', statusPurpose: 'suspension', reason: 'wrong purpose' })
  await notice('/status/0-suspension/20.jwt', { sub: 'urn:c:20', statusListIndex: '20', statusPurpose: 'suspension', reason: 'Under review' })
  files.set('/status/0/30.jwt', 'never fetched')
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

function context(overrides: Partial<StatusCheckContext> = {}): StatusCheckContext {
  return statusContext(issuer.did, new Date('2026-11-29T12:00:00Z'), overrides)
}

describe('status notices (why and since when a credential was revoked or suspended)', () => {
  it('derives the notice URL from the list URL and the index', () => {
    expect(statusNoticeUrl('https://u.example/r/status/3.jwt', 17)).toBe('https://u.example/r/status/3/17.jwt')
    expect(statusNoticeUrl('https://u.example/r/status/3-suspension.jwt', 17)).toBe('https://u.example/r/status/3-suspension/17.jwt')
    expect(statusNoticeUrl('https://u.example/lists/rev.jwt', 1)).toBeUndefined()
    expect(statusNoticePath(2, 'suspension', 5)).toBe('status/2-suspension/5.jwt')
    expect(statusNoticePath(0, 'revocation', 9)).toBe('status/0/9.jwt')
  })

  it('adds the reason and date of a valid notice to the failed status check', async () => {
    const check = await checkCredentialStatus(credential('urn:c:1', 1), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED', details: { reason: 'Issued in error', since } })
  })

  it('adds only the date when the issuer kept the reason private', async () => {
    const check = await checkCredentialStatus(credential('urn:c:2', 2), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED', details: { since } })
    expect(check.details).not.toHaveProperty('reason')
  })

  it('reads the suspension notice beside the suspension companion list', async () => {
    const check = await checkCredentialStatus(credential('urn:c:20', 20), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED', details: { reason: 'Under review', since } })
  })

  it.each([
    ['signed by someone else', 3, 'urn:c:3'],
    ['about another credential', 4, 'urn:c:4'],
    ['about another index', 5, 'urn:c:5'],
    ['not a JWT', 6, 'urn:c:6'],
    ['for another purpose', 7, 'urn:c:7'],
  ])('ignores a notice %s: still revoked, with no reason', async (_name, index, id) => {
    const check = await checkCredentialStatus(credential(id, index), context())
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(check.details).not.toHaveProperty('reason')
    expect(check.details).not.toHaveProperty('since')
  })

  it('stays revoked with no reason when the notice cannot be fetched', async () => {
    let calls = 0
    const failingNotices: typeof fetch = (input, init) => {
      calls++
      return String(input).includes('/status/0/') ? Promise.reject(new Error('offline')) : globalThis.fetch(input, init)
    }
    const check = await checkCredentialStatus(credential('urn:c:1', 1), context({ fetch: failingNotices }))
    expect(check).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    expect(check.details).not.toHaveProperty('reason')
    expect(calls).toBeGreaterThan(0)
  })

  it('never fetches a notice for a credential whose bit is clear', async () => {
    const urls: string[] = []
    const spy: typeof fetch = (input, init) => {
      urls.push(String(input))
      return globalThis.fetch(input, init)
    }
    const check = await checkCredentialStatus(credential('urn:c:30', 30), context({ fetch: spy }))
    expect(check).toMatchObject({ outcome: 'passed' })
    expect(urls.some((u) => u.includes('/status/0/'))).toBe(false)
  })
})
