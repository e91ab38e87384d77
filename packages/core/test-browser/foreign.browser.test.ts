import { expect } from '@open-wc/testing'
import { CompactSign, exportJWK, generateKeyPair as joseKeyPair } from 'jose'
import { buildCredential, createDidWebDocument, createSigner, verifyCredential } from '../src/index.js'
import { signDataIntegrity } from '../src/data-integrity/index.js'

// Issue 10 in a real browser: a Data Integrity credential (the JSON-LD chunk loaded on demand, WebCrypto Ed25519) and
// RS256 VC-JWTs verify through the same verifyCredential as everything else.

const load = async <T>(path: string): Promise<T> => (await (await fetch(new URL(path, import.meta.url))).json()) as T
const loadText = async (path: string): Promise<string> => (await (await fetch(new URL(path, import.meta.url))).text()).trim()
const keys = await load<{ issuerEd25519: { privateJwk: JsonWebKey; publicJwk: JsonWebKey } }>('../test/vectors/keys.json')
const input = await load<Record<string, any>>('../test/vectors/micro-credential-input.json')
const NOW = new Date('2026-07-01T12:00:00Z')

/** A fetch that answers only for these https URLs, as the issuers' web servers would. */
function serving(documents: Record<string, unknown>): typeof fetch {
  return async (url) => {
    const document = documents[String(url)]
    return document === undefined
      ? new Response('not found', { status: 404 })
      : new Response(JSON.stringify(document), { headers: { 'content-type': 'application/ld+json' } })
  }
}

describe('verifyCredential in Chromium: Data Integrity', () => {
  it('verifies a microcert eddsa-rdfc-2022 micro-credential of a did:web issuer', async () => {
    const did = 'did:web:credentials.uni-example.cz'
    const { email: _email, studentId: _studentId, ...learner } = input['learner']
    const credential = buildCredential({ ...input, learner, issuer: { ...input['issuer'], id: did } } as never, { id: `https://credentials.uni-example.cz/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K`, now: NOW })
    const signed = await signDataIntegrity(credential, await createSigner(keys.issuerEd25519.privateJwk, { kid: `${did}#key-1` }), { created: NOW })
    const fetch = serving({ 'https://credentials.uni-example.cz/.well-known/did.json': createDidWebDocument({ did, keys: [{ id: 'key-1', publicJwk: keys.issuerEd25519.publicJwk }] }) })
    const result = await verifyCredential(signed, { now: NOW, fetch, cache: false })
    expect(JSON.stringify(result.checks.filter((c) => c.outcome === 'failed'))).to.equal('[]')
    expect(result.status).to.equal('verified')
    expect(result.issuer?.confirmedBy).to.equal('domain')
    expect(result.checks[1]!.details).to.deep.include({ proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: `${did}#key-1`, proofPurpose: 'assertionMethod', created: NOW.toISOString().replace('.000Z', 'Z') } })
    signed['name'] = 'Something else'
    expect((await verifyCredential(signed, { now: NOW, fetch, cache: false })).reason?.code).to.equal('ERR_SIGNATURE_INVALID')
  })

  it('verifies the Open Badges specification\'s signed example once its issuer publishes the key', async () => {
    const credential = await load<Record<string, any>>('../test/vectors/foreign/ob-spec/impl-guide-ldp-test-vector.json')
    const issuer = credential['issuer'].id as string
    const keyId = credential['proof'].verificationMethod as string
    const profile = { id: issuer, verificationMethod: [{ id: keyId, type: 'Multikey', controller: issuer, publicKeyMultibase: keyId.split('#')[1] }], assertionMethod: [keyId] }
    const result = await verifyCredential(credential, { now: NOW, fetch: serving({ [issuer]: profile }), profile: 'open-badge', cache: false })
    expect(result.status).to.equal('verified')
    expect(result.issuer?.domain).to.equal('example.edu/issuers/565049')
    expect(result.euElements?.missing.length).to.equal(7)
  })

  it('reports a context that is not bundled as "could not check" (ERR_CONTEXT_UNKNOWN), never as altered', async () => {
    const credential = await load<Record<string, any>>('../test/vectors/foreign/w3c-di-eddsa/signedDataInt.json')
    const result = await verifyCredential(credential, { now: NOW, fetch: serving({}), cache: false })
    expect(result.status).to.equal('unknown')
    expect(result.reason?.code).to.equal('ERR_CONTEXT_UNKNOWN')
  })
})

describe('verifyCredential in Chromium: RS256', () => {
  it('verifies the Open Badges specification\'s RS256 example (embedded jwk) when the issuer\'s profile lists that key', async () => {
    const jwt = await loadText('../test/vectors/foreign/ob-spec/sample-openbadgecredential.jwt')
    const header = JSON.parse(atob(jwt.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))) as { jwk: JsonWebKey }
    const issuer = 'https://example.com/issuers/876543'
    const profile = { id: issuer, verificationMethod: [{ id: `${issuer}#rsa`, type: 'JsonWebKey', controller: issuer, publicKeyJwk: header.jwk }], assertionMethod: [`${issuer}#rsa`] }
    const result = await verifyCredential(jwt, { now: NOW, fetch: serving({ [issuer]: profile }), profile: 'open-badge', cache: false })
    expect(result.status).to.equal('verified')
    const unpublished = await verifyCredential(jwt, { now: NOW, fetch: serving({ [issuer]: { ...profile, verificationMethod: [], assertionMethod: [] } }), cache: false })
    expect(unpublished.reason?.code).to.equal('ERR_KEY_NOT_FOUND')
  })

  it('verifies an RS256 micro-credential signed in the browser by a did:web issuer\'s RSA key', async () => {
    const { privateKey, publicKey } = await joseKeyPair('RS256', { modulusLength: 2048, extractable: true })
    const did = 'did:web:rsa.uni-example.cz'
    const { email: _email, studentId: _studentId, ...learner } = input['learner']
    const credential = buildCredential({ ...input, learner, issuer: { ...input['issuer'], id: did } } as never, { now: NOW }) as unknown as Record<string, unknown>
    const payload = { ...credential, iss: did, nbf: Date.parse(String(credential['validFrom'])) / 1000 }
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256', kid: `${did}#rsa-1`, typ: 'JWT' }).sign(privateKey)
    const document = { id: did, verificationMethod: [{ id: `${did}#rsa-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: await exportJWK(publicKey) }], assertionMethod: [`${did}#rsa-1`] }
    const result = await verifyCredential(jwt, { now: NOW, fetch: serving({ 'https://rsa.uni-example.cz/.well-known/did.json': document }), cache: false })
    expect(result.status).to.equal('verified')
    expect(result.checks.map((c) => c.outcome)).to.deep.equal(['passed', 'passed', 'passed', 'passed', 'skipped', 'passed', 'skipped'])
  })
})
