import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list'
import { TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { createSigner } from '../../src/create-signer.js'
import { MicrocertError } from '../../src/errors.js'
import { buildJwtVcIssuerMetadata } from '../../src/sd-jwt/build-jwt-vc-issuer-metadata.js'
import { buildMicroCredentialTypeMetadata } from '../../src/sd-jwt/build-micro-credential-type-metadata.js'
import { buildTokenStatusList } from '../../src/sd-jwt/build-token-status-list.js'
import { jwtVcIssuerMetadataUrl } from '../../src/sd-jwt/jwt-vc-issuer-metadata-url.js'
import { microCredentialVct } from '../../src/sd-jwt/micro-credential-vct.js'
import { ISSUER, NOW, keys } from '../helpers.js'

const EU_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return (error as MicrocertError).code
  }
  return undefined
}

describe('buildMicroCredentialTypeMetadata', () => {
  const metadata = buildMicroCredentialTypeMetadata({ vct: microCredentialVct('https://uni.example/microcerts') })

  it('is SD-JWT VC type metadata the OWF library accepts', () => {
    expect(TypeMetadataFormatSchema.safeParse(metadata).success).toBe(true)
    expect(metadata.vct).toBe('https://uni.example/microcerts/vct/micro-credential')
  })

  it('names the type and labels every claim in the 24 official EU languages', () => {
    expect(metadata.display.map((d) => d.locale)).toEqual(EU_LANGUAGES)
    for (const claim of metadata.claims) {
      expect(claim.display.map((d) => d.locale), claim.path[0]).toEqual(EU_LANGUAGES)
      for (const label of claim.display) expect(label.label.trim().length, `${claim.path[0]} ${label.locale}`).toBeGreaterThan(1)
    }
    const grade = metadata.claims.find((c) => c.path[0] === 'grade')!
    expect(Object.fromEntries(grade.display.map((d) => [d.locale, d.label]))).toMatchObject({ en: 'Grade', de: 'Note', fr: 'Note', cs: 'Známka', pl: 'Ocena' })
  })

  it('declares the course never and the learner always selectively disclosable', () => {
    const sd = Object.fromEntries(metadata.claims.map((c) => [c.path[0], c.sd]))
    expect(sd).toMatchObject({ title: 'never', level: 'never', notionalWorkload: 'never', grade: 'always', dateOfBirth: 'always', name: 'always', issuanceDate: 'always' })
    const mandatory = metadata.claims.filter((c) => c.mandatory === true).map((c) => c.path[0])
    expect(mandatory).toEqual(expect.arrayContaining(['title', 'awardingBody', 'issuerCountry', 'learningOutcomes', 'notionalWorkload', 'level', 'typeOfAssessment', 'formOfParticipation', 'qualityAssurance', 'identifier', 'issuanceDate']))
  })
})

describe('jwtVcIssuerMetadataUrl / buildJwtVcIssuerMetadata', () => {
  it('puts /.well-known/jwt-vc-issuer between host and path', () => {
    expect(jwtVcIssuerMetadataUrl('https://uni.example')).toBe('https://uni.example/.well-known/jwt-vc-issuer')
    expect(jwtVcIssuerMetadataUrl('https://uni.example/tenant/1234/')).toBe('https://uni.example/.well-known/jwt-vc-issuer/tenant/1234')
    expect(jwtVcIssuerMetadataUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/.well-known/jwt-vc-issuer')
  })

  it('reports ERR_INPUT_INVALID for an issuer that is not a URL, or has a query', () => {
    expect(codeOf(() => jwtVcIssuerMetadataUrl('did:web:uni.example'))).toBe('ERR_INPUT_INVALID')
    expect(codeOf(() => jwtVcIssuerMetadataUrl('https://uni.example/?a=1'))).toBe('ERR_INPUT_INVALID')
  })

  it('lists public keys only, each with its kid', () => {
    const metadata = buildJwtVcIssuerMetadata({ issuer: 'https://uni.example', keys: [{ kid: `${ISSUER}#key-2`, publicJwk: keys.issuerP256.publicJwk }] })
    expect(metadata).toEqual({
      issuer: 'https://uni.example',
      jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: keys.issuerP256.publicJwk.x, y: keys.issuerP256.publicJwk.y, kid: `${ISSUER}#key-2`, use: 'sig', alg: 'ES256' }] },
    })
    expect(codeOf(() => buildJwtVcIssuerMetadata({ issuer: 'https://uni.example', keys: [{ kid: 'k', publicJwk: keys.issuerP256.privateJwk }] }))).toBe('ERR_KEY_INVALID')
    expect(
      codeOf(() =>
        buildJwtVcIssuerMetadata({ issuer: 'https://uni.example', keys: [{ kid: 'k', publicJwk: keys.issuerP256.publicJwk }, { kid: 'k', publicJwk: keys.issuerEd25519.publicJwk }] }),
      ),
    ).toBe('ERR_INPUT_INVALID')
  })
})

describe('buildTokenStatusList', () => {
  const uri = 'https://uni.example/microcerts/status/wallet.jwt'

  it('builds a signed statuslist+jwt with two bits per credential: 0 valid, 1 revoked, 2 suspended', async () => {
    const signer = await createSigner(keys.issuerP256.privateJwk, { kid: `${ISSUER}#key-2` })
    const jwt = await buildTokenStatusList({ uri, signer, issuer: 'https://uni.example/microcerts', size: 16, entries: [{ index: 3, status: 'revoked' }, { index: 9, status: 'suspended' }], now: NOW })
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', typ: 'statuslist+jwt', kid: `${ISSUER}#key-2` })
    expect(decodeJwt(jwt)).toMatchObject({ sub: uri, iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 86_400, ttl: 300, status_list: { bits: 2 } })
    const list = getListFromStatusListJWT(jwt)
    expect(list.statusList).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])
  })

  it('reports ERR_STATUS_INDEX_INVALID for an index outside the list or given twice', async () => {
    const signer = await createSigner(keys.issuerP256.privateJwk, { kid: `${ISSUER}#key-2` })
    const attempt = (entries: { index: number; status: 'revoked' | 'suspended' }[]) =>
      buildTokenStatusList({ uri, signer, issuer: 'https://uni.example', size: 8, entries }).then(
        () => undefined,
        (error: MicrocertError) => error.code,
      )
    expect(await attempt([{ index: 8, status: 'revoked' }])).toBe('ERR_STATUS_INDEX_INVALID')
    expect(await attempt([{ index: 1.5, status: 'revoked' }])).toBe('ERR_STATUS_INDEX_INVALID')
    expect(await attempt([{ index: 2, status: 'revoked' }, { index: 2, status: 'suspended' }])).toBe('ERR_STATUS_INDEX_INVALID')
  })
})
