import { expect } from '@open-wc/testing'
import { SDJwtInstance } from '@sd-jwt/core'
import { buildCredential, createDidResolver, createDidWebDocument, createMemoryCache, createSigner } from '../src/index.js'
import { buildTokenStatusList, issueSdJwtVc, microCredentialVct, verifySdJwtVc } from '../src/sd-jwt/index.js'

interface KeyPair {
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}
const load = async <T>(path: string): Promise<T> => (await (await fetch(new URL(path, import.meta.url))).json()) as T
const keys = await load<{ issuerP256: KeyPair }>('../test/vectors/keys.json')
const walletKeys = await load<{ walletP256: KeyPair; otherWalletP256: KeyPair }>('../test/vectors/wallet-keys.json')
const input = await load<Record<string, unknown>>('../test/vectors/micro-credential-input.json')

const ISS = 'https://credentials.uni-example.cz'
const DID = 'did:web:credentials.uni-example.cz'
const STATUS_URI = `${ISS}/status/wallet.jwt`
const NOW = new Date('2026-07-01T12:00:00Z')

const encoder = new TextEncoder()
const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** A wallet in the browser: @sd-jwt/core's holder code, the key-binding JWT signed with WebCrypto. */
async function present(sdJwt: string, disclose: string[], privateJwk: JsonWebKey): Promise<string> {
  const { d, kty, crv, x, y } = privateJwk
  const key = await crypto.subtle.importKey('jwk', { d, kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  const holder = new SDJwtInstance({
    hasher: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data)),
    kbSigner: async (data) => base64url(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encoder.encode(data)))),
    kbSignAlg: 'ES256',
  })
  return holder.present(sdJwt, Object.fromEntries(disclose.map((name) => [name, true])), {
    kb: { payload: { iat: NOW.getTime() / 1000, aud: 'https://employer.example', nonce: 'n-1' } },
  })
}

describe('SD-JWT VC in Chromium', () => {
  let sdJwt: string
  let statusList: string
  const signerPromise = createSigner(keys.issuerP256.privateJwk, { kid: `${DID}#key-2` })
  const document = createDidWebDocument({ did: DID, keys: [{ id: 'key-2', publicJwk: keys.issuerP256.publicJwk }] })
  /** Serves the DID document and the current status list, so the whole verification runs without a network. */
  const site: typeof fetch = async (url) => {
    if (String(url) === `${ISS}/.well-known/did.json`) return new Response(JSON.stringify(document))
    if (String(url) === STATUS_URI) return new Response(statusList, { headers: { 'content-type': 'application/statuslist+jwt' } })
    return new Response('not found', { status: 404 })
  }
  const options = () => ({
    now: NOW,
    nonce: 'n-1',
    audience: 'https://employer.example',
    fetch: site,
    resolver: createDidResolver({ fetch: site }),
    cache: createMemoryCache(),
    trustedIssuers: [DID],
  })

  before(async () => {
    const signer = await signerPromise
    const credential = buildCredential(input as never, { id: `${ISS}/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K`, now: NOW })
    sdJwt = await issueSdJwtVc(credential, {
      signer,
      issuer: ISS,
      vct: microCredentialVct(ISS),
      holderKey: walletKeys.walletP256.publicJwk,
      status: { idx: 5, uri: STATUS_URI },
      now: NOW,
    })
    statusList = await buildTokenStatusList({ uri: STATUS_URI, signer, issuer: ISS, entries: [], size: 64, now: NOW })
  })

  it('issues, presents a subset and verifies it, with the grade not disclosed', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, ['name'], walletKeys.walletP256.privateJwk), options())
    expect(result.checks.map((c) => `${c.id}:${c.outcome}`)).to.deep.equal([
      'format:passed', 'signature:passed', 'holder:passed', 'issuer:passed', 'schema:passed', 'trust:passed', 'validity:passed', 'status:passed',
    ])
    expect(result.presentation?.claims['name']).to.equal('Jana Nováková')
    expect(result.presentation?.claims).to.not.have.property('grade')
    expect(result.presentation?.notDisclosed).to.include('grade')
  })

  it('reports ERR_CREDENTIAL_REVOKED from the Token Status List', async () => {
    statusList = await buildTokenStatusList({ uri: STATUS_URI, signer: await signerPromise, issuer: ISS, entries: [{ index: 5, status: 'revoked' }], size: 64, now: NOW })
    const result = await verifySdJwtVc(await present(sdJwt, [], walletKeys.walletP256.privateJwk), options())
    expect(result.checks.find((c) => c.id === 'status')?.code).to.equal('ERR_CREDENTIAL_REVOKED')
  })

  it('reports ERR_KEY_BINDING_SIGNATURE_INVALID when another wallet presents it', async () => {
    const result = await verifySdJwtVc(await present(sdJwt, ['name'], walletKeys.otherWalletP256.privateJwk), options())
    expect(result.checks.find((c) => c.id === 'holder')?.code).to.equal('ERR_KEY_BINDING_SIGNATURE_INVALID')
  })
})
