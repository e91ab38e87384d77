// An SD-JWT VC presentation from a wallet through verifyCredential (issue 15): routed to the SD-JWT verifier, with the
// verdict rules of every other credential (who confirms the issuer, the profile, named EU elements). The wallet side is
// the OpenWallet Foundation's @sd-jwt holder code; the issuer's site is real HTTP on 127.0.0.1.
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc'
import type { DisclosureFrame } from '@sd-jwt/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSdJwtVcClaims } from '../src/sd-jwt/build-sd-jwt-vc-claims.js'
import { saltGenerator, sdJwtSignerOf, sha256Hasher } from '../src/sd-jwt/lib/sd-jwt-crypto.js'
import { microCredentialVct } from '../src/sd-jwt/micro-credential-vct.js'
import type { VerificationResult } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { NOW } from './helpers.js'
import { NONCE, VERIFIER, issueSample, present, sampleCredential, startIssuerSite, verifyOptions, walletKeys, type IssuerSite } from './sd-jwt/helpers.js'

let site: IssuerSite
let sdJwt: string

beforeAll(async () => {
  site = await startIssuerSite()
  sdJwt = await issueSample(site)
})
afterAll(() => site.close())

const check = (result: VerificationResult, id: string) => result.checks.find((c) => c.id === id)!

/** An SD-JWT VC of the sample course without its type of assessment (EU element 9), which issueSdJwtVc never issues. */
async function withoutAssessment(): Promise<string> {
  const { typeOfAssessment: _dropped, ...claims } = buildSdJwtVcClaims(sampleCredential(), { holder: { givenName: 'Jana' } }) as unknown as Record<string, unknown>
  const payload = { iss: site.url, vct: microCredentialVct(site.url), iat: Math.floor(NOW.getTime() / 1000), cnf: { jwk: walletKeys.walletP256.publicJwk }, ...claims } as SdJwtVcPayload
  const instance = new SDJwtVcInstance({ hasher: sha256Hasher, hashAlg: 'sha-256', saltGenerator, signer: sdJwtSignerOf(site.signer), signAlg: site.signer.alg })
  const disclosable = ['identifier', 'name', 'givenName', 'issuanceDate'].filter((name) => (payload as Record<string, unknown>)[name] !== undefined)
  return instance.issue(payload, { _sd: disclosable } as DisclosureFrame<SdJwtVcPayload>, { header: { typ: 'dc+sd-jwt', kid: site.signer.kid } })
}

describe('verifyCredential with an SD-JWT VC presentation', () => {
  it('verifies a presentation of some disclosures: only those are shown, the rest listed as not disclosed', async () => {
    const result = await verifyCredential(await present(sdJwt, { disclose: ['name', 'grade'] }), verifyOptions())
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'passed'], ['signature', 'passed'], ['holder', 'passed'], ['issuer', 'passed'], ['schema', 'passed'], ['trust', 'skipped'], ['validity', 'passed'], ['status', 'passed'],
    ])
    expect(result).toMatchObject({ verified: true, status: 'verified', profile: 'micro-credential' })
    expect(result.credential).toBeUndefined()
    expect(result.presentation).toMatchObject({ iss: site.url, claims: { title: 'Applied Data Ethics', name: 'Jana Nováková', grade: 'B' }, keyBinding: { nonce: NONCE, audience: VERIFIER } })
    expect(result.presentation?.disclosed.sort()).toEqual(['grade', 'name'])
    expect(result.presentation?.notDisclosed).toEqual(expect.arrayContaining(['dateOfBirth', 'identifier', 'issuanceDate']))
    expect(result.presentation?.claims).not.toHaveProperty('dateOfBirth')
    // The issuer is confirmed as for any credential: by the address that published its key, when no trust is configured.
    expect(result.issuer).toMatchObject({ id: site.url, domain: new URL(site.url).host, confirmedBy: 'domain', name: 'Univerzita Příkladová', country: 'CZ' })
    expect(result.certificateId).toBeUndefined()
    // The learner's name is shown; the date of issuing was not disclosed, which is not "missing".
    expect(result.euElements?.missing).toEqual([])
    expect(result.euElements?.notDisclosed?.map((e) => e.name)).toEqual(['date of issuing'])
    expect(result.euElements?.present).toHaveLength(10)
  })

  it('names the certificate ID when the holder disclosed it, and the trusted issuer by its DID', async () => {
    const result = await verifyCredential(await present(sdJwt), verifyOptions({ trustedIssuers: [site.did] }))
    expect(result).toMatchObject({ status: 'verified', certificateId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K', issuer: { trusted: true, confirmedBy: 'trusted-issuers' } })
    expect(result.euElements?.notDisclosed).toBeUndefined()
    expect(result.euElements?.present).toHaveLength(11)
  })

  it('accepts the enveloped form (data:application/dc+sd-jwt,…)', async () => {
    const presentation = await present(sdJwt)
    const enveloped = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/dc+sd-jwt,${presentation}` }
    expect((await verifyCredential(enveloped, verifyOptions())).status).toBe('verified')
  })

  it('fails a presentation made for another request (ERR_KEY_BINDING_NONCE_MISMATCH) or another verifier (…_AUDIENCE_MISMATCH)', async () => {
    const replayed = await verifyCredential(await present(sdJwt, { nonce: 'an-old-nonce' }), verifyOptions())
    expect(replayed).toMatchObject({ status: 'failed', reason: { check: 'holder', code: 'ERR_KEY_BINDING_NONCE_MISMATCH' } })
    const elsewhere = await verifyCredential(await present(sdJwt, { aud: 'https://other.example' }), verifyOptions())
    expect(elsewhere).toMatchObject({ status: 'failed', reason: { check: 'holder', code: 'ERR_KEY_BINDING_AUDIENCE_MISMATCH' } })
  })

  it('fails a holder-bound credential presented without key binding, unless the caller does not require it', async () => {
    const bare = await present(sdJwt, { withoutKeyBinding: true })
    expect(await verifyCredential(bare, verifyOptions())).toMatchObject({ status: 'failed', reason: { check: 'holder', code: 'ERR_KEY_BINDING_MISSING' } })
    const allowed = await verifyCredential(bare, verifyOptions({ requireKeyBinding: false }))
    expect(check(allowed, 'holder')).toMatchObject({ outcome: 'skipped' })
  })

  it('reports a revoked credential from the issuer\'s Token Status List', async () => {
    await site.publishStatus([{ index: 7, status: 'revoked' }])
    try {
      const result = await verifyCredential(await present(sdJwt), verifyOptions({ cache: false }))
      expect(result).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_CREDENTIAL_REVOKED' }, statusInfo: { purpose: 'revocation' } })
    } finally {
      await site.publishStatus([])
    }
  })

  it('under the open-badge profile a course that lacks EU elements is reported, not a warning', async () => {
    const partial = await withoutAssessment()
    const micro = await verifyCredential(await present(partial), verifyOptions())
    expect(micro).toMatchObject({ status: 'warning', reason: { check: 'schema', code: 'ERR_EU_ELEMENTS_MISSING' } })
    expect(micro.euElements?.missing.map((e) => e.element)).toEqual([9])
    // element numbers under every profile, as for any other credential; the claim names beside them
    expect(check(micro, 'schema').details).toMatchObject({ missing: [9], missingClaims: [expect.any(String)] })
    const badge = await verifyCredential(await present(partial), verifyOptions({ profile: 'open-badge' }))
    expect(badge).toMatchObject({ status: 'verified', profile: 'open-badge' })
    expect(check(badge, 'schema')).toMatchObject({ outcome: 'passed', details: { missing: [9] } })
  })
})
