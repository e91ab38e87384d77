import { createHash, createPrivateKey, randomBytes, sign as nodeSign } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildCredential, createDidWebDocument, createMemoryIssuanceStateStore, createSigner, type IssuanceStateStore, type Signer } from '@microcert/core'
import { buildTokenStatusList, type TokenStatusEntry } from '@microcert/core/sd-jwt'
import type { MicroCredentialInput } from '@microcert/schemas'
import { SDJwtInstance } from '@sd-jwt/core'
import { clientAuthenticationNone, type CallbackContext, type Jwk } from '@openid4vc/oauth2'
import { Openid4vciClient, setGlobalConfig } from '@openid4vc/openid4vci'
import { SignJWT, importJWK, type JWK } from 'jose'
import keys from '../../core/test/vectors/keys.json' with { type: 'json' }
import walletKeys from '../../core/test/vectors/wallet-keys.json' with { type: 'json' }
import sampleInput from '../../core/test/vectors/micro-credential-input.json' with { type: 'json' }
import { createOpenid4vciIssuer, type Openid4vciIssuer, type Openid4vciIssuerOptions } from '../src/index.js'

export { keys, walletKeys }

export const CERTIFICATE_ID = 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
export const STATUS_INDEX = 42

/**
 * A university's host on 127.0.0.1: the registry files (did.json, the Token Status List) and, for every other path,
 * the OpenID4VCI issuer mounted through its node:http listener. The clock of the issuer is `clock.now`.
 */
export interface University {
  url: string
  did: string
  signer: Signer
  issuer: Openid4vciIssuer
  state: IssuanceStateStore
  clock: { now: Date }
  publishStatus(entries: TokenStatusEntry[]): Promise<void>
  close(): Promise<void>
}

