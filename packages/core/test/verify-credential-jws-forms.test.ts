// VC-JWTs as other issuers write them (issue 10): RS256 / PS256, an embedded `jwk` that must be one of the issuer's
// authorised keys, no `kid` (the issuer DID's assertion keys, at most 8), a bare `kid` (a JWK thumbprint), an https
// issuer whose profile lists its keys. Real keys, real signatures, did:web documents over real HTTP on 127.0.0.1.
import { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey as JoseKey } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import type { VerificationResult, VerifyOptions } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { CREDENTIAL_ID, NOW, deterministicInput } from './helpers.js'
import { fixtureServer, type FixtureServer } from './http-fixtures.js'

let server: FixtureServer
let did: string
const keys: Record<string, { privateKey: JoseKey; publicJwk: JsonWebKey }> = {}

const options = (extra: VerifyOptions = {}): VerifyOptions => ({ now: NOW, allowInsecureLocalhost: true, cache: false, ...extra })
const check = (result: VerificationResult, id: string) => result.checks.find((c) => c.id === id)!

async function keyPair(alg: string, extra: Record<string, unknown> = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...extra })
  return { privateKey, publicJwk: await exportJWK(publicKey) }
}

/** Publishes the did:web document of `did` with these methods and assertion keys. */
function publish(methods: Record<string, unknown>[], assertion = methods.map((m) => String(m['id']))) {
  const path = `/${did.split(':').slice(3).join('/')}/did.json`
  server.files.set(path, { body: JSON.stringify({ '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'], id: did, verificationMethod: methods, assertionMethod: assertion }), type: 'application/did+json' })
}

const method = (fragment: string, publicJwk: JsonWebKey, type = 'JsonWebKey2020') => ({ id: `${did}#${fragment}`, type, controller: did, publicKeyJwk: publicJwk })

/** The sample micro-credential of `issuer`, signed as a compact JWS with exactly this header. */
async function sign(header: Record<string, unknown>, privateKey: JoseKey, issuer = did): Promise<string> {
  const input = deterministicInput()
  input.issuer.id = did
  const credential = buildCredential(input, { id: CREDENTIAL_ID, now: NOW }) as unknown as Record<string, unknown>
  // buildCredential issues for DIDs only; other issuers also name themselves by an https URL.
  credential['issuer'] = { ...(credential['issuer'] as object), id: issuer }
  const payload = { ...credential, iss: issuer, jti: credential['id'], nbf: Date.parse(String(credential['validFrom'])) / 1000 }
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(privateKey)
}

beforeAll(async () => {
  server = await fixtureServer()
  did = `did:web:${server.didHost}:issuer`
  keys['rsa'] = await keyPair('RS256', { modulusLength: 2048 })
  keys['rsa2'] = await keyPair('PS256', { modulusLength: 3072 })
  keys['rsaOther'] = await keyPair('RS256', { modulusLength: 2048 })
  keys['rsaWeak'] = await keyPair('RS256', { modulusLength: 1024 }).catch(async () => keyPair('RS256'))
  keys['p256'] = await keyPair('ES256')
  keys['other'] = await keyPair('ES256')
})

afterAll(() => server.close())

