import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { MicrocertError, isMicrocertError, type IssuanceStateStore, type Signer } from '@microcert/core'
import {
  buildJwtVcIssuerMetadata,
  buildMicroCredentialTypeMetadata,
  issueSdJwtVc,
  jwtVcIssuerMetadataUrl,
  microCredentialVct,
  type SdJwtVcHolderData,
  type TokenStatusReference,
} from '@microcert/core/sd-jwt'
import type { MicroCredential } from '@microcert/schemas'
import {
  Oauth2AuthorizationServer,
  Oauth2ServerErrorResponseError,
  preAuthorizedCodeGrantIdentifier,
  type AuthorizationServerMetadata,
  type HttpMethod,
} from '@openid4vc/oauth2'
import {
  Openid4vciIssuer as LibraryIssuer,
  Openid4vciVersion,
  setGlobalConfig,
  type CredentialConfigurationSupportedWithFormats,
  type CredentialIssuerMetadata,
  type IssuerMetadataResult,
} from '@openid4vc/openid4vci'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { issuerCallbacks } from './lib/library-callbacks.js'
import { noStore, oauthError } from './lib/oauth-error.js'
import { renderQrPng } from './render-qr-png.js'

/** What the issuer hands out for an offer: the micro-credential, its place in the Token Status List, personal data kept outside it. */
export interface CredentialToIssue {
  credential: MicroCredential
  status?: TokenStatusReference
  holder?: SdJwtVcHolderData
}

/** Options of `createOpenid4vciIssuer`. */
export interface Openid4vciIssuerOptions {
  /**
   * The credential issuer identifier: the URL the handler answers at (its root, e.g. `https://uni.example/wallet`).
   * The handler sees full request paths, so mount it at the origin root or forward paths unchanged.
   */
  credentialIssuer: string
  /** The issuer's key; it signs the SD-JWT VCs. */
  signer: Signer
  /** The public JWK of `signer`, for the JWT VC Issuer Metadata. */
  publicJwk: JsonWebKey
  /** The `iss` of the SD-JWT VCs (the registry URL). Default: `credentialIssuer`. */
  sdJwtIssuer?: string
  /** The `vct`. Default: `microCredentialVct(sdJwtIssuer)`. */
  vct?: string
  /** Where offers, codes, tokens and nonces live: `createMemoryIssuanceStateStore()`, `createFileIssuanceStateStore(dir)`, or the issuer store's. */
  state: IssuanceStateStore
  /** Loads what an offer's subject (e.g. a certificate ID) stands for; undefined when it no longer exists. */
  loadCredential(subject: string): Promise<CredentialToIssue | undefined>
  /** The issuer's name shown by wallets. Default: none. */
  issuerName?: string
  /** Seconds an offer stays redeemable. Default 600. */
  offerTtl?: number
  /** Seconds an access token stays valid. Default 300. */
  accessTokenTtl?: number
  /** Seconds a nonce stays valid. Default 300. */
  nonceTtl?: number
  /** Oldest proof of possession accepted (its `iat`), in seconds. Default 300. */
  proofMaxAge?: number
  /** Allowed clock skew in seconds. Default 60. */
  clockTolerance?: number
  /** Wrong PINs accepted before an offer is withdrawn. Default 3. */
  maxTxCodeAttempts?: number
  /** Clock. Default `() => new Date()`. */
  now?: () => Date
  /**
   * Serve and accept `http://localhost` / `127.0.0.1` URLs (tests, demos). This switches on the insecure-URL mode of
   * `@openid4vc/*` for the whole process. Default false.
   */
  allowInsecureLocalhost?: boolean
  /**
   * The secret that makes wallet links (`walletLink`), at least 32 bytes. Default: a random one kept in `state` (under
   * the key `wallet-link-secret`, made on first use), so every server process sharing the state honours the same links.
   * A new secret voids every wallet link handed out before.
   */
  walletLinkSecret?: string | Uint8Array
}

/**
 * A learner's personal, reusable way into the wallet: a `credential_offer_uri` at this server that mints a fresh,
 * single-use offer each time a wallet opens it. Give it to the learner only (it is as good as their offer).
 */