export async function startUniversity(overrides: Partial<Openid4vciIssuerOptions> = {}): Promise<University> {
  const files = new Map<string, { body: string; type: string }>()
  let issuer: Openid4vciIssuer | undefined
  const server: Server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname)
    if (file !== undefined) {
      response.writeHead(200, { 'content-type': file.type }).end(file.body)
      return
    }
    issuer!.listener(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const did = `did:web:${url.slice('http://'.length).replace(':', '%3A')}`
  const signer = await createSigner(keys.issuerP256.privateJwk, { kid: `${did}#key-1` })
  files.set('/.well-known/did.json', {
    body: JSON.stringify(createDidWebDocument({ did, keys: [{ id: 'key-1', publicJwk: keys.issuerP256.publicJwk }] })),
    type: 'application/json',
  })
  const clock = { now: new Date() }
  const state = overrides.state ?? createMemoryIssuanceStateStore({ now: () => clock.now })
  const credential = buildCredential({ ...(structuredClone(sampleInput) as MicroCredentialInput), issuer: { ...sampleInput.issuer, id: did } }, {
    id: `${url}/credentials/${CERTIFICATE_ID}`,
  })
  issuer = createOpenid4vciIssuer({
    credentialIssuer: url,
    signer,
    publicJwk: keys.issuerP256.publicJwk,
    state,
    issuerName: 'Univerzita Příkladová',
    allowInsecureLocalhost: true,
    now: () => clock.now,
    loadCredential: async (subject) =>
      subject === CERTIFICATE_ID
        ? { credential, status: { idx: STATUS_INDEX, uri: `${url}/status/wallet.jwt` }, holder: { dateOfBirth: '2001-04-17' } }
        : undefined,
    ...overrides,
  })
  const university: University = {
    url,
    did,
    signer,
    issuer,
    state,
    clock,
    async publishStatus(entries) {
      const jwt = await buildTokenStatusList({ uri: `${url}/status/wallet.jwt`, signer, issuer: url, entries, size: 1024 })
      files.set('/status/wallet.jwt', { body: jwt, type: 'application/statuslist+jwt' })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  await university.publishStatus([])
  return university
}

const hash = (data: Uint8Array | string, alg: string) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest())

/**
 * Lets the OWF wallet client talk to an issuer on http://localhost (the tests' servers). An issuer made with
 * `allowInsecureLocalhost` in the same process does this itself; a test whose issuer runs in another process calls it.
 */
export function allowLocalhostIssuers(): void {
  setGlobalConfig({ allowInsecureUrls: true })
}

/** A wallet built on the OWF libraries' holder side: the `@openid4vc/openid4vci` client and `@sd-jwt/core` presentations. */
export function wallet(privateJwk: JsonWebKey = walletKeys.walletP256.privateJwk) {
  const { d: _d, ...publicJwk } = privateJwk
  const callbacks: Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> = {
    hash,
    generateRandom: (bytes) => new Uint8Array(randomBytes(bytes)),
    clientAuthentication: clientAuthenticationNone({ clientId: 'test-wallet' }),
    fetch: (input, init) => globalThis.fetch(input, init),
    signJwt: async (signer, { header, payload }) => {
      const jwt = await new SignJWT(payload).setProtectedHeader(header as never).sign(await importJWK(privateJwk as JWK, signer.alg))
      return { jwt, signerJwk: publicJwk as Jwk }
    },
  }
  const client = new Openid4vciClient({ callbacks })
  const key = createPrivateKey({ key: privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' })
  const holder = new SDJwtInstance({
    hasher: (data, alg) => hash(typeof data === 'string' ? data : new Uint8Array(data), alg),
    kbSigner: (data) => nodeSign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
    kbSignAlg: 'ES256',
  })
  return {
    client,
    publicJwk,
    /** The whole OpenID4VCI pre-authorized code flow: offer → metadata → token (with PIN) → nonce → proof → credential. */
    async receive(offerUri: string, txCode?: string): Promise<string> {
      const offer = await client.resolveCredentialOffer(offerUri)
      const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer)
      const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
        credentialOffer: offer,
        issuerMetadata,
        ...(txCode === undefined ? {} : { txCode }),
      })
      const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata })
      const configurationId = offer.credential_configuration_ids[0]!
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId: configurationId,
        signer: { method: 'jwk', alg: 'ES256', publicJwk: publicJwk as Jwk },
        nonce,
      })
      const { credentialResponse } = await client.retrieveCredentials({
        issuerMetadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: configurationId,
        proof: { proof_type: 'jwt', jwt },
      })
      const first = credentialResponse.credentials?.[0]
      const issued = typeof first === 'object' && first !== null && 'credential' in first ? first.credential : credentialResponse.credential
      if (typeof issued !== 'string') throw new Error('no credential in the response')
      return issued
    },
    /** Presents `sdJwt` disclosing only `disclose`, bound to the verifier's nonce and audience. */
    present(sdJwt: string, disclose: string[], kb: { nonce: string; aud: string }): Promise<string> {
      return holder.present(sdJwt, Object.fromEntries(disclose.map((name) => [name, true])), {
        kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: kb.aud, nonce: kb.nonce } },
      })
    },
  }
}

/** Raw HTTP helpers for the attack cases (the library client refuses to send most of them). */
export async function tokenRequest(url: string, form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

export async function credentialRequest(url: string, accessToken: string | undefined, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

export async function nonceRequest(url: string): Promise<string> {
  const response = await fetch(`${url}/nonce`, { method: 'POST' })
  return ((await response.json()) as { c_nonce: string }).c_nonce
}

/** A proof of possession signed with `privateJwk` (its public key in the header), claims overridable. */
export async function proofJwt(privateJwk: JsonWebKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const { d: _d, ...publicJwk } = privateJwk
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: publicJwk as JWK, ...header })
    .sign(await importJWK(privateJwk as JWK, 'ES256'))
}

/** The pre-authorized code inside an `openid-credential-offer://` URI. */
export function preAuthorizedCodeOf(uri: string): string {
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as { grants: Record<string, { 'pre-authorized_code': string }> }
  return offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code']
}

export const PRE_AUTH_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
