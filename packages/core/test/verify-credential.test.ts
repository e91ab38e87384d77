import { CompactSign, base64url, importJWK } from 'jose'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import { createSigner } from '../src/create-signer.js'
import { signCredential } from '../src/sign-credential.js'
import { signJwt } from '../src/sign-jwt.js'
import type { VerificationResult, VerifyOptions } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { CREDENTIAL_ID, ISSUER, NOW, OTHER, deterministicInput, issuerDocument, keys, signers, staticResolver } from './helpers.js'
import golden from './vectors/golden.json' with { type: 'json' }

const options = (extra: VerifyOptions = {}): VerifyOptions => ({ resolver: staticResolver(), now: NOW, ...extra })
const enc = (value: unknown) => base64url.encode(JSON.stringify(value))
const parts = (jwt: string) => jwt.split('.') as [string, string, string]
const payloadOf = (jwt: string) => JSON.parse(new TextDecoder().decode(base64url.decode(parts(jwt)[1]))) as Record<string, unknown>
const headerOf = (jwt: string) => JSON.parse(new TextDecoder().decode(base64url.decode(parts(jwt)[0]))) as Record<string, unknown>

function check(result: VerificationResult, id: string) {
  return result.checks.find((c) => c.id === id)!
}

/** Asserts a failed verification whose one failing/unknown check carries `code`. */
function expectFailure(result: VerificationResult, code: string, checkId?: string) {
  expect(result.verified).toBe(false)
  expect(result.status).toBe('failed')
  const failing = result.checks.filter((c) => c.outcome === 'failed')
  expect(failing.map((c) => c.code)).toEqual([code])
  if (checkId !== undefined) expect(failing[0]!.id).toBe(checkId)
  expect(result.checks.map((c) => c.id)).toEqual(['format', 'signature', 'issuer', 'schema', 'trust', 'validity', 'status'])
}

/** Signs arbitrary header + payload bytes with an issuer key, bypassing our own header rules. */
async function rawSign(header: Record<string, unknown>, payload: string | Uint8Array, privateJwk: JsonWebKey, alg: 'EdDSA' | 'ES256' = 'EdDSA') {
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  return new CompactSign(bytes).setProtectedHeader(header as { alg: string }).sign(await importJWK(privateJwk, alg))
}

const edHeader = { alg: 'EdDSA', kid: `${ISSUER}#key-1`, typ: 'JWT' }

/** A VC 2.0 credential written the VC 1.1 way: the 2018 context, `issuanceDate` / `expirationDate`. */
function legacyForm(credential: Record<string, unknown>): Record<string, unknown> {
  const { validFrom, validUntil, id: _id, ...rest } = credential
  const context = rest['@context'] as unknown[]
  return {
    ...rest,
    '@context': ['https://www.w3.org/2018/credentials/v1', ...context.slice(1)],
    issuanceDate: validFrom,
    ...(validUntil === undefined ? {} : { expirationDate: validUntil }),
  }
}

