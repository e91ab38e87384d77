import { expect } from '@open-wc/testing'
import {
  buildCredential,
  createDidResolver,
  createDidWebDocument,
  createSigner,
  generateKeyPair,
  signCredential,
  verifyCredential,
  type Algorithm,
} from '../src/index.js'

interface Golden {
  credential: Record<string, unknown>
  eddsaJwt: string
  es256Jwt: string
  now: string
}
interface Keys {
  issuerEd25519: { publicJwk: JsonWebKey }
  issuerP256: { publicJwk: JsonWebKey }
}

const load = async <T>(path: string): Promise<T> => (await (await fetch(new URL(path, import.meta.url))).json()) as T
const golden = await load<Golden>('../test/vectors/golden.json')
const keys = await load<Keys>('../test/vectors/keys.json')
const input = await load<Record<string, unknown>>('../test/vectors/micro-credential-input.json')
const NOW = new Date(golden.now)
const DID = 'did:web:credentials.uni-example.cz'

/** A fetch that serves the issuer's DID document, so the did:web path runs without a network. */
function didFetch(document: unknown): typeof fetch {
  return async (url) => {
    expect(String(url)).to.equal('https://credentials.uni-example.cz/.well-known/did.json')
    return new Response(JSON.stringify(document), { headers: { 'content-type': 'application/did+json' } })
  }
}

const document = createDidWebDocument({
  did: DID,
  keys: [
    { id: 'key-1', publicJwk: keys.issuerEd25519.publicJwk },
    { id: 'key-2', publicJwk: keys.issuerP256.publicJwk },
  ],
})

for (const [alg, jwt] of [
  ['EdDSA', golden.eddsaJwt],
  ['ES256', golden.es256Jwt],
] as const) {
  describe(`verifyCredential in Chromium (${alg})`, () => {
    it('verifies the golden JWT, resolving the did:web issuer through fetch', async () => {
      const resolver = createDidResolver({ fetch: didFetch(document) })
      const result = await verifyCredential(jwt, { now: NOW, resolver, trustedIssuers: [DID] })
      expect(result.status).to.equal('verified')
      expect(result.verified).to.equal(true)
      expect(result.checks.map((c) => c.outcome)).to.deep.equal(['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'skipped'])
      expect(result.credential).to.deep.equal(golden.credential)
    })

    it('reports ERR_SIGNATURE_INVALID for a tampered payload', async () => {
      const [h, p, s] = jwt.split('.') as [string, string, string]
      const tampered = `${h}.${p.slice(0, 200)}${p[200] === 'A' ? 'B' : 'A'}${p.slice(201)}.${s}`
      const result = await verifyCredential(tampered, { now: NOW, resolver: createDidResolver({ fetch: didFetch(document) }) })
      expect(result.verified).to.equal(false)
      expect(result.status).to.equal('failed')
      expect(result.checks.find((c) => c.outcome === 'failed')?.code).to.be.oneOf(['ERR_SIGNATURE_INVALID', 'ERR_JWS_MALFORMED'])
    })

    it('issues and verifies a fresh credential with a key generated in the browser (did:jwk)', async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg as Algorithm)
      const did = `did:jwk:${btoa(JSON.stringify(publicJwk)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`
      const credential = buildCredential({ ...input, issuer: { ...(input['issuer'] as object), id: did } } as never, { now: NOW })
      const token = await signCredential(credential, await createSigner(privateJwk, { kid: `${did}#0` }))
      expect((await verifyCredential(token, { now: NOW })).status).to.equal('warning')
      const result = await verifyCredential(token, { now: NOW, trustedIssuers: [did] })
      expect(result.status).to.equal('verified')
      const other = await verifyCredential(token, { now: NOW, key: (await generateKeyPair(alg as Algorithm)).publicJwk })
      expect(other.checks[1]?.code).to.equal('ERR_SIGNATURE_INVALID')
    })
  })
}
