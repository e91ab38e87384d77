import { createMemoryCache, createMemoryIssuanceStateStore } from '@microcert/core'
import { verifySdJwtVc } from '@microcert/core/sd-jwt'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOpenid4vciIssuer } from '../src/index.js'
import { CERTIFICATE_ID, keys, startUniversity, wallet, type University } from './helpers.js'

const VERIFIER = 'https://employer.example'

let uni: University
beforeAll(async () => {
  uni = await startUniversity()
})
afterAll(() => uni.close())

describe('wallet links: a learner’s personal, reusable way into the wallet', { timeout: 30_000 }, () => {
  it('puts the credential into a wallet through credential_offer_uri, a fresh single-use offer each time', async () => {
    const link = await uni.issuer.walletLink(CERTIFICATE_ID)
    expect(link.offerUrl).toBe(`${uni.url}/offers/${CERTIFICATE_ID}/${link.key}`)
    expect(link.uri).toBe(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(link.offerUrl)}`)
    expect(link.key).toMatch(/^[A-Za-z0-9_-]{32}$/)

    const first = await (await fetch(link.offerUrl)).json()
    const second = await (await fetch(link.offerUrl)).json()
    const code = (offer: { grants: Record<string, { 'pre-authorized_code': string }> }) =>
      offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code']
    expect(code(first)).not.toBe(code(second))

    // The OpenWallet Foundation client fetches the offer by reference and redeems it, twice over the same link.
    for (const nonce of ['n-link-1', 'n-link-2']) {
      const learner = wallet()
      const sdJwt = await learner.receive(link.uri)
      const presentation = await learner.present(sdJwt, ['name'], { nonce, aud: VERIFIER })
      const result = await verifySdJwtVc(presentation, {
        nonce,
        audience: VERIFIER,
        allowInsecureLocalhost: true,
        trustedIssuers: [uni.did],
        timeout: 2_000,
        cache: createMemoryCache(),
      })
      expect(result.status).toBe('verified')
    }
  })

  it('serves the link as a QR code that decodes to the credential_offer_uri link', async () => {
    const link = await uni.issuer.walletLink(CERTIFICATE_ID)
    const response = await fetch(link.qrUrl)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(link.uri)
  })

  it('reports ERR_OFFER_NOT_FOUND for a wrong key (also for the QR code), and mints nothing', async () => {
    const link = await uni.issuer.walletLink(CERTIFICATE_ID)
    const wrong = `${link.key.slice(0, -1)}${link.key.endsWith('A') ? 'B' : 'A'}`
    for (const url of [`${uni.url}/offers/${CERTIFICATE_ID}/${wrong}`, `${uni.url}/offers/${CERTIFICATE_ID}/${wrong}/qr.png`, `${uni.url}/offers/${CERTIFICATE_ID}/short`]) {
      const response = await fetch(url)
      expect(response.status).toBe(404)
      expect(await response.json()).toMatchObject({ microcert_code: 'ERR_OFFER_NOT_FOUND' })
    }
    // the key of one credential opens no other
    const other = await fetch(`${uni.url}/offers/MC-0000-0000-0000-0000-0/${link.key}`)
    expect((await other.json()) as unknown).toMatchObject({ microcert_code: 'ERR_OFFER_NOT_FOUND' })
  })

  it('reports ERR_RECORD_NOT_FOUND (410) when the credential behind a genuine link is gone', async () => {
    const link = await uni.issuer.walletLink('MC-0000-0000-0000-0000-0')
    const response = await fetch(link.offerUrl)
    expect(response.status).toBe(410)
    expect(await response.json()).toMatchObject({ microcert_code: 'ERR_RECORD_NOT_FOUND' })
  })

  it('keeps the link secret in the shared state, so every server process honours the same links', async () => {
    const state = createMemoryIssuanceStateStore()
    const make = () =>
      createOpenid4vciIssuer({
        credentialIssuer: 'https://uni.example/wallet',
        signer: uni.signer,
        publicJwk: keys.issuerP256.publicJwk,
        state,
        loadCredential: async () => undefined,
      })
    const [a, b] = await Promise.all([make().walletLink(CERTIFICATE_ID), make().walletLink(CERTIFICATE_ID)])
    expect(a).toEqual(b)
    expect(a.offerUrl).toBe(`https://uni.example/wallet/offers/${CERTIFICATE_ID}/${a.key}`)
    const elsewhere = createOpenid4vciIssuer({
      credentialIssuer: 'https://uni.example/wallet',
      signer: uni.signer,
      publicJwk: keys.issuerP256.publicJwk,
      state: createMemoryIssuanceStateStore(),
      loadCredential: async () => undefined,
    })
    expect((await elsewhere.walletLink(CERTIFICATE_ID)).key).not.toBe(a.key)
    expect(() =>
      createOpenid4vciIssuer({ credentialIssuer: 'https://uni.example', signer: uni.signer, publicJwk: {}, state, loadCredential: async () => undefined, walletLinkSecret: 'short' }),
    ).toThrow(TypeError)
  })
})