describe('verifyCredential: golden vectors', () => {
  it('reproduces the EdDSA golden JWT byte for byte from the same input, key and clock', async () => {
    const credential = buildCredential(deterministicInput(), { id: golden.credentialId, schemaUrl: golden.schemaUrl })
    expect(credential).toEqual(golden.credential)
    expect(await signCredential(credential, await signers.ed())).toBe(golden.eddsaJwt)
  })

  for (const [name, jwt] of [['EdDSA', golden.eddsaJwt], ['ES256', golden.es256Jwt]] as const) {
    it(`verifies the ${name} golden JWT with every check passed`, async () => {
      const result = await verifyCredential(jwt, options({ trustedIssuers: [ISSUER] }))
      expect(result.status).toBe('verified')
      expect(result.verified).toBe(true)
      expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
        ['format', 'passed'],
        ['signature', 'passed'],
        ['issuer', 'passed'],
        ['schema', 'passed'],
        ['trust', 'passed'],
        ['validity', 'passed'],
        ['status', 'skipped'],
      ])
      expect(result.credential).toEqual(golden.credential)
      expect(result.issuer).toEqual({
        id: ISSUER,
        name: 'Univerzita Příkladová',
        country: 'CZ',
        trusted: true,
        domain: 'credentials.uni-example.cz',
        confirmedBy: 'trusted-issuers',
      })
      expect(result.reason).toBeUndefined()
      expect(result.certificateId).toBe('MC-7KQ4-9XJ2-PM3A-W8TD-K')
    })
  }

  it('writes the OB 3.0 VC-JWT header and claims (DESIGN §4)', () => {
    expect(headerOf(golden.eddsaJwt)).toEqual(edHeader)
    const payload = payloadOf(golden.eddsaJwt)
    expect(Object.keys(payload).slice(0, 4)).toEqual(['iss', 'jti', 'sub', 'nbf'])
    expect(payload).toMatchObject({
      iss: ISSUER,
      jti: CREDENTIAL_ID,
      sub: golden.credential.credentialSubject.id,
      nbf: Date.parse(golden.credential.validFrom) / 1000,
    })
    expect(payload['exp']).toBeUndefined()
  })

  it('accepts the JWT as bytes of a file, with a BOM and a trailing newline', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${golden.eddsaJwt}\n`)
    expect((await verifyCredential(bytes, options())).status).toBe('verified')
  })

  it('accepts a VC 2.0 EnvelopedVerifiableCredential', async () => {
    const enveloped = { '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${golden.es256Jwt}` }
    expect((await verifyCredential(enveloped, options())).status).toBe('verified')
  })

  it('verifies offline against a given public key (key option)', async () => {
    const result = await verifyCredential(golden.eddsaJwt, { now: NOW, key: keys.issuerEd25519.publicJwk })
    expect(result.status).toBe('verified')
    const wrong = await verifyCredential(golden.eddsaJwt, { now: NOW, key: keys.otherEd25519.publicJwk })
    expectFailure(wrong, 'ERR_SIGNATURE_INVALID', 'signature')
  })
})