export interface WalletLink {
  /** The secret part (base64url), for the share page's `#wallet=<key>` fragment. */
  key: string
  /** `<credentialIssuer>/offers/<subject>/<key>`: the offer a wallet fetches (JSON). */
  offerUrl: string
  /** `openid-credential-offer://?credential_offer_uri=…`: what a wallet scans or opens. */
  uri: string
  /** `<offerUrl>/qr.png`: `uri` as a PNG QR code. */
  qrUrl: string
}

/** A credential offer, ready to show as a QR code or link. */
export interface CredentialOffer {
  /** `openid-credential-offer://?credential_offer=…`, what a wallet scans. */
  uri: string
  /** The transaction code (PIN) to tell the learner by another channel, when the offer has one. */
  txCode?: string
  expiresAt: Date
}

/** The issuance server returned by `createOpenid4vciIssuer`. */
export interface Openid4vciIssuer {
  /** Fetch-style handler (`(Request) => Promise<Response>`): Hono, Next.js route handlers, Deno, Bun, Cloudflare. */
  fetch(request: Request): Promise<Response>
  /** `node:http` request listener: `createServer(issuer.listener)`, Express `app.use(issuer.listener)`. */
  listener(request: IncomingMessage, response: ServerResponse): void
  /**
   * Creates a single-use credential offer for `subject` (e.g. a certificate ID) with a pre-authorized code, and a
   * numeric PIN when `txCode` is true (or the PIN given).
   */
  createCredentialOffer(subject: string, options?: { txCode?: boolean | string; expiresIn?: number }): Promise<CredentialOffer>
  /**
   * The learner's wallet link for `subject`: it never expires, and each use mints a fresh single-use offer (served at
   * `GET <credentialIssuer>/offers/<subject>/<key>`, its QR code at `…/qr.png`). The key is an HMAC of the subject.
   */
  walletLink(subject: string): Promise<WalletLink>
  /** The credential issuer metadata the handler serves. */
  readonly metadata: CredentialIssuerMetadata
}

const CONFIGURATION_ID = 'micro-credential'
const PROOF_TYP = 'openid4vci-proof+jwt'
const MAX_BODY = 64 * 1024
const LOCAL = new Set(['localhost', '127.0.0.1'])
const LINK_SECRET_KEY = 'wallet-link-secret'
/** Kept until someone replaces the state: wallet links do not expire. */
const FOREVER = new Date(Date.UTC(9999, 11, 31))
const LINK_KEY = /^[A-Za-z0-9_-]{32}$/

/**
 * Creates an OpenID for Verifiable Credential Issuance (OpenID4VCI 1.0) server, with `@openid4vc/openid4vci`, that puts
 * micro-credentials into the learner's wallet as SD-JWT VCs: credential issuer and authorization server metadata, the
 * pre-authorized code flow with an optional PIN, a nonce endpoint, and a credential endpoint that checks the wallet's
 * proof of possession (nonce, audience, freshness, signature). Offers, codes, tokens and nonces are single-use and
 * expire; they live in `state`. Every refusal is an OAuth error with a `microcert_code`.
 *
 * @example
 * const issuer = createOpenid4vciIssuer({ credentialIssuer: 'https://uni.example', signer, publicJwk, state: createMemoryIssuanceStateStore(), loadCredential })
 * createServer(issuer.listener).listen(8443)
 * const { uri, txCode } = await issuer.createCredentialOffer('MC-7KQ4-9XJ2-PM3A-W8TD-K', { txCode: true })
 * @throws TypeError for malformed options (a URL that is not https, or http on a host other than localhost)
 */
