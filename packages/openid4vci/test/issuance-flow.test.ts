import { createHash } from 'node:crypto'
import { createMemoryCache } from '@microcert/core'
import { verifySdJwtVc } from '@microcert/core/sd-jwt'
import { SignJWT, importJWK, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CERTIFICATE_ID,
  PRE_AUTH_GRANT,
  STATUS_INDEX,
  credentialRequest,
  nonceRequest,
  preAuthorizedCodeOf,
  proofJwt,
  startUniversity,
  tokenRequest,
  wallet,
  walletKeys,
  type University,
} from './helpers.js'

const VERIFIER = 'https://employer.example'

let uni: University
beforeAll(async () => {
  uni = await startUniversity()
})
afterAll(() => uni.close())

/** Redeems an offer with raw HTTP and returns a fresh access token. */
async function accessTokenFor(txCode?: boolean): Promise<string> {
  const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, txCode === true ? { txCode: true } : {})
  const form: Record<string, string> = { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri) }
  if (offer.txCode !== undefined) form['tx_code'] = offer.txCode
  const { status, body } = await tokenRequest(uni.url, form)
  expect(status).toBe(200)
  return body['access_token'] as string
}

// A fresh cache per verification: a verifier that has no copy of the status list younger than its ttl.
const verifyOptions = (nonce: string) => ({ nonce, audience: VERIFIER, allowInsecureLocalhost: true, trustedIssuers: [uni.did], timeout: 2_000, cache: createMemoryCache() })

