import { decodeSdJwt, getClaims } from '@sd-jwt/decode'
import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { MicrocertError } from '../../src/errors.js'
import { buildSdJwtVcClaims } from '../../src/sd-jwt/build-sd-jwt-vc-claims.js'
import { issueSdJwtVc } from '../../src/sd-jwt/issue-sd-jwt-vc.js'
import { microCredentialVct } from '../../src/sd-jwt/micro-credential-vct.js'
import { keys } from '../helpers.js'
import { issueSample, sampleCredential, startIssuerSite, walletKeys, type IssuerSite } from './helpers.js'

const hasher = (data: string | ArrayBuffer) => new Uint8Array(createHash('sha256').update(typeof data === 'string' ? data : Buffer.from(data)).digest())

let site: IssuerSite
beforeAll(async () => {
  site = await startIssuerSite()
})
afterAll(() => site.close())

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return (error as MicrocertError).code
  }
  return undefined
}

describe('issueSdJwtVc', () => {
  it('issues a dc+sd-jwt signed with the issuer key, bound to the wallet key, pointing at the Token Status List', async () => {
    const sdJwt = await issueSample(site)
    expect(sdJwt.endsWith('~')).toBe(true)
    const header = decodeProtectedHeader(sdJwt.split('~')[0]!)
    expect(header).toEqual({ typ: 'dc+sd-jwt', alg: 'ES256', kid: `${site.did}#key-1` })
    const { jwt } = await decodeSdJwt(sdJwt, hasher)
    expect(jwt.payload).toMatchObject({
      iss: site.url,
      vct: `${site.url}/vct/micro-credential`,
      cnf: { jwk: { kty: 'EC', crv: 'P-256', x: walletKeys.walletP256.publicJwk.x, y: walletKeys.walletP256.publicJwk.y } },
      status: { status_list: { idx: 7, uri: site.statusUri } },
      _sd_alg: 'sha-256',
    })
  })

  it('keeps the course in plain claims and puts the learner, the grade and the dates in disclosures', async () => {
    const sdJwt = await issueSample(site)
    const { jwt, disclosures } = await decodeSdJwt(sdJwt, hasher)
    const payload = jwt.payload as Record<string, unknown>
    expect(payload).toMatchObject({ title: 'Applied Data Ethics', level: 'EQF-6', notionalWorkload: { value: 3, unit: 'ECTS' }, issuerCountry: 'CZ' })
    for (const hidden of ['name', 'givenName', 'familyName', 'dateOfBirth', 'grade', 'issuanceDate', 'identifier', 'sub', 'iat', 'activityStartDate']) {
      expect(payload, hidden).not.toHaveProperty(hidden)
    }
    expect(disclosures.map((d) => d.key).sort()).toEqual(
      ['activityEndDate', 'activityStartDate', 'additionalNote', 'creditsEarned', 'dateOfBirth', 'familyName', 'givenName', 'grade', 'iat', 'identifier', 'issuanceDate', 'name', 'sub'].sort(),
    )
    const claims = (await getClaims(payload, disclosures, hasher)) as Record<string, unknown>
    expect(claims).toMatchObject({ grade: 'B', name: 'Jana Nováková', dateOfBirth: '2001-04-17', identifier: 'MC-7KQ4-9XJ2-PM3A-W8TD-K', issuanceDate: '2026-06-15' })
  })

  it('salts every disclosure afresh, so two issuances share no digest', async () => {
    const a = await decodeSdJwt(await issueSample(site), hasher)
    const b = await decodeSdJwt(await issueSample(site), hasher)
    const digests = (x: typeof a) => new Set((x.jwt.payload as { _sd: string[] })._sd)
    const shared = [...digests(a)].filter((d) => digests(b).has(d))
    expect(shared).toEqual([])
  })

  it('reports ERR_INPUT_INVALID for a credential that lacks EU elements', async () => {
    const credential = sampleCredential() as unknown as { credentialSubject: { achievement: Record<string, unknown> } }
    delete credential.credentialSubject.achievement['learningOutcome']
    expect(
      await codeOf(issueSdJwtVc(credential as never, { signer: site.signer, issuer: site.url, vct: microCredentialVct(site.url), holderKey: walletKeys.walletP256.publicJwk })),
    ).toBe('ERR_INPUT_INVALID')
  })

  it('reports ERR_INPUT_INVALID for a date of birth in the future or malformed', async () => {
    expect(await codeOf(issueSample(site, { holder: { dateOfBirth: '2999-01-01' } }))).toBe('ERR_INPUT_INVALID')
    expect(await codeOf(issueSample(site, { holder: { dateOfBirth: '17.4.2001' } }))).toBe('ERR_INPUT_INVALID')
    expect(await codeOf(issueSample(site, { holder: { email: 'not an address' } }))).toBe('ERR_INPUT_INVALID')
  })

  it('reports ERR_KEY_INVALID when the wallet key is a private key or not a supported curve', async () => {
    expect(await codeOf(issueSample(site, { holderKey: walletKeys.walletP256.privateJwk }))).toBe('ERR_KEY_INVALID')
    expect(await codeOf(issueSample(site, { holderKey: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } }))).toBe('ERR_KEY_INVALID')
  })

  it('reports ERR_INPUT_INVALID for a status reference without a valid index', async () => {
    expect(await codeOf(issueSample(site, { status: { idx: -1, uri: site.statusUri } }))).toBe('ERR_INPUT_INVALID')
  })

  it('signs with EdDSA when the issuer key is Ed25519', async () => {
    const { createSigner } = await import('../../src/create-signer.js')
    const signer = await createSigner(keys.issuerEd25519.privateJwk, { kid: `${site.did}#key-ed` })
    const sdJwt = await issueSample(site, { signer })
    expect(decodeProtectedHeader(sdJwt.split('~')[0]!).alg).toBe('EdDSA')
  })
})

