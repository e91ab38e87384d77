// The verdict an employer reads (issue 9): who vouches for the issuer (case 1), which problem headlines (case 2),
// what "could not check" may show (case 3), and formats that cannot be checked here (case 9). Real HTTP on 127.0.0.1.
import { CompactSign, base64url, exportJWK, generateKeyPair as joseKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDidWebDocument } from '../src/create-did-web-document.js'
import { createSigner } from '../src/create-signer.js'
import { generateKeyPair } from '../src/generate-key-pair.js'
import { createMemoryCache } from '../src/lib/cache.js'
import { encodeBase58 } from '../src/lib/base58.js'
import type { VerificationResult, VerifyOptions } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { NOW } from './helpers.js'
import { fixtureServer, jwkParty, signedCredential, signedStatusList, status, statusEntry, webPage, type FixtureServer, type Party } from './http-fixtures.js'

let server: FixtureServer
let web: Party
let forger: Party

const REAL_NAME = 'Univerzita Karlova'

beforeAll(async () => {
  server = await fixtureServer()
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = `did:web:${server.didHost}:uni`
  web = { did, signer: await createSigner(privateJwk, { kid: `${did}#key-1` }), publicJwk }
  server.files.set('/uni/did.json', { body: JSON.stringify(createDidWebDocument({ did, keys: [{ id: 'key-1', publicJwk }] })), type: 'application/did+json' })
  forger = await jwkParty()
})

afterAll(() => server.close())

const options = (extra: VerifyOptions = {}): VerifyOptions => ({ now: NOW, allowInsecureLocalhost: true, cache: createMemoryCache(), timeout: 2000, ...extra })
const check = (result: VerificationResult, id: string) => result.checks.find((c) => c.id === id)!

/** A did:key issuer (Ed25519): the multicodec key itself, base58btc. */
async function keyParty(): Promise<Party> {
  const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
  const raw = base64url.decode(publicJwk.x!)
  const did = `did:key:z${encodeBase58(new Uint8Array([0xed, 0x01, ...raw]))}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#${did.slice('did:key:'.length)}` }), publicJwk }
}

describe('case 1: verified needs an issuer identity confirmed from outside the credential', () => {
  it('never calls a self-signed did:jwk credential that copies a real university name verified (ERR_ISSUER_UNCONFIRMED)', async () => {
    const result = await verifyCredential(await signedCredential(forger, { name: REAL_NAME }), options())
    expect(result.verified).toBe(false)
    expect(result.status).toBe('warning')
    expect(check(result, 'trust')).toMatchObject({ outcome: 'warning', code: 'ERR_ISSUER_UNCONFIRMED' })
    expect(result.reason).toEqual({ check: 'trust', code: 'ERR_ISSUER_UNCONFIRMED' })
    expect(result.issuer).toEqual({ id: forger.did, name: REAL_NAME, country: 'CZ', trusted: false })
    expect(check(result, 'issuer').message).not.toMatch(/confirm/i)
  })

  it('never calls a self-signed did:key credential verified either', async () => {
    const party = await keyParty()
    const result = await verifyCredential(await signedCredential(party, { name: REAL_NAME }), options())
    expect(result.status).toBe('warning')
    expect(result.reason).toEqual({ check: 'trust', code: 'ERR_ISSUER_UNCONFIRMED' })
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'passed', details: { method: 'key', selfDescribing: true } })
  })

  it('verifies a did:web issuer without trust configured and names the domain that publishes its keys', async () => {
    const result = await verifyCredential(await signedCredential(web, { name: REAL_NAME }), options())
    expect(result.status).toBe('verified')
    expect(result.issuer).toMatchObject({ id: web.did, trusted: false, domain: `127.0.0.1:${server.didHost.split('%3A')[1]}/uni`, confirmedBy: 'domain' })
    expect(check(result, 'trust')).toMatchObject({ outcome: 'skipped', details: { confirmedBy: 'domain' } })
    expect(check(result, 'issuer')).toMatchObject({ outcome: 'passed', details: { method: 'web', domain: result.issuer!.domain } })
  })

  it('verifies a did:jwk issuer the verifier trusts, and says what confirmed it', async () => {
    const jwt = await signedCredential(forger)
    expect((await verifyCredential(jwt, options({ trustedIssuers: [forger.did] }))).issuer).toMatchObject({ trusted: true, confirmedBy: 'trusted-issuers' })
    const listed = await verifyCredential(jwt, options({ trustList: { issuers: [{ id: forger.did, name: 'Listed Academy' }] } }))
    expect(listed).toMatchObject({ status: 'verified', issuer: { trusted: true, confirmedBy: 'trust-list', name: 'Listed Academy' } })
  })

  it('verifies against a key the verifier supplied (confirmedBy "key")', async () => {
    const result = await verifyCredential(await signedCredential(forger), options({ key: forger.publicJwk }))
    expect(result).toMatchObject({ status: 'verified', issuer: { confirmedBy: 'key' } })
  })

  it('reports an untrusted did:web issuer as a warning when trust is configured, naming its domain', async () => {
    const result = await verifyCredential(await signedCredential(web), options({ trustedIssuers: [forger.did] }))
    expect(result).toMatchObject({ status: 'warning', reason: { check: 'trust', code: 'ERR_ISSUER_UNTRUSTED' } })
    expect(result.issuer).toMatchObject({ trusted: false, domain: expect.stringContaining('/uni') })
    expect(result.issuer?.confirmedBy).toBeUndefined()
  })
})