describe('RSA: RS256 and PS256 (Open Badges 3.0 requires RS256)', () => {
  it('verifies an RS256 micro-credential whose kid names an RSA key of the issuer\'s did:web document', async () => {
    publish([method('rsa', keys['rsa']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'RS256', kid: `${did}#rsa`, typ: 'JWT' }, keys['rsa']!.privateKey), options())
    expect(result).toMatchObject({ status: 'verified', issuer: { confirmedBy: 'domain' } })
    expect(check(result, 'signature').message).toContain('#rsa')
  })

  it('verifies PS256 (RSA-PSS) with a 3072-bit key', async () => {
    publish([method('pss', keys['rsa2']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'PS256', kid: `${did}#pss` }, keys['rsa2']!.privateKey), options())
    expect(result.status).toBe('verified')
  })

  it('fails an RS256 token whose RSA key is shorter than 2048 bits (ERR_KEY_INVALID)', async () => {
    publish([method('weak', keys['rsaWeak']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'RS256', kid: `${did}#weak` }, keys['rsaWeak']!.privateKey), options())
    if ((keys['rsaWeak']!.publicJwk.n ?? '').length >= 342) return expect(result.status).toBe('verified') // the runtime refused to make a weak key
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_INVALID' } })
  })

  it('fails an RS256 token signed by another RSA key (ERR_SIGNATURE_INVALID)', async () => {
    publish([method('rsa', keys['rsa']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'RS256', kid: `${did}#rsa` }, keys['rsaOther']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_SIGNATURE_INVALID' } })
  })

  it('fails an RS256 header over an EC key (ERR_KEY_INVALID): the header lies about the key', async () => {
    publish([method('p256', keys['p256']!.publicJwk)])
    const token = await sign({ alg: 'ES256', kid: `${did}#p256` }, keys['p256']!.privateKey)
    const [, payload, signature] = token.split('.') as [string, string, string]
    const lying = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: `${did}#p256` })).toString('base64url')}.${payload}.${signature}`
    expect(await verifyCredential(lying, options())).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_INVALID' } })
  })
})

describe('an embedded jwk header: accepted only when the issuer\'s document authorises that very key', () => {
  it('verifies a token whose jwk is the issuer\'s published RSA key (RFC 7638 thumbprint match), with or without a kid', async () => {
    publish([method('rsa', keys['rsa']!.publicJwk), method('p256', keys['p256']!.publicJwk)])
    for (const header of [{ alg: 'RS256', typ: 'JWT', jwk: keys['rsa']!.publicJwk }, { alg: 'RS256', kid: `${did}#rsa`, jwk: keys['rsa']!.publicJwk }]) {
      const result = await verifyCredential(await sign(header, keys['rsa']!.privateKey), options())
      expect(result.status, JSON.stringify(header).slice(0, 60)).toBe('verified')
      expect(check(result, 'signature').message).toContain('#rsa')
    }
  })

  it('fails a jwk the issuer does not publish (ERR_KEY_NOT_FOUND), however well it signed', async () => {
    publish([method('p256', keys['p256']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'ES256', jwk: keys['other']!.publicJwk }, keys['other']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_NOT_FOUND' } })
  })

  it('fails a jwk the issuer lists but not for issuing (ERR_KEY_NOT_AUTHORIZED), with a message that says so, not "altered"', async () => {
    publish([method('p256', keys['p256']!.publicJwk), method('auth', keys['other']!.publicJwk)], [`${did}#p256`])
    const result = await verifyCredential(await sign({ alg: 'ES256', jwk: keys['other']!.publicJwk }, keys['other']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_NOT_AUTHORIZED' } })
    expect(check(result, 'signature').message).toMatch(/does not authorise the embedded key .* for issuing credentials/)
  })
})

describe('no kid: the assertion keys of the DID in iss, at most 8', () => {
  it('finds the key among several assertion keys of the issuer', async () => {
    publish([method('a', keys['other']!.publicJwk), method('rsa', keys['rsa']!.publicJwk), method('b', keys['p256']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'ES256', typ: 'JWT' }, keys['p256']!.privateKey), options())
    expect(result.status).toBe('verified')
    expect(check(result, 'signature').message).toContain('#b')
  })

  it('tries no more than 8 keys: a 9th key that signed it is not reached (ERR_SIGNATURE_INVALID)', async () => {
    const decoys = await Promise.all(Array.from({ length: 8 }, () => keyPair('ES256')))
    publish([...decoys.map((k, i) => method(`decoy-${i}`, k.publicJwk)), method('ninth', keys['p256']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'ES256' }, keys['p256']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_SIGNATURE_INVALID' } })
  })

  it('reports ERR_KEY_NOT_FOUND when the issuer has no assertion key for the algorithm', async () => {
    publish([method('p256', keys['p256']!.publicJwk)])
    const result = await verifyCredential(await sign({ alg: 'RS256' }, keys['rsa']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_NOT_FOUND' } })
  })
})

describe('a kid that is no DID URL', () => {
  it('finds a key by its RFC 7638 thumbprint (the VC-JOSE-COSE form) or a bare fragment', async () => {
    publish([method('p256', keys['p256']!.publicJwk)])
    const thumbprint = await calculateJwkThumbprint(keys['p256']!.publicJwk as Parameters<typeof calculateJwkThumbprint>[0])
    for (const kid of [thumbprint, 'p256', '#p256']) {
      const result = await verifyCredential(await sign({ alg: 'ES256', kid }, keys['p256']!.privateKey), options())
      expect(result.status, kid).toBe('verified')
    }
    const result = await verifyCredential(await sign({ alg: 'ES256', kid: 'no-such-key' }, keys['p256']!.privateKey), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_NOT_FOUND' } })
  })
})

describe('an https issuer whose profile lists its keys', () => {
  const profileUrl = () => `${server.origin}/issuers/uni`
  const profile = (methods: Record<string, unknown>[], assertion = methods.map((m) => String(m['id']))) =>
    server.files.set('/issuers/uni', {
      body: JSON.stringify({ '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/jwk/v1'], id: profileUrl(), type: ['Profile'], verificationMethod: methods, assertionMethod: assertion }),
      type: 'application/ld+json',
    })

  it('verifies a token of an https issuer (kid in its profile) and names the issuer by that address', async () => {
    profile([{ id: `${profileUrl()}#key-1`, type: 'JsonWebKey', controller: profileUrl(), publicKeyJwk: keys['p256']!.publicJwk }])
    const result = await verifyCredential(await sign({ alg: 'ES256', kid: `${profileUrl()}#key-1` }, keys['p256']!.privateKey, profileUrl()), options())
    expect(result).toMatchObject({ status: 'verified', issuer: { id: profileUrl(), domain: `127.0.0.1:${new URL(profileUrl()).port}/issuers/uni`, confirmedBy: 'domain' } })
    expect(server.requests).toContain('/issuers/uni')
  })

  it('fails a key the profile lists but not for issuing (ERR_KEY_NOT_AUTHORIZED)', async () => {
    profile([{ id: `${profileUrl()}#key-1`, type: 'JsonWebKey', controller: profileUrl(), publicKeyJwk: keys['p256']!.publicJwk }], [])
    const result = await verifyCredential(await sign({ alg: 'ES256', kid: `${profileUrl()}#key-1` }, keys['p256']!.privateKey, profileUrl()), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_KEY_NOT_AUTHORIZED' } })
  })

  it('reports a profile that names itself otherwise as ERR_DID_DOCUMENT_INVALID', async () => {
    server.files.set('/issuers/uni', { body: JSON.stringify({ id: 'https://evil.example/issuer', verificationMethod: [] }), type: 'application/json' })
    const result = await verifyCredential(await sign({ alg: 'ES256', kid: `${profileUrl()}#key-1` }, keys['p256']!.privateKey, profileUrl()), options())
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_DID_DOCUMENT_INVALID' } })
  })

  it('reports a profile answered by a web page as "could not check" (ERR_DID_UNREACHABLE), and an http profile without opt-in as ERR_DID_INSECURE', async () => {
    server.files.set('/issuers/uni', { body: '<!doctype html><title>Example University</title>', type: 'text/html' })
    const token = await sign({ alg: 'ES256', kid: `${profileUrl()}#key-1` }, keys['p256']!.privateKey, profileUrl())
    expect(await verifyCredential(token, options())).toMatchObject({ status: 'unknown', reason: { check: 'signature', code: 'ERR_DID_UNREACHABLE' } })
    expect(await verifyCredential(token, { ...options(), allowInsecureLocalhost: false })).toMatchObject({ status: 'unknown', reason: { check: 'signature', code: 'ERR_DID_INSECURE' } })
  })

  it('keeps a profile larger than 256 KiB out (ERR_DID_DOCUMENT_INVALID)', async () => {
    server.files.set('/issuers/uni', { body: JSON.stringify({ id: profileUrl(), padding: 'x'.repeat(300 * 1024) }), type: 'application/json' })
    const token = await sign({ alg: 'ES256', kid: `${profileUrl()}#key-1` }, keys['p256']!.privateKey, profileUrl())
    expect(await verifyCredential(token, options())).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_DID_DOCUMENT_INVALID' } })
  })
})