describe('verifyCredential: one test per attack', () => {
  it('tampered payload → ERR_SIGNATURE_INVALID', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    ;(payload['credentialSubject'] as { creditsEarned: number }).creditsEarned = 30
    const [h, , s] = parts(golden.eddsaJwt)
    expectFailure(await verifyCredential(`${h}.${enc(payload)}.${s}`, options()), 'ERR_SIGNATURE_INVALID', 'signature')
  })

  it('tampered header → ERR_SIGNATURE_INVALID', async () => {
    const [, p, s] = parts(golden.eddsaJwt)
    expectFailure(await verifyCredential(`${enc({ ...edHeader, typ: 'vc+jwt' })}.${p}.${s}`, options()), 'ERR_SIGNATURE_INVALID', 'signature')
  })

  it("another issuer's signature under our kid → ERR_SIGNATURE_INVALID", async () => {
    const [h, p] = parts(golden.eddsaJwt)
    const forged = await rawSign(edHeader, payloadOfBytes(`${h}.${p}`), keys.otherEd25519.privateJwk)
    expectFailure(await verifyCredential(forged, options()), 'ERR_SIGNATURE_INVALID', 'signature')
  })

  it('kid of another DID (a valid signature by someone else) → ERR_ISSUER_MISMATCH', async () => {
    const forged = await rawSign({ ...edHeader, kid: `${OTHER}#key-1` }, JSON.stringify(payloadOf(golden.eddsaJwt)), keys.otherEd25519.privateJwk)
    const result = await verifyCredential(forged, options())
    expectFailure(result, 'ERR_ISSUER_MISMATCH', 'issuer')
    expect(check(result, 'signature').outcome).toBe('passed')
    expect(result.credential).toBeUndefined()
  })

  it('alg none → ERR_ALGORITHM_UNSUPPORTED', async () => {
    const [, p] = parts(golden.eddsaJwt)
    expectFailure(await verifyCredential(`${enc({ alg: 'none', typ: 'JWT' })}.${p}.`, options()), 'ERR_ALGORITHM_UNSUPPORTED', 'signature')
  })

  it('HS256 with the public key as the HMAC secret → ERR_ALGORITHM_UNSUPPORTED', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(keys.issuerEd25519.publicJwk))
    const [, p] = parts(golden.eddsaJwt)
    const forged = await new CompactSign(base64url.decode(p)).setProtectedHeader({ alg: 'HS256', kid: `${ISSUER}#key-1`, typ: 'JWT' }).sign(secret)
    expectFailure(await verifyCredential(forged, options()), 'ERR_ALGORITHM_UNSUPPORTED', 'signature')
  })

  it('embedded jwk header (attacker key) → ERR_KEY_NOT_FOUND: a jwk is never trusted on its own', async () => {
    const forged = await rawSign({ ...edHeader, jwk: keys.otherEd25519.publicJwk }, JSON.stringify(payloadOf(golden.eddsaJwt)), keys.otherEd25519.privateJwk)
    expectFailure(await verifyCredential(forged, options()), 'ERR_KEY_NOT_FOUND', 'signature')
    const { kid: _kid, ...noKid } = edHeader
    const withoutKid = await rawSign({ ...noKid, jwk: keys.otherEd25519.publicJwk }, JSON.stringify(payloadOf(golden.eddsaJwt)), keys.otherEd25519.privateJwk)
    expectFailure(await verifyCredential(withoutKid, options()), 'ERR_KEY_NOT_FOUND', 'signature')
  })

  it('embedded jwk header holding a private key → ERR_KEY_INVALID', async () => {
    const forged = await rawSign({ ...edHeader, jwk: keys.issuerEd25519.privateJwk }, JSON.stringify(payloadOf(golden.eddsaJwt)), keys.issuerEd25519.privateJwk)
    expectFailure(await verifyCredential(forged, options()), 'ERR_KEY_INVALID', 'signature')
  })

  it('unknown crit header → ERR_JWT_HEADER_FORBIDDEN', async () => {
    const forged = await rawSign({ ...edHeader, crit: ['exp'], exp: 1 }, JSON.stringify(payloadOf(golden.eddsaJwt)), keys.issuerEd25519.privateJwk).catch(
      // jose refuses to sign an unknown crit itself; build the token by hand then.
      async () => handSign({ ...edHeader, crit: ['urn:example:unknown'], 'urn:example:unknown': true }, JSON.stringify(payloadOf(golden.eddsaJwt))),
    )
    expectFailure(await verifyCredential(forged, options()), 'ERR_JWT_HEADER_FORBIDDEN', 'format')
  })

  it('iss different from issuer.id → ERR_ISSUER_MISMATCH', async () => {
    const payload = { ...payloadOf(golden.eddsaJwt), iss: OTHER }
    const jwt = await signJwt(payload, await signers.ed())
    expectFailure(await verifyCredential(jwt, options()), 'ERR_ISSUER_MISMATCH', 'issuer')
  })

  it('expired → status warning with ERR_CREDENTIAL_EXPIRED, verified false', async () => {
    const credential = buildCredential({ ...deterministicInput(), validUntil: '2026-06-30T00:00:00Z' }, { id: CREDENTIAL_ID })
    const jwt = await signCredential(credential, await signers.es())
    expect(payloadOf(jwt)['exp']).toBe(Date.parse('2026-06-30T00:00:00Z') / 1000)
    const result = await verifyCredential(jwt, options())
    expect(result.verified).toBe(false)
    expect(result.status).toBe('warning')
    expect(check(result, 'validity')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_EXPIRED' })
    expect(check(result, 'signature').outcome).toBe('passed')
    // within the clock tolerance it still passes
    expect((await verifyCredential(jwt, options({ now: new Date('2026-06-30T00:00:59Z') }))).status).toBe('verified')
  })

  it('not yet valid → ERR_CREDENTIAL_NOT_YET_VALID', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ now: new Date('2026-06-15T08:58:00Z') }))
    expectFailure(result, 'ERR_CREDENTIAL_NOT_YET_VALID', 'validity')
    expect((await verifyCredential(golden.eddsaJwt, options({ now: new Date('2026-06-15T08:59:30Z') }))).status).toBe('verified')
  })

  it('oversize token → ERR_INPUT_TOO_LARGE before anything is parsed', async () => {
    expectFailure(await verifyCredential(golden.eddsaJwt, options({ maxBytes: 1000 })), 'ERR_INPUT_TOO_LARGE', 'format')
    expectFailure(await verifyCredential(`${'a'.repeat(2 * 1024 * 1024)}.b.c`, options()), 'ERR_INPUT_TOO_LARGE', 'format')
  })

  it('invalid base64url → ERR_JWS_MALFORMED', async () => {
    const [h, p, s] = parts(golden.eddsaJwt)
    expectFailure(await verifyCredential(`${h}.${p.slice(0, 100)}+/${p.slice(102)}.${s}`, options()), 'ERR_JWS_MALFORMED', 'format')
    expectFailure(await verifyCredential(`${h}.${p}.${s.slice(0, -1)}*`, options()), 'ERR_JWS_MALFORMED', 'format')
    expectFailure(await verifyCredential(`${h}.${p}.${s}A`, options()), 'ERR_SIGNATURE_INVALID', 'signature')
  })

  it('non-JSON payload (correctly signed) → ERR_JWS_MALFORMED', async () => {
    const jwt = await rawSign(edHeader, 'this is not json', keys.issuerEd25519.privateJwk)
    expectFailure(await verifyCredential(jwt, options()), 'ERR_JWS_MALFORMED', 'format')
  })

  it('__proto__ in the payload (correctly signed) → ERR_JSON_MALFORMED', async () => {
    const json = JSON.stringify(payloadOf(golden.eddsaJwt)).replace('{', '{"__proto__":{"isAdmin":true},')
    const jwt = await rawSign(edHeader, json, keys.issuerEd25519.privateJwk)
    expectFailure(await verifyCredential(jwt, options()), 'ERR_JSON_MALFORMED', 'format')
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('deeply nested JSON (correctly signed) → ERR_JSON_MALFORMED', async () => {
    const json = JSON.stringify(payloadOf(golden.eddsaJwt)).replace('{', `{"deep":${'['.repeat(5000)}${']'.repeat(5000)},`)
    const jwt = await rawSign(edHeader, json, keys.issuerEd25519.privateJwk)
    expectFailure(await verifyCredential(jwt, options()), 'ERR_JSON_MALFORMED', 'format')
    expectFailure(await verifyCredential(`{"a":${'['.repeat(100_000)}`, options()), 'ERR_JSON_MALFORMED', 'format')
  })

  it('an unsupported typ → ERR_JWT_TYPE_UNSUPPORTED; vc+jwt and no typ are accepted', async () => {
    const payload = JSON.stringify(payloadOf(golden.eddsaJwt))
    expectFailure(await verifyCredential(await rawSign({ ...edHeader, typ: 'at+jwt' }, payload, keys.issuerEd25519.privateJwk), options()), 'ERR_JWT_TYPE_UNSUPPORTED', 'format')
    expect((await verifyCredential(await rawSign({ ...edHeader, typ: 'vc+jwt' }, payload, keys.issuerEd25519.privateJwk), options())).status).toBe('verified')
    const { typ: _typ, ...noTyp } = edHeader
    expect((await verifyCredential(await rawSign(noTyp, payload, keys.issuerEd25519.privateJwk), options())).status).toBe('verified')
  })

  it('a registered algorithm the caller did not allow → could not check (ERR_PROOF_UNSUPPORTED), not forged', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ algorithms: ['ES256'] }))
    expect(result.status).toBe('unknown')
    expect(check(result, 'signature')).toMatchObject({ outcome: 'unknown', code: 'ERR_PROOF_UNSUPPORTED' })
    expect(result.checks.some((c) => c.outcome === 'failed')).toBe(false)
  })

  it('a key removed from the DID document → ERR_KEY_NOT_FOUND', async () => {
    const doc = { ...(await staticResolver().resolve(ISSUER)) }
    doc.verificationMethod = doc.verificationMethod!.filter((m) => m.id !== `${ISSUER}#key-1`)
    doc.assertionMethod = [`${ISSUER}#key-2`]
    const result = await verifyCredential(golden.eddsaJwt, { now: NOW, resolver: staticResolver([doc]) })
    expectFailure(result, 'ERR_KEY_NOT_FOUND', 'signature')
  })

  it('a key the issuer lists but not for issuing (only authentication) → ERR_KEY_NOT_AUTHORIZED, not "altered"', async () => {
    const doc = { ...(await staticResolver().resolve(ISSUER)) }
    doc.assertionMethod = [`${ISSUER}#key-2`]
    doc.authentication = [`${ISSUER}#key-1`]
    const result = await verifyCredential(golden.eddsaJwt, { now: NOW, resolver: staticResolver([doc]) })
    expectFailure(result, 'ERR_KEY_NOT_AUTHORIZED', 'signature')
    expect(check(result, 'signature').message).toMatch(/does not authorise key .* for issuing credentials/)
    expect(check(result, 'signature').message).not.toMatch(/alter/i)
  })

  it('a VC 2.0 payload that also carries a vc claim → ERR_JWT_PAYLOAD_INVALID', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    const jwt = await signJwt({ ...payload, vc: { foo: 1 } }, await signers.ed())
    expectFailure(await verifyCredential(jwt, options()), 'ERR_JWT_PAYLOAD_INVALID', 'format')
  })

  it('jti or sub that contradict the credential → ERR_JWT_PAYLOAD_INVALID', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    expectFailure(await verifyCredential(await signJwt({ ...payload, jti: 'urn:uuid:other' }, await signers.ed()), options()), 'ERR_JWT_PAYLOAD_INVALID', 'format')
    expectFailure(await verifyCredential(await signJwt({ ...payload, sub: 'did:example:other' }, await signers.ed()), options()), 'ERR_JWT_PAYLOAD_INVALID', 'format')
  })

  it('nbf that differs from validFrom → ERR_VALIDITY_INCONSISTENT', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    const jwt = await signJwt({ ...payload, nbf: (payload['nbf'] as number) - 3600 }, await signers.ed())
    expectFailure(await verifyCredential(jwt, options()), 'ERR_VALIDITY_INCONSISTENT', 'validity')
  })
})