describe('OpenID4VCI issuance into a wallet (real HTTP, OWF wallet client)', () => {
  it('puts the micro-credential into the wallet with a PIN, lets the learner hide the grade, verifies, and fails once revoked', async () => {
    const learner = wallet()
    const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, { txCode: true })
    expect(offer.uri.startsWith('openid-credential-offer://?credential_offer=')).toBe(true)
    expect(offer.txCode).toMatch(/^\d{6}$/)

    const sdJwt = await learner.receive(offer.uri, offer.txCode)
    expect(sdJwt.split('~').length).toBeGreaterThan(5)

    const nonce = 'verifier-nonce-1'
    const presentation = await learner.present(sdJwt, ['name', 'issuanceDate'], { nonce, aud: VERIFIER })
    const verified = await verifySdJwtVc(presentation, verifyOptions(nonce))
    expect(verified.checks.filter((c) => c.outcome !== 'passed')).toEqual([])
    expect(verified.status).toBe('verified')
    expect(verified.presentation?.claims).toMatchObject({ title: 'Applied Data Ethics', level: 'EQF-6', notionalWorkload: { value: 3, unit: 'ECTS' }, name: 'Jana Nováková' })
    expect(verified.presentation?.claims).not.toHaveProperty('grade')
    expect(verified.presentation?.claims).not.toHaveProperty('dateOfBirth')
    expect(verified.presentation?.notDisclosed).toEqual(expect.arrayContaining(['grade', 'dateOfBirth', 'identifier']))

    // The same credential, found through the JWT VC Issuer Metadata the issuer serves instead of its DID document.
    const viaMetadata = await verifySdJwtVc(presentation, { ...verifyOptions(nonce), keyDiscovery: 'jwt-vc-issuer' })
    expect(viaMetadata.status).toBe('verified')

    await uni.publishStatus([{ index: STATUS_INDEX, status: 'revoked' }])
    try {
      const revoked = await verifySdJwtVc(presentation, verifyOptions(nonce))
      expect(revoked.status).toBe('failed')
      expect(revoked.checks.find((c) => c.id === 'status')).toMatchObject({ outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED' })
    } finally {
      await uni.publishStatus([])
    }
  })

  it('serves the metadata a wallet needs: issuer, authorization server, JWT VC issuer, type metadata', async () => {
    const get = async (path: string) => (await fetch(`${uni.url}${path}`)).json() as Promise<Record<string, unknown>>
    expect(await get('/.well-known/openid-credential-issuer')).toMatchObject({
      credential_issuer: uni.url,
      credential_endpoint: `${uni.url}/credential`,
      nonce_endpoint: `${uni.url}/nonce`,
      credential_configurations_supported: { 'micro-credential': { format: 'dc+sd-jwt', vct: `${uni.url}/vct/micro-credential` } },
    })
    expect(await get('/.well-known/oauth-authorization-server')).toMatchObject({ issuer: uni.url, token_endpoint: `${uni.url}/token`, 'pre-authorized_grant_anonymous_access_supported': true })
    expect(await get('/.well-known/jwt-vc-issuer')).toMatchObject({ issuer: uni.url, jwks: { keys: [{ kid: `${uni.did}#key-1` }] } })
    expect((await get('/vct/micro-credential'))['vct']).toBe(`${uni.url}/vct/micro-credential`)
  })

  it('reports ERR_KEY_BINDING_SIGNATURE_INVALID when someone else presents the learner\'s credential', async () => {
    const sdJwt = await wallet().receive((await uni.issuer.createCredentialOffer(CERTIFICATE_ID)).uri)
    const thief = wallet(walletKeys.otherWalletP256.privateJwk)
    const stolen = await thief.present(sdJwt, ['name'], { nonce: 'n-2', aud: VERIFIER })
    const result = await verifySdJwtVc(stolen, verifyOptions('n-2'))
    expect(result.checks.find((c) => c.id === 'holder')).toMatchObject({ outcome: 'failed', code: 'ERR_KEY_BINDING_SIGNATURE_INVALID' })
  })

  it('reports ERR_DISCLOSURE_UNKNOWN for a disclosure that was not in the issued credential', async () => {
    const learner = wallet()
    const sdJwt = await learner.receive((await uni.issuer.createCredentialOffer(CERTIFICATE_ID)).uri)
    const forgedGrade = Buffer.from(JSON.stringify(['c2FsdHNhbHRzYWx0c2FsdA', 'grade', 'A'])).toString('base64url')
    const withoutKb = `${sdJwt}${forgedGrade}~`
    const kb = await new SignJWT({ iat: Math.floor(Date.now() / 1000), aud: VERIFIER, nonce: 'n-3', sd_hash: createHash('sha256').update(withoutKb).digest('base64url') })
      .setProtectedHeader({ alg: 'ES256', typ: 'kb+jwt' })
      .sign(await importJWK(walletKeys.walletP256.privateJwk as JWK, 'ES256'))
    const result = await verifySdJwtVc(withoutKb + kb, verifyOptions('n-3'))
    expect(result.checks.find((c) => c.id === 'signature')).toMatchObject({ outcome: 'failed', code: 'ERR_DISCLOSURE_UNKNOWN' })
    expect(result.presentation).toBeUndefined()
  })
})

describe('OpenID4VCI issuance refuses bad requests, each with its own code, and keeps serving', () => {
  it('reports ERR_OFFER_USED for an offer redeemed twice', async () => {
    const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID)
    const form = { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri) }
    expect((await tokenRequest(uni.url, form)).status).toBe(200)
    const again = await tokenRequest(uni.url, form)
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', microcert_code: 'ERR_OFFER_USED' } })
  })

  it('reports ERR_OFFER_EXPIRED for an offer redeemed after it expired', async () => {
    const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, { expiresIn: 60 })
    const started = uni.clock.now
    uni.clock.now = new Date(started.getTime() + 61_000)
    try {
      const result = await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri) })
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant', microcert_code: 'ERR_OFFER_EXPIRED' } })
    } finally {
      uni.clock.now = started
    }
  })

  it('reports ERR_OFFER_NOT_FOUND for a code the issuer never made', async () => {
    const result = await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': 'made-up-code' })
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant', microcert_code: 'ERR_OFFER_NOT_FOUND' } })
  })

  it('reports ERR_TX_CODE_INVALID for a wrong or missing PIN, and withdraws the offer after three wrong ones', async () => {
    const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, { txCode: '123456' })
    const code = preAuthorizedCodeOf(offer.uri)
    const attempt = (txCode?: string) => tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': code, ...(txCode === undefined ? {} : { tx_code: txCode }) })
    expect(await attempt('654321')).toMatchObject({ status: 400, body: { error: 'invalid_grant', microcert_code: 'ERR_TX_CODE_INVALID' } })
    expect(await attempt()).toMatchObject({ status: 400, body: { microcert_code: 'ERR_TX_CODE_INVALID' } })
    expect(await attempt('000000')).toMatchObject({ status: 400, body: { microcert_code: 'ERR_TX_CODE_INVALID' } })
    // Three wrong PINs: even the right one no longer works.
    expect(await attempt('123456')).toMatchObject({ status: 400, body: { microcert_code: 'ERR_OFFER_USED' } })
  })

  it('accepts the right PIN after a typo', async () => {
    const offer = await uni.issuer.createCredentialOffer(CERTIFICATE_ID, { txCode: '246810' })
    const code = preAuthorizedCodeOf(offer.uri)
    expect((await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': code, tx_code: '246811' })).status).toBe(400)
    expect((await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': code, tx_code: '246810' })).status).toBe(200)
  })

  it('reports ERR_PROOF_NONCE_INVALID for a proof with a nonce the issuer did not hand out, or one already used', async () => {
    const token = await accessTokenFor()
    const iat = Math.floor(uni.clock.now.getTime() / 1000)
    const made = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat, nonce: 'not-from-this-issuer' })
    const unknown = await credentialRequest(uni.url, token, { credential_configuration_id: 'micro-credential', proofs: { jwt: [made] } })
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_nonce', microcert_code: 'ERR_PROOF_NONCE_INVALID' } })

    const nonce = await nonceRequest(uni.url)
    const good = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat, nonce })
    expect((await credentialRequest(uni.url, token, { credential_configuration_id: 'micro-credential', proofs: { jwt: [good] } })).status).toBe(200)
    const replay = await credentialRequest(uni.url, await accessTokenFor(), { credential_configuration_id: 'micro-credential', proofs: { jwt: [good] } })
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_nonce', microcert_code: 'ERR_PROOF_NONCE_INVALID' } })
  })

  it('reports ERR_PROOF_AUDIENCE_INVALID for a proof made for another issuer', async () => {
    const token = await accessTokenFor()
    const proof = await proofJwt(walletKeys.walletP256.privateJwk, { aud: 'https://other-issuer.example', iat: Math.floor(uni.clock.now.getTime() / 1000), nonce: await nonceRequest(uni.url) })
    const result = await credentialRequest(uni.url, token, { credential_configuration_id: 'micro-credential', proofs: { jwt: [proof] } })
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_proof', microcert_code: 'ERR_PROOF_AUDIENCE_INVALID' } })
  })

  it('reports ERR_PROOF_INVALID for a stale proof, a wrong typ, or a signature by another key than the one in the header', async () => {
    const token = await accessTokenFor()
    const now = Math.floor(uni.clock.now.getTime() / 1000)
    const send = async (proof: string) => credentialRequest(uni.url, token, { credential_configuration_id: 'micro-credential', proofs: { jwt: [proof] } })
    const stale = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat: now - 3_600, nonce: await nonceRequest(uni.url) })
    expect(await send(stale)).toMatchObject({ status: 400, body: { error: 'invalid_proof', microcert_code: 'ERR_PROOF_INVALID' } })
    const wrongTyp = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat: now, nonce: await nonceRequest(uni.url) }, { typ: 'JWT' })
    expect(await send(wrongTyp)).toMatchObject({ status: 400, body: { microcert_code: 'ERR_PROOF_INVALID' } })
    const { d: _d, ...otherPublic } = walletKeys.otherWalletP256.privateJwk
    const mismatched = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat: now, nonce: await nonceRequest(uni.url) }, { jwk: otherPublic })
    expect(await send(mismatched)).toMatchObject({ status: 400, body: { microcert_code: 'ERR_PROOF_INVALID' } })
  })

  it('reports ERR_ACCESS_TOKEN_INVALID without a token, with an unknown one, and for a token already used', async () => {
    const body = { credential_configuration_id: 'micro-credential', proofs: { jwt: ['x.y.z'] } }
    expect(await credentialRequest(uni.url, undefined, body)).toMatchObject({ status: 401, body: { error: 'invalid_token', microcert_code: 'ERR_ACCESS_TOKEN_INVALID' } })
    expect(await credentialRequest(uni.url, 'A'.repeat(43), body)).toMatchObject({ status: 401, body: { microcert_code: 'ERR_ACCESS_TOKEN_INVALID' } })
    const token = await accessTokenFor()
    const proof = async () => proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat: Math.floor(uni.clock.now.getTime() / 1000), nonce: await nonceRequest(uni.url) })
    expect((await credentialRequest(uni.url, token, { ...body, proofs: { jwt: [await proof()] } })).status).toBe(200)
    expect(await credentialRequest(uni.url, token, { ...body, proofs: { jwt: [await proof()] } })).toMatchObject({ status: 401, body: { microcert_code: 'ERR_ACCESS_TOKEN_INVALID' } })
  })

  it('reports ERR_CREDENTIAL_REQUEST_INVALID for malformed requests and unknown credential configurations', async () => {
    const token = await accessTokenFor()
    expect(await credentialRequest(uni.url, token, '{not json')).toMatchObject({ status: 400, body: { microcert_code: 'ERR_CREDENTIAL_REQUEST_INVALID' } })
    expect(await credentialRequest(uni.url, token, { credential_configuration_id: 'diploma' })).toMatchObject({ status: 400, body: { microcert_code: 'ERR_CREDENTIAL_REQUEST_INVALID' } })
    const wrongGrant = await tokenRequest(uni.url, { grant_type: 'client_credentials' })
    expect(wrongGrant).toMatchObject({ status: 400, body: { microcert_code: 'ERR_CREDENTIAL_REQUEST_INVALID' } })
    const huge = await fetch(`${uni.url}/credential`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: 'x'.repeat(200_000) })
    expect(huge.status).toBe(413)
  })

  it('still issues after every refusal above', async () => {
    const sdJwt = await wallet().receive((await uni.issuer.createCredentialOffer(CERTIFICATE_ID)).uri)
    expect(sdJwt.startsWith('ey')).toBe(true)
  })

  it('refuses an offer whose credential is gone with ERR_RECORD_NOT_FOUND', async () => {
    const offer = await uni.issuer.createCredentialOffer('MC-0000-0000-0000-0000-0')
    const { body } = await tokenRequest(uni.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri) })
    const nonce = await nonceRequest(uni.url)
    const proof = await proofJwt(walletKeys.walletP256.privateJwk, { aud: uni.url, iat: Math.floor(uni.clock.now.getTime() / 1000), nonce })
    const result = await credentialRequest(uni.url, body['access_token'] as string, { credential_configuration_id: 'micro-credential', proofs: { jwt: [proof] } })
    expect(result).toMatchObject({ status: 400, body: { error: 'credential_request_denied', microcert_code: 'ERR_RECORD_NOT_FOUND' } })
  })
})

describe('OpenID4VCI issuance when the issuer itself fails', () => {
  it('answers 500 server_error (no internals) when loading the credential throws, and keeps serving', async () => {
    const broken = await startUniversity({
      loadCredential: async () => {
        throw new Error('database unreachable at 10.0.0.5')
      },
    })
    try {
      const offer = await broken.issuer.createCredentialOffer(CERTIFICATE_ID)
      const { body } = await tokenRequest(broken.url, { grant_type: PRE_AUTH_GRANT, 'pre-authorized_code': preAuthorizedCodeOf(offer.uri) })
      const proof = await proofJwt(walletKeys.walletP256.privateJwk, { aud: broken.url, iat: Math.floor(broken.clock.now.getTime() / 1000), nonce: await nonceRequest(broken.url) })
      const result = await credentialRequest(broken.url, body['access_token'] as string, { credential_configuration_id: 'micro-credential', proofs: { jwt: [proof] } })
      expect(result.status).toBe(500)
      expect(result.body).toEqual({ error: 'server_error', error_description: 'The issuer could not complete the request' })
      expect((await fetch(`${broken.url}/.well-known/openid-credential-issuer`)).status).toBe(200)
    } finally {
      await broken.close()
    }
  })
})