export function createOpenid4vciIssuer(options: Openid4vciIssuerOptions): Openid4vciIssuer {
  if (typeof options !== 'object' || options === null) throw new TypeError('createOpenid4vciIssuer(options): options must be an object')
  const insecure = options.allowInsecureLocalhost === true
  const base = checkUrl(options.credentialIssuer, 'credentialIssuer', insecure)
  const sdJwtIssuer = options.sdJwtIssuer === undefined ? base : checkUrl(options.sdJwtIssuer, 'sdJwtIssuer', insecure)
  const vct = options.vct ?? microCredentialVct(sdJwtIssuer)
  if (typeof options.signer?.sign !== 'function') throw new TypeError('createOpenid4vciIssuer options.signer must be a microcert Signer')
  if (typeof options.loadCredential !== 'function') throw new TypeError('createOpenid4vciIssuer options.loadCredential must be a function')
  if (typeof options.state?.consume !== 'function') throw new TypeError('createOpenid4vciIssuer options.state must be an IssuanceStateStore')
  if (insecure) setGlobalConfig({ allowInsecureUrls: true })
  const givenSecret = options.walletLinkSecret === undefined ? undefined : Buffer.from(options.walletLinkSecret)
  if (givenSecret !== undefined && givenSecret.length < 32) throw new TypeError('createOpenid4vciIssuer options.walletLinkSecret must be at least 32 bytes')
  const now = options.now ?? (() => new Date())
  const offerTtl = options.offerTtl ?? 600
  const accessTokenTtl = options.accessTokenTtl ?? 300
  const nonceTtl = options.nonceTtl ?? 300
  const proofMaxAge = options.proofMaxAge ?? 300
  const clockTolerance = options.clockTolerance ?? 60
  const maxTxCodeAttempts = options.maxTxCodeAttempts ?? 3
  const state = options.state

  const callbacks = issuerCallbacks()
  const library = new LibraryIssuer({ callbacks })
  const authorizationServer = new Oauth2AuthorizationServer({ callbacks })
  const root = new URL(base)
  const path = root.pathname.replace(/\/+$/, '')
  const endpoint = (name: string) => `${root.origin}${path}/${name}`

  const configuration = {
    format: 'dc+sd-jwt',
    vct,
    scope: 'MicroCredential',
    cryptographic_binding_methods_supported: ['jwk'],
    credential_signing_alg_values_supported: [options.signer.alg],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256', 'EdDSA'] } },
    display: [{ name: 'Micro-credential', locale: 'en' }],
  } satisfies CredentialConfigurationSupportedWithFormats
  const credentialIssuerMetadata = library.createCredentialIssuerMetadata({
    credential_issuer: base,
    credential_endpoint: endpoint('credential'),
    nonce_endpoint: endpoint('nonce'),
    credential_configurations_supported: { [CONFIGURATION_ID]: configuration },
    ...(options.issuerName === undefined ? {} : { display: [{ name: options.issuerName, locale: 'en' }] }),
  })
  const authorizationServerMetadata: AuthorizationServerMetadata = authorizationServer.createAuthorizationServerMetadata({
    issuer: base,
    token_endpoint: endpoint('token'),
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
    response_types_supported: [],
  } as AuthorizationServerMetadata)
  const issuerMetadata: IssuerMetadataResult = {
    credentialIssuer: credentialIssuerMetadata,
    authorizationServers: [authorizationServerMetadata],
    originalDraftVersion: Openid4vciVersion.V1,
    knownCredentialConfigurations: { [CONFIGURATION_ID]: configuration },
  }

  const app = new Hono()
  app.onError((error) => {
    // The handler must keep serving after anything unexpected; the cause stays in the server log, not the response.
    console.error('microcert openid4vci: unexpected error', error)
    return oauthError(500, 'server_error', undefined, 'The issuer could not complete the request')
  })
  const limit = bodyLimit({ maxSize: MAX_BODY, onError: () => oauthError(413, 'invalid_request', 'ERR_INPUT_TOO_LARGE', `The request body exceeds ${MAX_BODY} bytes`) })
  const wellKnown = (name: string) => [...new Set([`/.well-known/${name}${path}`, `${path}/.well-known/${name}`])]
  for (const route of wellKnown('openid-credential-issuer')) app.get(route, () => Response.json(credentialIssuerMetadata))
  for (const route of wellKnown('oauth-authorization-server')) app.get(route, () => Response.json(authorizationServerMetadata))
  const jwtVcIssuer = new URL(jwtVcIssuerMetadataUrl(sdJwtIssuer))
  if (jwtVcIssuer.origin === root.origin) {
    const document = buildJwtVcIssuerMetadata({ issuer: sdJwtIssuer, keys: [{ kid: options.signer.kid, publicJwk: options.publicJwk }] })
    app.get(jwtVcIssuer.pathname, () => Response.json(document))
  }
  const vctUrl = URL.canParse(vct) ? new URL(vct) : undefined
  if (vctUrl?.origin === root.origin) {
    const typeMetadata = buildMicroCredentialTypeMetadata({ vct })
    app.get(vctUrl.pathname, () => Response.json(typeMetadata))
  }
  app.post(`${path}/nonce`, async () => noStore(library.createNonceResponse({ cNonce: await createNonce(), cNonceExpiresIn: nonceTtl })))
  app.get(`${path}/offers/:subject/:key`, (c) => offerFromLink(c.req.param('subject'), c.req.param('key')))
  app.get(`${path}/offers/:subject/:key/qr.png`, (c) => qrFromLink(c.req.param('subject'), c.req.param('key')))

  let linkSecret: Promise<Buffer> | undefined
  function secret(): Promise<Buffer> {
    if (givenSecret !== undefined) return Promise.resolve(givenSecret)
    linkSecret ??= (async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const found = await state.get(LINK_SECRET_KEY, now())
        if (found.state === 'live' && typeof found.value['secret'] === 'string') return Buffer.from(found.value['secret'], 'base64url')
        // Another process may create it at the same moment: only one create wins, and both then read the winner's.
        await state.create(LINK_SECRET_KEY, { secret: randomBytes(32).toString('base64url') }, FOREVER)
      }
      throw new MicrocertError('ERR_WRITE_FAILED', 'The wallet link secret could not be kept in the issuance state')
    })()
    linkSecret.catch(() => (linkSecret = undefined))
    return linkSecret
  }

  async function linkKey(subject: string): Promise<string> {
    return createHmac('sha256', await secret()).update(`wallet-link\n${subject}`).digest('base64url').slice(0, 32)
  }

  async function walletLink(subject: string): Promise<WalletLink> {
    const key = await linkKey(subject)
    const offerUrl = `${endpoint('offers')}/${encodeURIComponent(subject)}/${key}`
    return { key, offerUrl, uri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(offerUrl)}`, qrUrl: `${offerUrl}/qr.png` }
  }

  /** Whether `key` is the link key of `subject`; compared in constant time. */
  async function linkMatches(subject: string, key: string): Promise<boolean> {
    if (!LINK_KEY.test(key) || subject.length === 0 || subject.length > 200) return false
    return sameMac(await linkKey(subject), key)
  }

  const unknownLink = () => oauthError(404, 'invalid_request', 'ERR_OFFER_NOT_FOUND', 'No wallet link with this key')

  async function offerFromLink(subject: string, key: string): Promise<Response> {
    if (!(await linkMatches(subject, key))) return unknownLink()
    if ((await options.loadCredential(subject)) === undefined) {
      return oauthError(410, 'invalid_request', 'ERR_RECORD_NOT_FOUND', 'The credential of this wallet link is no longer available')
    }
    const offer = await makeOffer(subject, {})
    return noStore(offer.credentialOfferObject)
  }

  async function qrFromLink(subject: string, key: string): Promise<Response> {
    if (!(await linkMatches(subject, key))) return unknownLink()
    const png = await renderQrPng((await walletLink(subject)).uri, { width: 512 })
    return new Response(new Blob([png as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': 'image/png', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } })
  }
  app.post(`${path}/token`, limit, (c) => token(c))
  app.post(`${path}/credential`, limit, (c) => credential(c))

  async function createNonce(): Promise<string> {
    const nonce = randomBytes(24).toString('base64url')
    await state.create(`nonce:${nonce}`, {}, new Date(now().getTime() + nonceTtl * 1000))
    return nonce
  }

  async function token(c: Context): Promise<Response> {
    const request = c.req.raw
    if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'ERR_CREDENTIAL_REQUEST_INVALID', 'The token request must be application/x-www-form-urlencoded')
    }
    const form = Object.fromEntries(new URLSearchParams(await request.text()))
    const requestLike = { headers: request.headers, method: request.method as HttpMethod, url: request.url }
    let parsed: ReturnType<Oauth2AuthorizationServer['parseAccessTokenRequest']>
    try {
      parsed = authorizationServer.parseAccessTokenRequest({ accessTokenRequest: form, request: requestLike })
    } catch (error) {
      return fromLibraryError(error, 'ERR_CREDENTIAL_REQUEST_INVALID')
    }
    if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) {
      return oauthError(400, 'unsupported_grant_type', 'ERR_CREDENTIAL_REQUEST_INVALID', 'Only the pre-authorized code grant is supported')
    }
    const code = parsed.grant.preAuthorizedCode
    const offerKey = `offer:${digest(code)}`
    const found = await state.get(offerKey, now())
    if (found.state !== 'live') return offerProblem(found.state)
    const offer = found.value as { subject: string; txCodeMac?: string; txCodeSalt?: string }
    if (offer.txCodeMac !== undefined) {
      const given = parsed.grant.txCode
      if (typeof given !== 'string' || !sameMac(offer.txCodeMac, mac(offer.txCodeSalt!, given))) {
        const attempts = await countFailedAttempt(code)
        if (attempts >= maxTxCodeAttempts) await state.consume(offerKey, now())
        const left = Math.max(0, maxTxCodeAttempts - attempts)
        return oauthError(400, 'invalid_grant', 'ERR_TX_CODE_INVALID', left > 0 ? `The PIN is wrong (${left} attempt(s) left)` : 'The PIN is wrong; the offer is withdrawn')
      }
    }
    try {
      await authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
        authorizationServerMetadata,
        grant: parsed.grant,
        accessTokenRequest: parsed.accessTokenRequest,
        request: requestLike,
        expectedPreAuthorizedCode: code,
        ...(offer.txCodeMac === undefined ? {} : { expectedTxCode: parsed.grant.txCode }),
        now: now(),
      })
    } catch (error) {
      return fromLibraryError(error, 'ERR_CREDENTIAL_REQUEST_INVALID')
    }
    const redeemed = await state.consume(offerKey, now())
    if (redeemed.state !== 'live') return offerProblem(redeemed.state)
    const accessToken = randomBytes(32).toString('base64url')
    await state.create(`token:${digest(accessToken)}`, { subject: offer.subject }, new Date(now().getTime() + accessTokenTtl * 1000))
    // An opaque, single-use token kept in `state` (the library's JWT access tokens could be replayed until they expire).
    return noStore({ access_token: accessToken, token_type: 'Bearer', expires_in: accessTokenTtl, c_nonce: await createNonce(), c_nonce_expires_in: nonceTtl })
  }

  async function countFailedAttempt(code: string): Promise<number> {
    for (let attempt = 1; attempt <= maxTxCodeAttempts; attempt++) {
      if (await state.create(`pin-fail:${digest(code)}:${attempt}`, {}, new Date(now().getTime() + offerTtl * 1000))) return attempt
    }
    return maxTxCodeAttempts
  }

  async function credential(c: Context): Promise<Response> {
    const request = c.req.raw
    const authorization = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(request.headers.get('authorization') ?? '')
    const unauthorized = (why: string) => oauthError(401, 'invalid_token', 'ERR_ACCESS_TOKEN_INVALID', why, { 'www-authenticate': 'Bearer error="invalid_token"' })
    if (authorization === null) return unauthorized('The request has no Bearer access token')
    const tokenKey = `token:${digest(authorization[1]!)}`
    const grant = await state.get(tokenKey, now())
    if (grant.state !== 'live') return unauthorized(`The access token is ${grant.state === 'missing' ? 'unknown' : grant.state}`)

    let body: Record<string, unknown>
    try {
      body = (await request.json()) as Record<string, unknown>
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new TypeError('not an object')
    } catch {
      return oauthError(400, 'invalid_credential_request', 'ERR_CREDENTIAL_REQUEST_INVALID', 'The credential request is not a JSON object')
    }
    let parsed: ReturnType<LibraryIssuer['parseCredentialRequest']>
    try {
      parsed = library.parseCredentialRequest({ issuerMetadata, credentialRequest: body })
    } catch (error) {
      return fromLibraryError(error, 'ERR_CREDENTIAL_REQUEST_INVALID', 'invalid_credential_request')
    }
    const format = parsed.format as { format?: string; vct?: string } | undefined
    const asksForOurs = parsed.credentialConfigurationId === CONFIGURATION_ID || (format?.format === 'dc+sd-jwt' && format.vct === vct)
    if (!asksForOurs) {
      return oauthError(400, 'unknown_credential_configuration', 'ERR_CREDENTIAL_REQUEST_INVALID', `This issuer offers only "${CONFIGURATION_ID}" (dc+sd-jwt, vct ${vct})`)
    }
    const proofs = parsed.proofs?.jwt
    if (proofs === undefined || proofs.length !== 1) {
      return oauthError(400, 'invalid_proof', 'ERR_PROOF_INVALID', 'The request needs exactly one proof of possession of type "jwt"')
    }
    const proof = await checkProof(proofs[0]!)
    if ('response' in proof) return proof.response

    const redeemed = await state.consume(tokenKey, now())
    if (redeemed.state !== 'live') return unauthorized(`The access token is ${redeemed.state === 'missing' ? 'unknown' : redeemed.state}`)
    const subject = String((redeemed.value as { subject?: unknown }).subject)
    const toIssue = await options.loadCredential(subject)
    if (toIssue === undefined) {
      return oauthError(400, 'credential_request_denied', 'ERR_RECORD_NOT_FOUND', 'The credential of this offer is no longer available')
    }
    let sdJwt: string
    try {
      sdJwt = await issueSdJwtVc(toIssue.credential, {
        signer: options.signer,
        issuer: sdJwtIssuer,
        vct,
        holderKey: proof.holderKey,
        ...(toIssue.status === undefined ? {} : { status: toIssue.status }),
        ...(toIssue.holder === undefined ? {} : { holder: toIssue.holder }),
        now: now(),
      })
    } catch (error) {
      if (isMicrocertError(error) && error.code === 'ERR_KEY_INVALID') return oauthError(400, 'invalid_proof', 'ERR_PROOF_INVALID', error.message)
      throw error
    }
    const credentialResponse = library.createCredentialResponse({
      credentialRequest: parsed,
      ...(parsed.credentialConfigurationId === undefined ? { credential: sdJwt } : { credentials: [{ credential: sdJwt }] }),
    })
    return noStore(credentialResponse)
  }

  /** The proof-of-possession checks: type, audience, freshness, signature (the library), then the single-use nonce. */
  async function checkProof(jwt: string): Promise<{ holderKey: JsonWebKey } | { response: Response }> {
    const invalid = (why: string) => ({ response: oauthError(400, 'invalid_proof', 'ERR_PROOF_INVALID', why) })
    let header: Record<string, unknown>
    let payload: Record<string, unknown>
    try {
      header = decodeProtectedHeader(jwt) as Record<string, unknown>
      payload = decodeJwt(jwt) as Record<string, unknown>
    } catch {
      return invalid('The proof of possession is not a JWT')
    }
    if (header['typ'] !== PROOF_TYP) return invalid(`The proof of possession must have typ "${PROOF_TYP}"`)
    if (typeof header['jwk'] !== 'object' || header['jwk'] === null) return invalid('The proof of possession must carry the wallet key in its "jwk" header')
    const aud = payload['aud']
    if (aud !== base && !(Array.isArray(aud) && aud.includes(base))) {
      return { response: oauthError(400, 'invalid_proof', 'ERR_PROOF_AUDIENCE_INVALID', `The proof of possession is for "${String(aud).slice(0, 200)}", not this issuer "${base}"`) }
    }
    const iat = payload['iat']
    const nowSeconds = now().getTime() / 1000
    if (typeof iat !== 'number' || iat > nowSeconds + clockTolerance || iat < nowSeconds - proofMaxAge - clockTolerance) {
      return invalid(`The proof of possession must be made within the last ${proofMaxAge} s ("iat")`)
    }
    const nonce = payload['nonce']
    if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > 200) {
      return { response: oauthError(400, 'invalid_nonce', 'ERR_PROOF_NONCE_INVALID', 'The proof of possession has no nonce; get one from the nonce endpoint') }
    }
    let holderKey: JsonWebKey
    try {
      const verified = await library.verifyCredentialRequestJwtProof({ issuerMetadata, jwt, expectedNonce: nonce, now: now() })
      holderKey = verified.signer.publicJwk as JsonWebKey
    } catch {
      return invalid('The proof of possession is not signed by the key in its header')
    }
    const used = await state.consume(`nonce:${nonce}`, now())
    if (used.state !== 'live') {
      return { response: oauthError(400, 'invalid_nonce', 'ERR_PROOF_NONCE_INVALID', `The nonce of the proof is ${used.state === 'missing' ? 'not one this issuer handed out' : used.state}; get a fresh one from the nonce endpoint`) }
    }
    return { holderKey }
  }

  async function makeOffer(subject: string, offerOptions: { txCode?: boolean | string; expiresIn?: number }) {
    const ttl = offerOptions.expiresIn ?? offerTtl
    if (!Number.isSafeInteger(ttl) || ttl < 1) throw new TypeError('createCredentialOffer options.expiresIn must be a positive number of seconds')
    const txCode = offerOptions.txCode === true ? String(randomInt(0, 1_000_000)).padStart(6, '0') : offerOptions.txCode || undefined
    if (txCode !== undefined && !/^\d{4,12}$/.test(txCode)) throw new TypeError('createCredentialOffer options.txCode must be true or 4-12 digits')
    const code = randomBytes(32).toString('base64url')
    const salt = randomBytes(16).toString('base64url')
    const expiresAt = new Date(now().getTime() + ttl * 1000)
    const value: Record<string, unknown> = { subject }
    if (txCode !== undefined) Object.assign(value, { txCodeSalt: salt, txCodeMac: mac(salt, txCode) })
    if (!(await state.create(`offer:${digest(code)}`, value, expiresAt))) throw new MicrocertError('ERR_WRITE_FAILED', 'The offer could not be stored')
    const grant: Record<string, unknown> = { 'pre-authorized_code': code }
    if (txCode !== undefined) grant['tx_code'] = { input_mode: 'numeric', length: txCode.length, description: 'The PIN you were given with this offer' }
    const { credentialOffer, credentialOfferObject } = await library.createCredentialOffer({
      credentialConfigurationIds: [CONFIGURATION_ID],
      grants: { [preAuthorizedCodeGrantIdentifier]: grant },
      issuerMetadata,
    } as never)
    return { uri: credentialOffer, credentialOfferObject, expiresAt, ...(txCode === undefined ? {} : { txCode }) }
  }

  return {
    fetch: (request) => Promise.resolve(app.fetch(request)),
    listener: getRequestListener((request) => app.fetch(request)),
    metadata: credentialIssuerMetadata,
    async createCredentialOffer(subject, offerOptions = {}) {
      if (typeof subject !== 'string' || subject.length === 0 || subject.length > 200) {
        throw new TypeError('createCredentialOffer(subject): subject must be a string of 1-200 characters')
      }
      const { uri, expiresAt, txCode } = await makeOffer(subject, offerOptions)
      return { uri, expiresAt, ...(txCode === undefined ? {} : { txCode }) }
    },
    async walletLink(subject) {
      if (typeof subject !== 'string' || subject.length === 0 || subject.length > 200) {
        throw new TypeError('walletLink(subject): subject must be a string of 1-200 characters')
      }
      return walletLink(subject)
    },
  }
}

function offerProblem(state: 'used' | 'expired' | 'missing'): Response {
  if (state === 'used') return oauthError(400, 'invalid_grant', 'ERR_OFFER_USED', 'This offer was already redeemed; offers are single-use')
  if (state === 'expired') return oauthError(400, 'invalid_grant', 'ERR_OFFER_EXPIRED', 'This offer has expired')
  return oauthError(400, 'invalid_grant', 'ERR_OFFER_NOT_FOUND', 'No offer with this pre-authorized code')
}

function fromLibraryError(error: unknown, code: 'ERR_CREDENTIAL_REQUEST_INVALID', fallbackError = 'invalid_request'): Response {
  if (error instanceof Oauth2ServerErrorResponseError) {
    const body = error.errorResponse as { error?: string; error_description?: string }
    return oauthError(400, body.error ?? fallbackError, code, body.error_description ?? error.message.split('\n')[0]!)
  }
  return oauthError(400, fallbackError, code, error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : 'The request is malformed')
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

function mac(salt: string, txCode: string): string {
  return createHmac('sha256', salt).update(txCode).digest('base64url')
}

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function checkUrl(value: unknown, name: string, insecure: boolean): string {
  if (typeof value !== 'string' || !URL.canParse(value)) throw new TypeError(`createOpenid4vciIssuer options.${name} must be a URL`)
  const url = new URL(value)
  const ok = url.protocol === 'https:' || (insecure && url.protocol === 'http:' && LOCAL.has(url.hostname))
  if (!ok || url.search !== '' || url.hash !== '') {
    throw new TypeError(`createOpenid4vciIssuer options.${name} must be an https URL without query (http only for localhost with allowInsecureLocalhost)`)
  }
  return value.replace(/\/+$/, '')
}