// Builds a compact JWS by hand (for headers jose refuses to produce).
async function handSign(header: Record<string, unknown>, payload: string): Promise<string> {
  const signer = await createSigner(keys.issuerEd25519.privateJwk, { kid: `${ISSUER}#key-1` })
  const input = `${enc(header)}.${base64url.encode(payload)}`
  return `${input}.${base64url.encode(await signer.sign(new TextEncoder().encode(input)))}`
}

function payloadOfBytes(signingInput: string): string {
  return new TextDecoder().decode(base64url.decode(signingInput.split('.')[1]!))
}

describe('verifyCredential: interop and other outcomes', () => {
  it('never serves a DID document fetched through one caller\'s fetch to a call that used another fetch', async () => {
    const served = async () => new Response(JSON.stringify(issuerDocument), { headers: { 'content-type': 'application/did+json' } })
    const missing = async () => new Response('not found', { status: 404 })
    const planted = await verifyCredential(golden.eddsaJwt, { fetch: served, now: NOW, checkStatus: false })
    expect(planted.status).toBe('verified')
    const other = await verifyCredential(golden.eddsaJwt, { fetch: missing, now: NOW, checkStatus: false })
    expect(other.verified).toBe(false)
    expect(check(other, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_DID_NOT_FOUND' })
    const again = await verifyCredential(golden.eddsaJwt, { fetch: served, now: NOW, checkStatus: false })
    expect(again.status).toBe('verified')
  })

  it('accepts a legacy VC 1.1 micro-credential in a vc claim, checked against the OB 3.0 schema, with a ERR_CREDENTIAL_LEGACY warning', async () => {
    const jwt = await signJwt({ iss: ISSUER, jti: 'urn:uuid:legacy', nbf: Date.parse('2026-06-15T09:00:00Z') / 1000, vc: legacyForm(golden.credential) }, await signers.ed())
    const result = await verifyCredential(jwt, options())
    expect(result.status).toBe('warning')
    expect(check(result, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_LEGACY' })
    expect(result.credential).toMatchObject({ id: 'urn:uuid:legacy', issuanceDate: golden.credential.validFrom })
    expect(result.euElements?.missing).toEqual([])
    // The same credential judged as an Open Badge: authentic and valid, its form noted.
    const asBadge = await verifyCredential(jwt, options({ profile: 'open-badge', trustedIssuers: [ISSUER] }))
    expect(asBadge).toMatchObject({ status: 'verified', profile: 'open-badge' })
    expect(check(asBadge, 'schema')).toMatchObject({ outcome: 'passed', details: { legacy: true } })
  })

  it('checks a VC 1.1 credential against the OB 3.0 schema rather than skipping it (ERR_SCHEMA_INVALID)', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: ISSUER, type: 'Profile', name: 'Univerzita Příkladová' },
      issuanceDate: '2026-06-15T09:00:00Z',
      credentialSubject: { type: 'AchievementSubject', achievement: { id: 'urn:uuid:1', type: 'Achievement', name: 'x', description: 'x', criteria: { narrative: 'x' } } },
    }
    const jwt = await signJwt({ iss: ISSUER, jti: 'urn:uuid:legacy', nbf: Date.parse('2026-06-15T09:00:00Z') / 1000, vc }, await signers.ed())
    const result = await verifyCredential(jwt, options({ profile: 'open-badge' }))
    expectFailure(result, 'ERR_SCHEMA_INVALID', 'schema')
    expect(JSON.stringify(check(result, 'schema').details)).toMatch(/type/)
  })

  it('reports VC 1.1 date names in a VC 2.0 payload as ERR_CREDENTIAL_LEGACY and checks validity with them', async () => {
    const { validFrom, nbf: _nbf, ...payload } = payloadOf(golden.eddsaJwt)
    const jwt = await signJwt({ ...payload, issuanceDate: validFrom, expirationDate: '2026-06-30T00:00:00Z' }, await signers.ed())
    const result = await verifyCredential(jwt, options())
    expect(check(result, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_LEGACY' })
    expect(check(result, 'validity')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_EXPIRED' })
  })

  it('accepts a token without nbf', async () => {
    const { nbf: _nbf, ...payload } = payloadOf(golden.eddsaJwt)
    expect((await verifyCredential(await signJwt(payload, await signers.ed()), options())).status).toBe('verified')
  })

  it('reports an untrusted issuer as a warning, and with no trust configured verifies a did:web issuer by its domain', async () => {
    const untrusted = await verifyCredential(golden.eddsaJwt, options({ trustedIssuers: [OTHER] }))
    expect(untrusted.status).toBe('warning')
    expect(check(untrusted, 'trust')).toMatchObject({ outcome: 'warning', code: 'ERR_ISSUER_UNTRUSTED' })
    expect(untrusted.issuer?.trusted).toBe(false)
    const skipped = await verifyCredential(golden.eddsaJwt, options())
    expect(check(skipped, 'trust').outcome).toBe('skipped')
    expect(skipped.status).toBe('verified')
    expect(skipped.issuer).toMatchObject({ trusted: false, confirmedBy: 'domain', domain: 'credentials.uni-example.cz' })
  })

  it('uses a trust list object and its confirmed issuer name', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ trustList: { issuers: [{ id: ISSUER, name: 'Confirmed University', country: 'CZ' }] } }))
    expect(result.status).toBe('verified')
    expect(result.issuer).toEqual({
      id: ISSUER,
      name: 'Confirmed University',
      country: 'CZ',
      trusted: true,
      domain: 'credentials.uni-example.cz',
      confirmedBy: 'trust-list',
    })
  })

  it('reports a malformed trust list as unknown with ERR_TRUST_LIST_INVALID', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ trustList: { issuers: 'nope' } as never }))
    expect(result.status).toBe('unknown')
    expect(check(result, 'trust')).toMatchObject({ outcome: 'unknown', code: 'ERR_TRUST_LIST_INVALID' })
  })

  it('reports an unreachable DID as unknown (could not check), not as forged', async () => {
    const result = await verifyCredential(golden.eddsaJwt, { now: NOW, resolver: staticResolver([]) })
    expect(result.status).toBe('unknown')
    expect(result.verified).toBe(false)
    expect(check(result, 'signature')).toMatchObject({ outcome: 'unknown', code: 'ERR_DID_UNREACHABLE' })
  })

  it('reports unsigned JSON as ERR_PROOF_MISSING', async () => {
    expectFailure(await verifyCredential(JSON.stringify(golden.credential), options()), 'ERR_PROOF_MISSING', 'signature')
    expectFailure(await verifyCredential(golden.credential, options()), 'ERR_PROOF_MISSING', 'signature')
  })

  it('reports text that is neither JWT nor JSON as ERR_FORMAT_UNSUPPORTED', async () => {
    expectFailure(await verifyCredential('hello world', options()), 'ERR_FORMAT_UNSUPPORTED', 'format')
    expectFailure(await verifyCredential(new Uint8Array([0xff, 0xfe, 0x00]), options()), 'ERR_FORMAT_UNSUPPORTED', 'format')
    expectFailure(await verifyCredential({ hello: 'world' }, options()), 'ERR_FORMAT_UNSUPPORTED', 'format')
  })

  it('reports an OB credential lacking EU elements as a warning naming them', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    const subject = payload['credentialSubject'] as { achievement: Record<string, unknown> }
    delete subject.achievement['typeOfAssessment']
    delete subject.achievement['qualityAssurance']
    const result = await verifyCredential(await signJwt(payload, await signers.ed()), options())
    expect(result.status).toBe('warning')
    expect(check(result, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_EU_ELEMENTS_MISSING' })
    expect(check(result, 'schema').details?.['missing']).toEqual([9, 11])
  })

  it('reports a credential that is not Open Badges as ERR_SCHEMA_INVALID', async () => {
    const payload = payloadOf(golden.eddsaJwt)
    delete payload['credentialSubject']
    delete payload['sub']
    expectFailure(await verifyCredential(await signJwt(payload, await signers.ed()), options()), 'ERR_SCHEMA_INVALID', 'schema')
  })

  it('verifies a credential of a did:jwk issuer without any resolver, green only when the verifier trusts it', async () => {
    const did = `did:jwk:${base64url.encode(JSON.stringify(keys.otherP256.publicJwk))}`
    const input = deterministicInput()
    input.issuer.id = did
    const credential = buildCredential(input, { id: CREDENTIAL_ID })
    const jwt = await signCredential(credential, await createSigner(keys.otherP256.privateJwk, { kid: `${did}#0` }))
    expect((await verifyCredential(jwt, { now: NOW })).status).toBe('warning')
    expect((await verifyCredential(jwt, { now: NOW, trustedIssuers: [did] })).status).toBe('verified')
  })

  it('skips the status check when checkStatus is false', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ checkStatus: false }))
    expect(check(result, 'status')).toMatchObject({ outcome: 'skipped' })
  })

  it('throws TypeError only for misuse', async () => {
    await expect(verifyCredential(42 as unknown as string)).rejects.toThrow(TypeError)
    await expect(verifyCredential(null as unknown as string)).rejects.toThrow(TypeError)
    await expect(verifyCredential(golden.eddsaJwt, { trustedIssuers: 'did:web:x' as unknown as string[] })).rejects.toThrow(TypeError)
    await expect(verifyCredential(golden.eddsaJwt, { now: 'today' as unknown as Date })).rejects.toThrow(TypeError)
    await expect(verifyCredential(golden.eddsaJwt, { algorithms: ['HS256' as 'ES256'] })).rejects.toThrow(TypeError)
  })
})