describe('buildSdJwtVcClaims', () => {
  it('maps the EU elements to the claim names of the WE BUILD rulebook', () => {
    const claims = buildSdJwtVcClaims(sampleCredential())
    expect(claims).toMatchObject({
      title: 'Applied Data Ethics',
      awardingBody: 'Univerzita Příkladová',
      awardingBodyIdentifier: 'did:web:credentials.uni-example.cz',
      issuerCountry: 'CZ',
      issuerRegion: 'Jihomoravský kraj',
      learningOutcomes: ['Applies core ethical frameworks to data-driven decision making', 'Evaluates bias and fairness risks in a dataset'],
      notionalWorkload: { value: 3, unit: 'ECTS' },
      volumeOfLearning: 'PT75H',
      level: 'EQF-6',
      qfEheaCycle: 'first',
      typeOfAssessment: ['written examination', 'project report'],
      formOfParticipation: 'blended',
      qualityAssurance: [{ name: 'Institutional accreditation 2024', type: 'institutional accreditation', body: 'National Accreditation Bureau for Higher Education (NAU)', url: 'https://www.nauvs.cz/' }],
      escoReference: ['http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000'],
      entryRequirements: ['Introductory statistics'],
      idVerificationMethod: 'supervised-with-id',
      stackable: true,
      gradingScheme: 'ECTS grade (F, E, D, C, B, A)',
      identifier: 'MC-7KQ4-9XJ2-PM3A-W8TD-K',
      sub: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      name: 'Jana Nováková',
      issuanceDate: '2026-06-15',
      grade: 'B',
      creditsEarned: 3,
    })
  })

  it('writes on-site participation as the rulebook spells it', () => {
    const credential = sampleCredential()
    ;(credential.credentialSubject.achievement as { formOfParticipation: string }).formOfParticipation = 'onsite'
    expect(buildSdJwtVcClaims(credential).formOfParticipation).toBe('on-site')
  })
})
