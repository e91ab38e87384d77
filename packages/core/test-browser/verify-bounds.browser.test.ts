// Issue 9, case 6 in Chromium: bounded work per verification. Lists are served over real HTTP by the fixture host of
// web-test-runner.config.mjs. Memory is measured with performance.measureUserAgentSpecificMemory() (the page is
// cross-origin isolated), sampled while the verification runs; the bound is generous (50 MB) and no time is measured.
import { expect } from '@open-wc/testing'
import {
  buildCredential,
  buildStatusListCredential,
  createMemoryCache,
  createSigner,
  generateKeyPair,
  signCredential,
  signJwt,
  verifyCredential,
  type Signer,
  type VerificationResult,
} from '../src/index.js'

const MiB = 1024 * 1024
const NOW = new Date('2026-11-29T12:00:00Z')
const input = (await (await fetch(new URL('../test/vectors/micro-credential-input.json', import.meta.url))).json()) as Record<string, unknown>

interface Party {
  did: string
  signer: Signer
}

async function party(): Promise<Party> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = `did:jwk:${btoa(JSON.stringify(publicJwk)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#0` }) }
}

/** `u` + base64url of the GZIP of `bytes` zero bytes, compressed from 1 MiB chunks (the test never holds them all). */
async function zeroList(bytes: number): Promise<string> {
  let left = bytes
  const zeros = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close()
      const chunk = new Uint8Array(Math.min(MiB, left))
      left -= chunk.length
      controller.enqueue(chunk)
    },
  })
  const gz = new Uint8Array(await new Response(zeros.pipeThrough(new CompressionStream('gzip'))).arrayBuffer())
  let binary = ''
  for (const byte of gz) binary += String.fromCharCode(byte)
  return `u${btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`
}

async function put(path: string, body: string): Promise<string> {
  const response = await fetch(path, { method: 'PUT', body })
  expect(response.status).to.equal(204)
  return `${location.origin}${path}`
}

async function publishList(issuer: Party, path: string, encodedList: string, purpose = 'revocation'): Promise<string> {
  const url = `${location.origin}${path}`
  const list = buildStatusListCredential({ id: url, issuer: issuer.did, purpose, encodedList, validFrom: '2026-11-01T00:00:00Z' })
  return put(path, await signJwt({ ...list, iss: issuer.did }, issuer.signer))
}

function entry(url: string, index: number): Record<string, unknown> {
  return { id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: url }
}

async function credentialOf(issuer: Party, credentialStatus: unknown): Promise<string> {
  const credential = buildCredential({ ...input, issuer: { ...(input['issuer'] as object), id: issuer.did } } as never, { now: NOW }) as unknown as Record<string, unknown>
  credential['credentialStatus'] = credentialStatus
  return signCredential(credential, issuer.signer)
}

/** Runs `work`, measuring the page's memory until it is done; resolves with the largest rise over the level before. */
async function peakMemory<T>(work: () => Promise<T>): Promise<{ value: T; extraBytes: number }> {
  const measure = async () => (await (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ bytes: number }> }).measureUserAgentSpecificMemory()).bytes
  expect(crossOriginIsolated, 'the page must be cross-origin isolated to measure memory').to.equal(true)
  const before = await measure()
  let done = false
  let peak = before
  const sampling = (async () => {
    while (!done) peak = Math.max(peak, await measure())
  })()
  try {
    const value = await work()
    return { value, extraBytes: Math.max(peak, await measure()) - before }
  } finally {
    done = true
    await sampling
  }
}

const statusOf = (result: VerificationResult) => result.checks.find((c) => c.id === 'status')!

describe('case 6 in Chromium: bounded work per verification', () => {
  let issuer: Party
  let huge: string

  before(async () => {
    issuer = await party()
    const sixteen = await zeroList(16 * MiB)
    huge = await publishList(issuer, '/fx/big/status/1.jwt', sixteen)
    await publishList(issuer, '/fx/big/status/1-suspension.jwt', sixteen, 'suspension')
    await verifyCredential(await credentialOf(issuer, undefined), { now: NOW, trustedIssuers: [issuer.did] })
  })

  const options = (fetchSpy: typeof fetch) => ({
    now: NOW,
    allowInsecureLocalhost: true,
    trustedIssuers: [issuer.did],
    cache: createMemoryCache(),
    fetch: fetchSpy,
  })

  it('refuses a credential with 2,000 status entries pointing at 16 MiB lists before any request (ERR_STATUS_TOO_MANY)', async () => {
    const requests: string[] = []
    const spy: typeof fetch = (url, init) => {
      requests.push(String(url))
      return fetch(url, init)
    }
    const credential = await credentialOf(issuer, Array.from({ length: 2000 }, (_, i) => entry(huge, i)))
    const { value: result, extraBytes } = await peakMemory(() => verifyCredential(credential, options(spy)))
    expect(result.status).to.equal('failed')
    expect(result.reason).to.deep.equal({ check: 'status', code: 'ERR_STATUS_TOO_MANY' })
    expect(requests).to.deep.equal([])
    expect(extraBytes).to.be.below(50 * 1000 * 1000)
  })

  it('stops inflating lists past 16 Mi entries: a credential at 16 MiB lists ends "could not check" with bounded memory', async () => {
    const requests: string[] = []
    const spy: typeof fetch = (url, init) => {
      requests.push(new URL(String(url)).pathname)
      return fetch(url, init)
    }
    const credential = await credentialOf(issuer, entry(huge, 7))
    const { value: result, extraBytes } = await peakMemory(() => verifyCredential(credential, options(spy)))
    expect(result.status).to.equal('unknown')
    expect(result.reason).to.deep.equal({ check: 'status', code: 'ERR_STATUS_LIST_INVALID' })
    expect(statusOf(result).details).to.include({ reason: 'too-large', maxBytes: 2 * MiB })
    expect(requests.sort()).to.deep.equal(['/fx/big/status/1-suspension.jwt', '/fx/big/status/1.jwt'])
    expect(extraBytes).to.be.below(50 * 1000 * 1000)
  })

  it("reports a spent byte budget with its code (ERR_FETCH_BUDGET_EXCEEDED)", async () => {
    const credential = await credentialOf(issuer, entry(huge, 7))
    const result = await verifyCredential(credential, { ...options(fetch), maxFetchBytes: 1024 })
    expect(result.status).to.equal('unknown')
    expect(result.reason).to.deep.equal({ check: 'status', code: 'ERR_FETCH_BUDGET_EXCEEDED' })
  })
})