describe('verifyCredential: properties', () => {
  it('any single-character mutation of a valid token never verifies and never throws', async () => {
    const resolver = staticResolver()
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(golden.eddsaJwt, golden.es256Jwt),
        fc.nat(),
        fc.constantFrom(...alphabet),
        async (jwt, at, replacement) => {
          const index = at % jwt.length
          fc.pre(jwt[index] !== replacement)
          const mutated = jwt.slice(0, index) + replacement + jwt.slice(index + 1)
          const result = await verifyCredential(mutated, { resolver, now: NOW })
          expect(result.verified).toBe(false)
          expect(result.status).toBe('failed')
        },
      ),
      { numRuns: 1500 },
    )
  })

  it('never throws and never verifies for arbitrary text, bytes or JSON objects', async () => {
    const resolver = staticResolver()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }),
          fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 4 })),
          fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `${a}.${b}.${c}`),
          fc.jsonValue({ maxDepth: 4 }).map((v) => `${parts(golden.eddsaJwt)[0]}.${enc(v)}.${parts(golden.eddsaJwt)[2]}`),
        ),
        async (input) => {
          const result = await verifyCredential(input, { resolver, now: NOW })
          expect(result.verified).toBe(false)
          // Text that reads as an SD-JWT VC presentation (`a.b.c~…`) gets its checks, which add `holder` after `signature`.
          const ids = ['format', 'signature', 'issuer', 'schema', 'trust', 'validity', 'status']
          const presentation = result.checks.some((c) => c.id === 'holder')
          if (presentation) expect(typeof input === 'string' && input.includes('~')).toBe(true)
          expect(result.checks.map((c) => c.id)).toEqual(presentation ? ['format', 'signature', 'holder', ...ids.slice(2)] : ids)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('targets the signature: mutating any character of it never verifies', async () => {
    const resolver = staticResolver()
    const jwt = golden.eddsaJwt
    const start = jwt.lastIndexOf('.') + 1
    for (let index = start; index < jwt.length; index++) {
      for (const replacement of ['A', 'B', 'Q', 'w', '_', '-', '8']) {
        if (jwt[index] === replacement) continue
        const result = await verifyCredential(jwt.slice(0, index) + replacement + jwt.slice(index + 1), { resolver, now: NOW })
        expect(result.verified).toBe(false)
      }
    }
  })

  it('verified is exactly status === "verified", whatever the outcome', async () => {
    const inputs = [golden.eddsaJwt, golden.es256Jwt, 'junk', golden.credential, `${golden.eddsaJwt}x`]
    for (const input of inputs) {
      for (const now of [NOW, new Date('2020-01-01T00:00:00Z')]) {
        for (const trustedIssuers of [undefined, [OTHER]]) {
          const result = await verifyCredential(input, options({ now, ...(trustedIssuers ? { trustedIssuers } : {}) }))
          expect(result.verified).toBe(result.status === 'verified')
        }
      }
    }
  })

  it('round-trips build → sign → verify for any valid input', async () => {
    const es = await signers.es()
    const ed = await signers.ed()
    const resolver = staticResolver()
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0)
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: text,
          name: text,
          outcomes: fc.array(text, { minLength: 1, maxLength: 4 }),
          ects: fc.double({ min: 0.5, max: 180, noNaN: true }),
          eqf: fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8),
          participation: fc.constantFrom('online', 'onsite', 'blended'),
          alg: fc.boolean(),
          learnerId: fc.option(fc.constant('did:example:learner'), { nil: undefined }),
        }),
        async (r) => {
          const input = deterministicInput()
          input.achievement.title = r.title
          input.learner.name = r.name
          input.achievement.learningOutcomes = r.outcomes
          input.achievement.ects = r.ects
          delete input.creditsEarned
          input.achievement.eqfLevel = r.eqf as 1
          input.achievement.participation = r.participation as 'online'
          if (r.learnerId === undefined) delete input.learner.id
          else input.learner.id = r.learnerId
          const credential = buildCredential(input, { now: NOW })
          const jwt = await signCredential(credential, r.alg ? es : ed)
          const result = await verifyCredential(jwt, { resolver, now: NOW })
          expect(result.status).toBe('verified')
          expect(result.credential).toEqual(credential)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('verifyCredential: the verification profile and the EU elements', () => {
  it('judges a plain Open Badge (two EU elements missing) as a warning by default and as verified under "open-badge", naming the missing elements either way', async () => {
    const { jwkParty, signedCredential } = await import('./http-fixtures.js')
    const party = await jwkParty()
    const jwt = await signedCredential(party, { withoutEuElements: true })
    const micro = await verifyCredential(jwt, { now: NOW, trustedIssuers: [party.did] })
    expect(micro).toMatchObject({ status: 'warning', profile: 'micro-credential', reason: { check: 'schema', code: 'ERR_EU_ELEMENTS_MISSING' } })
    expect(micro.euElements?.missing).toEqual([
      { element: 9, name: 'type of assessment' },
      { element: 11, name: 'type of quality assurance' },
    ])
    expect(micro.euElements?.present.map((e) => e.element)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10])
    const badge = await verifyCredential(jwt, { now: NOW, trustedIssuers: [party.did], profile: 'open-badge' })
    expect(badge).toMatchObject({ status: 'verified', verified: true, profile: 'open-badge' })
    expect(check(badge, 'schema')).toMatchObject({ outcome: 'passed', details: { profile: 'open-badge', missing: [9, 11] } })
    expect(badge.euElements).toEqual(micro.euElements)
  })

  it('reports every EU element present for a complete micro-credential', async () => {
    const result = await verifyCredential(golden.eddsaJwt, options({ trustedIssuers: [ISSUER] }))
    expect(result.profile).toBe('micro-credential')
    expect(result.euElements?.missing).toEqual([])
    expect(result.euElements?.present.map((e) => e.name)).toContain('level (EQF, QF-EHEA cycle)')
  })

  it('throws TypeError for an unknown profile, contexts that are not objects or algorithms outside the four', async () => {
    await expect(verifyCredential(golden.eddsaJwt, { profile: 'badge' as never })).rejects.toBeInstanceOf(TypeError)
    await expect(verifyCredential(golden.eddsaJwt, { contexts: { 'https://x.example/ctx': 'not an object' } as never })).rejects.toBeInstanceOf(TypeError)
    await expect(verifyCredential(golden.eddsaJwt, { algorithms: ['ES384' as never] })).rejects.toBeInstanceOf(TypeError)
  })
})