describe('case 2: the headline is chosen by severity (failed > unknown > untrusted > other warnings)', () => {
  const list = () => `${server.origin}/sev/status/1.jwt`
  beforeAll(async () => {
    server.files.set('/sev/status/1.jwt', { body: await signedStatusList(forger, list(), { set: [9] }), type: 'application/vc+jwt' })
    server.files.set('/sev/status/1-suspension.jwt', { body: await signedStatusList(forger, `${server.origin}/sev/status/1-suspension.jwt`, { purpose: 'suspension' }), type: 'application/vc+jwt' })
    server.routes.set('/sev/slow/1.jwt', () => {}) // never answers
  })
  const untrusted = { trustedIssuers: ['did:web:someone-else.example'] }

  it('untrusted > EU elements missing', async () => {
    const result = await verifyCredential(await signedCredential(forger, { withoutEuElements: true }), options(untrusted))
    expect(check(result, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_EU_ELEMENTS_MISSING' })
    expect(result).toMatchObject({ status: 'warning', reason: { check: 'trust', code: 'ERR_ISSUER_UNTRUSTED' } })
  })

  it('unconfirmed > legacy format', async () => {
    const legacy = await (async () => {
      const { validFrom, ...credential } = JSON.parse(new TextDecoder().decode(base64url.decode((await signedCredential(forger)).split('.')[1]!))) as Record<string, unknown>
      for (const claim of ['iss', 'jti', 'sub', 'nbf', 'exp']) delete credential[claim]
      const context = credential['@context'] as unknown[]
      const vc = { ...credential, '@context': ['https://www.w3.org/2018/credentials/v1', ...context.slice(1)], issuanceDate: validFrom }
      const { signJwt } = await import('../src/sign-jwt.js')
      return signJwt({ iss: forger.did, nbf: Date.parse(String(validFrom)) / 1000, vc }, forger.signer)
    })()
    const result = await verifyCredential(legacy, options())
    expect(check(result, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_LEGACY' })
    expect(result).toMatchObject({ status: 'warning', reason: { check: 'trust', code: 'ERR_ISSUER_UNCONFIRMED' } })
  })

  it('untrusted > expired, and expired > EU elements missing', async () => {
    const expired = { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' }
    expect(await verifyCredential(await signedCredential(forger, expired), options(untrusted))).toMatchObject({
      status: 'warning',
      reason: { check: 'trust', code: 'ERR_ISSUER_UNTRUSTED' },
    })
    expect(await verifyCredential(await signedCredential(forger, { ...expired, withoutEuElements: true }), options({ trustedIssuers: [forger.did] }))).toMatchObject({
      status: 'warning',
      reason: { check: 'validity', code: 'ERR_CREDENTIAL_EXPIRED' },
    })
  })

  it('unknown > untrusted: a slow status list is "could not check", and the issuer is still reported untrusted', async () => {
    const jwt = await signedCredential(forger, { credentialStatus: statusEntry(`${server.origin}/sev/slow/1.jwt`, 3) })
    const result = await verifyCredential(jwt, options({ ...untrusted, timeout: 300 }))
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
    expect(check(result, 'trust')).toMatchObject({ outcome: 'warning', code: 'ERR_ISSUER_UNTRUSTED' })
  })

  it('unknown > other warnings', async () => {
    const jwt = await signedCredential(forger, { withoutEuElements: true, credentialStatus: statusEntry(`${server.origin}/sev/slow/1.jwt`, 3) })
    const result = await verifyCredential(jwt, options({ trustedIssuers: [forger.did], timeout: 300 }))
    expect(result).toMatchObject({ status: 'unknown', reason: { check: 'status', code: 'ERR_STATUS_UNREACHABLE' } })
  })

  it('failed > unknown, failed > untrusted, failed > other warnings: a revoked credential is revoked', async () => {
    const jwt = await signedCredential(forger, { withoutEuElements: true, credentialStatus: statusEntry(list(), 9) })
    const unreachableTrustList = await verifyCredential(jwt, options({ trustList: `${server.origin}/nothing/trust.json` }))
    expect(check(unreachableTrustList, 'trust').outcome).toBe('unknown')
    expect(unreachableTrustList).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_CREDENTIAL_REVOKED' } })
    const notTrusted = await verifyCredential(jwt, options(untrusted))
    expect(notTrusted).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_CREDENTIAL_REVOKED' } })
  })
})

describe('case 3: "could not check" shows nothing the signature did not vouch for', () => {
  beforeAll(() => {
    server.routes.set('/down/did.json', status(503))
    server.routes.set('/portal/did.json', webPage)
    server.routes.set('/gone/did.json', status(410))
    server.routes.set('/down-too/did.json', status(503))
  })

  async function credentialOf(path: string): Promise<{ jwt: string; did: string }> {
    const did = `did:web:${server.didHost}:${path}`
    const { privateJwk } = await generateKeyPair('ES256')
    const party = { did, signer: await createSigner(privateJwk, { kid: `${did}#key-1` }), publicJwk: {} }
    return { jwt: await signedCredential(party, { name: REAL_NAME }), did }
  }

  it('reports issuer and trust as unknown, runs no content check, and returns the content only as unverified', async () => {
    const { jwt, did } = await credentialOf('down')
    const result = await verifyCredential(jwt, options({ trustedIssuers: [did] }))
    expect(result.status).toBe('unknown')
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'passed'],
      ['signature', 'unknown'],
      ['issuer', 'unknown'],
      ['schema', 'skipped'],
      ['trust', 'unknown'],
      ['validity', 'skipped'],
      ['status', 'skipped'],
    ])
    expect(check(result, 'signature')).toMatchObject({ code: 'ERR_DID_UNREACHABLE', details: { status: 503 } })
    expect(result.credential).toBeUndefined()
    expect(result.issuer).toBeUndefined()
    expect(result.unverifiedCredential).toMatchObject({ issuer: { id: did, name: REAL_NAME } })
  })

  it('reports a DID document that answers 404 or 410, or a did:web path that does not exist, as failed (ERR_DID_NOT_FOUND)', async () => {
    for (const path of ['gone', 'no-such-path']) {
      const { jwt } = await credentialOf(path)
      const result = await verifyCredential(jwt, options())
      expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_DID_NOT_FOUND' } })
    }
  })

  it('keeps timeouts, 5xx, network errors and a captive-portal page "could not check"', async () => {
    server.routes.set('/silent/did.json', () => {})
    for (const path of ['down', 'portal', 'silent']) {
      const { jwt } = await credentialOf(path)
      const result = await verifyCredential(jwt, options({ timeout: 300 }))
      expect(result, path).toMatchObject({ status: 'unknown', reason: { check: 'signature', code: 'ERR_DID_UNREACHABLE' } })
    }
    // A network error: the fetch goes to a port nothing listens on.
    const { jwt } = await credentialOf('uni')
    const result = await verifyCredential(jwt, options({ fetch: () => fetch('http://127.0.0.1:1/') }))
    expect(result).toMatchObject({ status: 'unknown', reason: { code: 'ERR_DID_UNREACHABLE' } })
  })

  it('still fails a token whose key names another DID than its issuer, even when no key can be fetched', async () => {
    const { jwt } = await credentialOf('down')
    const [header, payload, signature] = jwt.split('.') as [string, string, string]
    const other = base64url.encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(header))), kid: `did:web:${server.didHost}:down-too#key-1` }))
    const result = await verifyCredential(`${other}.${payload}.${signature}`, options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'issuer', code: 'ERR_ISSUER_MISMATCH' } })
  })
})

