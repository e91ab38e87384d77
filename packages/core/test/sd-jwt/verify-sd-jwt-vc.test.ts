import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { SignJWT, importJWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSigner } from '../../src/create-signer.js'
import { verifySdJwtVc } from '../../src/sd-jwt/verify-sd-jwt-vc.js'
import { NOW, keys } from '../helpers.js'
import { NONCE, VERIFIER, issueSample, present, startIssuerSite, verifyOptions, walletKeys, type IssuerSite } from './helpers.js'

let site: IssuerSite
let sdJwt: string
beforeAll(async () => {
  site = await startIssuerSite()
  sdJwt = await issueSample(site)
})
afterAll(() => site.close())

const outcome = (result: Awaited<ReturnType<typeof verifySdJwtVc>>, id: string) => result.checks.find((check) => check.id === id)

describe('verifySdJwtVc', () => {
  it('verifies a presentation of every disclosure, checking each step in order', async () => {
    const result = await verifySdJwtVc(await present(sdJwt), verifyOptions({ trustedIssuers: [site.did] }))
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'passed'],
      ['signature', 'passed'],
      ['holder', 'passed'],
      ['issuer', 'passed'],
      ['schema', 'passed'],
      ['trust', 'passed'],
      ['validity', 'passed'],
      ['status', 'passed'],
    ])
    expect(result).toMatchObject({ verified: true, status: 'verified', certificateId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K' })
    expect(result.issuer).toEqual({ id: site.url, name: 'Univerzita Příkladová', country: 'CZ', trusted: true })
    expect(result.presentation?.claims).toMatchObject({ title: 'Applied Data Ethics', grade: 'B', dateOfBirth: '2001-04-17' })
    expect(result.presentation?.notDisclosed).toEqual(['mail', 'studentId'])
    expect(result.presentation?.keyBinding).toEqual({ audience: VERIFIER, nonce: NONCE, issuedAt: NOW.toISOString() })
  })

  it('shows only what the learner disclosed and marks the rest "not disclosed"', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, { disclose: ['name', 'issuanceDate'] }), verifyOptions())
    expect(result.status).toBe('verified')
    const claims = result.presentation!.claims
    expect(claims).toMatchObject({ title: 'Applied Data Ethics', notionalWorkload: { value: 3, unit: 'ECTS' }, level: 'EQF-6', name: 'Jana Nováková' })
    for (const hidden of ['grade', 'dateOfBirth', 'givenName', 'identifier', 'sub']) expect(claims, hidden).not.toHaveProperty(hidden)
    expect(result.presentation!.disclosed.sort()).toEqual(['issuanceDate', 'name'])
    expect(result.presentation!.notDisclosed).toEqual(expect.arrayContaining(['grade', 'dateOfBirth', 'identifier', 'givenName', 'familyName', 'sub']))
    expect(result.certificateId).toBeUndefined()
  })

  it('finds the issuer key in the JWT VC Issuer Metadata as well as in the DID document', async () => {
    const viaMetadata = await verifySdJwtVc(await present(sdJwt), verifyOptions({ keyDiscovery: 'jwt-vc-issuer' }))
    expect(viaMetadata.status).toBe('verified')
    expect(outcome(viaMetadata, 'signature')?.message).toContain('JWT VC Issuer Metadata')
    const viaDid = await verifySdJwtVc(await present(sdJwt), verifyOptions({ keyDiscovery: 'did' }))
    expect(outcome(viaDid, 'signature')?.message).toContain('DID document')
  })

  it('reports ERR_DISCLOSURE_UNKNOWN for a disclosure that is not in the credential, and shows nothing', async () => {
    const other = await issueSample(site, { holder: { dateOfBirth: '1990-01-01' } })
    const foreign = other.split('~').slice(1, -1).find((d) => Buffer.from(d, 'base64url').toString().includes('1990-01-01'))!
    // A holder who adds a disclosure of their own choosing, then signs the key binding over it with the real wallet key.
    const parts = sdJwt.split('~')
    const withoutKb = [parts[0], ...parts.slice(1, -1).filter((d) => !Buffer.from(d, 'base64url').toString().includes('dateOfBirth')), foreign, ''].join('~')
    const sdHash = createHash('sha256').update(withoutKb).digest('base64url')
    const kb = await new SignJWT({ iat: Math.floor(NOW.getTime() / 1000), aud: VERIFIER, nonce: NONCE, sd_hash: sdHash })
      .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
      .sign(await importJWK(walletKeys.walletP256.privateJwk, 'ES256'))
    const result = await verifySdJwtVc(withoutKb + kb, verifyOptions())
    expect(result.status).toBe('failed')
    expect(outcome(result, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_DISCLOSURE_UNKNOWN' })
    expect(result.presentation).toBeUndefined()
  })

  it('reports ERR_KEY_BINDING_SIGNATURE_INVALID for a key-binding JWT signed by another wallet', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, { key: walletKeys.otherWalletP256.privateJwk }), verifyOptions())
    expect(outcome(result, 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_SIGNATURE_INVALID' })
    expect(result.status).toBe('failed')
  })

  it('reports ERR_KEY_BINDING_NONCE_MISMATCH for a replayed presentation', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, { nonce: 'an-old-nonce' }), verifyOptions())
    expect(outcome(result, 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_NONCE_MISMATCH' })
  })

  it('reports ERR_KEY_BINDING_AUDIENCE_MISMATCH for a presentation made for another verifier', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, { aud: 'https://someone-else.example' }), verifyOptions())
    expect(outcome(result, 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_AUDIENCE_MISMATCH' })
  })

  it('reports ERR_KEY_BINDING_MISSING without a key-binding JWT, unless the caller does not require one', async () => {
    const bare = await present(sdJwt, { withoutKeyBinding: true })
    expect(outcome(await verifySdJwtVc(bare, verifyOptions()), 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_MISSING' })
    const lenient = await verifySdJwtVc(bare, verifyOptions({ requireKeyBinding: false }))
    expect(outcome(lenient, 'holder')?.outcome).toBe('skipped')
    expect(lenient.status).toBe('verified')
  })

  it('reports ERR_KEY_BINDING_INVALID when disclosures were removed after the holder signed', async () => {
    const presented = await present(sdJwt, { disclose: ['name', 'grade'] })
    const parts = presented.split('~')
    const trimmed = [parts[0], ...parts.slice(1, -1).filter((d) => !Buffer.from(d, 'base64url').toString().includes('"grade"')), parts.at(-1)].join('~')
    expect(outcome(await verifySdJwtVc(trimmed, verifyOptions()), 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_INVALID' })
  })

  it('reports ERR_KEY_BINDING_INVALID for a key-binding JWT older than keyBindingMaxAge', async () => {
    const old = await present(sdJwt, { iat: new Date(NOW.getTime() - 3_600_000) })
    expect(outcome(await verifySdJwtVc(old, verifyOptions()), 'holder')).toMatchObject({ code: 'ERR_KEY_BINDING_INVALID' })
  })

  it('reports ERR_SIGNATURE_INVALID for a tampered course claim', async () => {
    const [jwt, ...rest] = sdJwt.split('~')
    const [h, p, s] = jwt!.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    payload.notionalWorkload.value = 30
    const tampered = [[h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.'), ...rest].join('~')
    const result = await verifySdJwtVc(await present(tampered), verifyOptions())
    expect(outcome(result, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_SIGNATURE_INVALID' })
    expect(result.presentation).toBeUndefined()
  })

  it('reports ERR_SIGNATURE_INVALID for a credential signed by another key under the issuer\'s kid', async () => {
    const impostor = await createSigner(keys.otherP256.privateJwk, { kid: `${site.did}#key-1` })
    const forged = await issueSample(site, { signer: impostor })
    expect(outcome(await verifySdJwtVc(await present(forged), verifyOptions()), 'signature')).toMatchObject({ code: 'ERR_SIGNATURE_INVALID' })
  })

  it('reports ERR_KEY_NOT_FOUND for an https issuer whose kid names another DID (looked up in its JWT VC Issuer Metadata)', async () => {
    const other = await createSigner(keys.otherP256.privateJwk, { kid: 'did:web:evil.example#key-1' })
    const forged = await issueSample(site, { signer: other })
    const result = await verifySdJwtVc(await present(forged), verifyOptions())
    expect(outcome(result, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_NOT_FOUND' })
  })

  it('verifies a credential whose iss is the issuer DID, and reports ERR_ISSUER_MISMATCH for a kid of another DID', async () => {
    const byDid = await issueSample(site, { issuer: site.did })
    expect((await verifySdJwtVc(await present(byDid), verifyOptions())).status).toBe('verified')
    const other = await createSigner(keys.otherP256.privateJwk, { kid: 'did:web:evil.example#key-1' })
    const forged = await issueSample(site, { issuer: site.did, signer: other })
    const result = await verifySdJwtVc(await present(forged), verifyOptions())
    expect(outcome(result, 'issuer')).toMatchObject({ outcome: 'failed', code: 'ERR_ISSUER_MISMATCH' })
    expect(result.presentation).toBeUndefined()
  })

  it('reports ERR_KEY_NOT_FOUND for a kid the issuer does not list', async () => {
    const rotated = await createSigner(keys.issuerP256.privateJwk, { kid: `${site.did}#key-9` })
    const result = await verifySdJwtVc(await present(await issueSample(site, { signer: rotated })), verifyOptions())
    expect(outcome(result, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_NOT_FOUND' })
  })

  it('reports ERR_JWT_TYPE_UNSUPPORTED for another typ, and ERR_ALGORITHM_UNSUPPORTED for alg none', async () => {
    const [jwt, ...rest] = sdJwt.split('~')
    const [, p] = jwt!.split('.')
    const withHeader = (header: object, signature = 'AAAA') =>
      [[Buffer.from(JSON.stringify(header)).toString('base64url'), p, signature].join('.'), ...rest].join('~')
    expect(outcome(await verifySdJwtVc(withHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${site.did}#key-1` }), verifyOptions()), 'format')?.code).toBe(
      'ERR_JWT_TYPE_UNSUPPORTED',
    )
    expect(outcome(await verifySdJwtVc(withHeader({ alg: 'none', typ: 'dc+sd-jwt', kid: `${site.did}#key-1` }, ''), verifyOptions()), 'signature')?.code).toBe(
      'ERR_ALGORITHM_UNSUPPORTED',
    )
    expect(outcome(await verifySdJwtVc(withHeader({ alg: 'ES256', typ: 'dc+sd-jwt', jwk: walletKeys.walletP256.publicJwk }), verifyOptions()), 'format')?.code).toBe(
      'ERR_JWT_HEADER_FORBIDDEN',
    )
  })

  it('reports ERR_SD_JWT_MALFORMED for text that is not an SD-JWT, and ERR_INPUT_TOO_LARGE over maxBytes', async () => {
    for (const junk of ['', 'hello', sdJwt.split('~')[0]!, 'a.b.c~~', '~~~']) {
      const result = await verifySdJwtVc(junk, verifyOptions())
      expect(result.status, junk).toBe('failed')
      expect(outcome(result, 'format')?.code, junk).toBe('ERR_SD_JWT_MALFORMED')
    }
    expect(outcome(await verifySdJwtVc(await present(sdJwt), verifyOptions({ maxBytes: 100 })), 'format')?.code).toBe('ERR_INPUT_TOO_LARGE')
  })

  it('reports ERR_SD_JWT_MALFORMED for a disclosure given twice', async () => {
    const parts = (await present(sdJwt, { withoutKeyBinding: true })).split('~')
    const doubled = [...parts.slice(0, -1), parts[1], ''].join('~')
    expect(outcome(await verifySdJwtVc(doubled, verifyOptions({ requireKeyBinding: false })), 'format')?.code).toBe('ERR_SD_JWT_MALFORMED')
  })

  it('never verifies a presentation with one character changed', async () => {
    const presented = await present(sdJwt, { disclose: ['name'] })
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.'
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: presented.length - 1 }), fc.constantFrom(...alphabet), async (index, char) => {
        fc.pre(presented[index] !== char)
        const mutated = presented.slice(0, index) + char + presented.slice(index + 1)
        const result = await verifySdJwtVc(mutated, verifyOptions())
        expect(result.verified).toBe(false)
      }),
      { numRuns: 60 },
    )
  })

  it('reports ERR_SCHEMA_INVALID for a credential type this verifier does not accept', async () => {
    const foreign = await issueSample(site, { vct: 'urn:eudi:pid:1' })
    expect(outcome(await verifySdJwtVc(await present(foreign), verifyOptions()), 'schema')).toMatchObject({ outcome: 'failed', code: 'ERR_SCHEMA_INVALID' })
    const accepted = await verifySdJwtVc(await present(foreign), verifyOptions({ vct: 'urn:eudi:pid:1' }))
    expect(outcome(accepted, 'schema')?.outcome).toBe('passed')
  })

  it('warns with ERR_ISSUER_UNTRUSTED when the issuer is not among the trusted issuers', async () => {
    const result = await verifySdJwtVc(await present(sdJwt), verifyOptions({ trustedIssuers: ['did:web:other.example'] }))
    expect(outcome(result, 'trust')).toMatchObject({ outcome: 'warning', code: 'ERR_ISSUER_UNTRUSTED' })
    expect(result.status).toBe('warning')
  })

  it('warns with ERR_CREDENTIAL_EXPIRED after exp', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, { iat: new Date('2040-01-01T00:00:00Z') }), verifyOptions({ now: new Date('2040-01-01T00:00:00Z'), checkStatus: false }))
    // the sample credential has no validUntil: it does not expire
    expect(outcome(result, 'validity')?.outcome).toBe('passed')
    const { buildCredential } = await import('../../src/build-credential.js')
    const { issueSdJwtVc } = await import('../../src/sd-jwt/issue-sd-jwt-vc.js')
    const { fullInput, CREDENTIAL_ID } = await import('../helpers.js')
    const expiring = buildCredential({ ...fullInput(), validUntil: '2027-06-15T09:00:00Z' }, { id: CREDENTIAL_ID, now: NOW })
    const token = await issueSdJwtVc(expiring, { signer: site.signer, issuer: site.url, vct: `${site.url}/vct/micro-credential`, holderKey: walletKeys.walletP256.publicJwk, now: NOW })
    const later = new Date('2028-01-01T00:00:00Z')
    const expired = await verifySdJwtVc(await present(token, { iat: later }), verifyOptions({ now: later }))
    expect(outcome(expired, 'validity')).toMatchObject({ outcome: 'warning', code: 'ERR_CREDENTIAL_EXPIRED' })
    expect(expired.presentation?.expiresAt).toBe('2027-06-15T09:00:00.000Z')
  })

  it('reports "could not check" (ERR_DID_UNREACHABLE / ERR_ISSUER_METADATA_UNREACHABLE) when the issuer cannot be reached', async () => {
    const closed = await startIssuerSite()
    const token = await issueSample(closed)
    await closed.close()
    const viaDid = await verifySdJwtVc(await present(token), verifyOptions())
    expect(outcome(viaDid, 'signature')).toMatchObject({ outcome: 'unknown', code: 'ERR_DID_UNREACHABLE' })
    expect(viaDid.status).toBe('unknown')
    const viaMetadata = await verifySdJwtVc(await present(token), verifyOptions({ keyDiscovery: 'jwt-vc-issuer' }))
    expect(outcome(viaMetadata, 'signature')).toMatchObject({ outcome: 'unknown', code: 'ERR_ISSUER_METADATA_UNREACHABLE' })
  })

  it('reports ERR_ISSUER_METADATA_INVALID when the metadata names another issuer', async () => {
    const path = '/.well-known/jwt-vc-issuer'
    site.put(path, JSON.stringify({ issuer: 'https://evil.example', jwks: { keys: [] } }))
    try {
      const result = await verifySdJwtVc(await present(sdJwt), verifyOptions({ keyDiscovery: 'jwt-vc-issuer' }))
      expect(outcome(result, 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_ISSUER_METADATA_INVALID' })
    } finally {
      const { buildJwtVcIssuerMetadata } = await import('../../src/sd-jwt/build-jwt-vc-issuer-metadata.js')
      site.put(path, JSON.stringify(buildJwtVcIssuerMetadata({ issuer: site.url, keys: [{ kid: `${site.did}#key-1`, publicJwk: keys.issuerP256.publicJwk }] })))
    }
  })

  it('verifies offline against a key given by the caller', async () => {
    const result = await verifySdJwtVc(await present(sdJwt), verifyOptions({ key: keys.issuerP256.publicJwk, checkStatus: false }))
    expect(outcome(result, 'signature')?.outcome).toBe('passed')
    const wrong = await verifySdJwtVc(await present(sdJwt), verifyOptions({ key: keys.otherP256.publicJwk, checkStatus: false }))
    expect(outcome(wrong, 'signature')?.code).toBe('ERR_SIGNATURE_INVALID')
  })

  it('throws TypeError for a presentation that is not a string', async () => {
    await expect(verifySdJwtVc(42 as unknown as string)).rejects.toThrow(TypeError)
  })
})

describe('verifySdJwtVc status (IETF Token Status List)', () => {
  it('reports ERR_CREDENTIAL_REVOKED once the issuer revokes the credential, and ERR_CREDENTIAL_SUSPENDED while suspended', async () => {
    const presented = await present(sdJwt)
    try {
      await site.publishStatus([{ index: 7, status: 'revoked' }])
      const revoked = await verifySdJwtVc(presented, verifyOptions())
      expect(outcome(revoked, 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
      expect(revoked.statusInfo).toEqual({ purpose: 'revocation' })
      await site.publishStatus([{ index: 7, status: 'suspended' }])
      expect(outcome(await verifySdJwtVc(presented, verifyOptions()), 'status')?.code).toBe('ERR_CREDENTIAL_SUSPENDED')
      await site.publishStatus([{ index: 8, status: 'revoked' }])
      expect(outcome(await verifySdJwtVc(presented, verifyOptions()), 'status')?.outcome).toBe('passed')
    } finally {
      await site.publishStatus([])
    }
  })

  it('reports ERR_STATUS_UNREACHABLE ("could not check") when the list is missing', async () => {
    site.remove('/status/wallet.jwt')
    try {
      const result = await verifySdJwtVc(await present(sdJwt), verifyOptions())
      expect(outcome(result, 'status')).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_UNREACHABLE' })
      expect(result.status).toBe('unknown')
    } finally {
      await site.publishStatus([])
    }
  })

  it('reports ERR_STATUS_LIST_INVALID for a list signed by someone else', async () => {
    try {
      await site.publishStatus([], { signer: await createSigner(keys.otherP256.privateJwk, { kid: `${site.did}#key-1` }) })
      expect(outcome(await verifySdJwtVc(await present(sdJwt), verifyOptions()), 'status')).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID' })
    } finally {
      await site.publishStatus([])
    }
  })

  it('reports ERR_STATUS_INDEX_INVALID for an index outside the list', async () => {
    try {
      await site.publishStatus([], { size: 4 })
      expect(outcome(await verifySdJwtVc(await present(sdJwt), verifyOptions()), 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_STATUS_INDEX_INVALID' })
    } finally {
      await site.publishStatus([])
    }
  })

  it('reports ERR_STATUS_LIST_INVALID for a list that unpacks to more than 1 MiB (zip bomb)', async () => {
    const { deflateSync } = await import('node:zlib')
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }).toString('base64url')
    const key = await importJWK(keys.issuerP256.privateJwk, 'ES256')
    const jwt = await new SignJWT({ iss: site.url, sub: site.statusUri, iat: Math.floor(NOW.getTime() / 1000), status_list: { bits: 2, lst: bomb } })
      .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt', kid: `${site.did}#key-1` })
      .sign(key)
    site.put('/status/wallet.jwt', jwt, 'application/statuslist+jwt')
    try {
      expect(outcome(await verifySdJwtVc(await present(sdJwt), verifyOptions()), 'status')).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID' })
    } finally {
      await site.publishStatus([])
    }
  })
})