describe('case 9: a format microcert cannot check is "unsupported", never "forged"', () => {
  const expectUnsupported = (result: VerificationResult) => {
    expect(result).toMatchObject({ status: 'unknown', verified: false, reason: { check: 'signature', code: 'ERR_PROOF_UNSUPPORTED' } })
    expect(result.checks.some((c) => c.outcome === 'failed')).toBe(false)
    expect(result.credential).toBeUndefined()
  }

  it('reports an embedded proof of an unknown cryptosuite as ERR_PROOF_UNSUPPORTED, with its content unverified', async () => {
    const jwt = await signedCredential(web)
    const credential = JSON.parse(new TextDecoder().decode(base64url.decode(jwt.split('.')[1]!))) as Record<string, unknown>
    const withProof = { ...credential, proof: { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023', proofPurpose: 'assertionMethod', proofValue: 'u2V0BhVhA' } }
    const result = await verifyCredential(withProof, options())
    expectUnsupported(result)
    expect(check(result, 'format')).toMatchObject({ outcome: 'passed', details: { format: 'data-integrity' } })
    expect(check(result, 'signature').message).toMatch(/DataIntegrityProof\/bbs-2023/)
    expect(result.unverifiedCredential).toMatchObject({ issuer: { id: web.did } })
  })

  it('hands an SD-JWT (compact, or enveloped) to the SD-JWT VC verifier: a plain JWT with disclosures is no SD-JWT VC', async () => {
    const jwt = await signedCredential(web)
    for (const input of [`${jwt}~WyJzYWx0IiwibmFtZSIsIkphbmEiXQ~`, { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+sd-jwt,${jwt}~` }]) {
      const result = await verifyCredential(input, options())
      expect(result).toMatchObject({ status: 'failed', reason: { check: 'format', code: 'ERR_JWT_TYPE_UNSUPPORTED' } })
      expect(result.checks.map((c) => c.id)).toEqual(['format', 'signature', 'holder', 'issuer', 'schema', 'trust', 'validity', 'status'])
    }
  })

  it('reports a registered algorithm outside the allow-list (ES384, ES512) as ERR_PROOF_UNSUPPORTED when the issuer key fits it', async () => {
    for (const alg of ['ES384', 'ES512']) {
      const { privateKey, publicKey } = await joseKeyPair(alg, { extractable: true })
      const did = `did:jwk:${base64url.encode(JSON.stringify(await exportJWK(publicKey)))}`
      const payload = new TextEncoder().encode(JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did }))
      const jws = await new CompactSign(payload).setProtectedHeader({ alg, kid: `${did}#0`, typ: 'JWT' }).sign(privateKey)
      expectUnsupported(await verifyCredential(jws, options()))
    }
  })

  it('reports such an algorithm as forged when the issuer key could not have signed with it (ERR_KEY_INVALID)', async () => {
    const jwt = await signedCredential(web)
    const [, payload, signature] = jwt.split('.') as [string, string, string]
    const header = base64url.encode(JSON.stringify({ alg: 'RS256', kid: `${web.did}#key-1`, typ: 'JWT' }))
    const result = await verifyCredential(`${header}.${payload}.${signature}`, options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_INVALID' } })
  })

  it('keeps alg "none", HMAC and made-up algorithms forged (ERR_ALGORITHM_UNSUPPORTED)', async () => {
    const jwt = await signedCredential(web)
    const [, payload, signature] = jwt.split('.') as [string, string, string]
    for (const alg of ['none', 'HS256', 'HS512', 'ES999']) {
      const header = base64url.encode(JSON.stringify({ alg, kid: `${web.did}#key-1`, typ: 'JWT' }))
      const result = await verifyCredential(`${header}.${payload}.${alg === 'none' ? '' : signature}`, options())
      expect(result, alg).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_ALGORITHM_UNSUPPORTED' } })
    }
  })
})
