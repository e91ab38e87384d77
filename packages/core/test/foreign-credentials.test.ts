// Every official foreign fixture (test/vectors/foreign/PROVENANCE.md) through the one verification path, verifyCredential:
// genuine ones verify (signature passed; final status as their content warrants), negative ones fail for their stated
// reason. Two worlds: offline (nothing answers), and one where each https issuer publishes its profile listing the key
// its credentials name — served over real HTTP on 127.0.0.1 behind a fetch that maps https://<host>/… to it.
import { readdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSigner } from '../src/create-signer.js'
import { signDataIntegrity } from '../src/data-integrity/index.js'
import type { MicrocertErrorCode } from '../src/errors.js'
import type { VerificationOutcome, VerificationResult, VerificationStatus, VerifyOptions } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { EXAMPLE_CONTEXTS, OB_IMPL_GUIDE_KEY, ed25519Jwk, foreign, foreignText } from './data-integrity/helpers.js'
import { fixtureServer, type FixtureServer } from './http-fixtures.js'

type Outcome = [status: VerificationStatus, code: MicrocertErrorCode | undefined]
interface Expectation {
  /** The signature check in the world where the issuer publishes its profile. */
  signature: VerificationOutcome
  /** Nothing answers (no issuer profile, no DID document, no status list). */
  offline: Outcome
  /** The issuer publishes its profile; judged as an Open Badge. */
  openBadge: Outcome
  /** The same, judged as an EU micro-credential (the default profile). */
  microCredential: Outcome
}

const EU_MISSING: Outcome = ['warning', 'ERR_EU_ELEMENTS_MISSING']
const OFFLINE_PROFILE: Outcome = ['unknown', 'ERR_DID_UNREACHABLE']
/** A genuine Open Badge with no EU elements: verified as an Open Badge, a warning as an EU micro-credential. */
const PLAIN_BADGE: Expectation = { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['verified', undefined], microCredential: EU_MISSING }
const same = (signature: VerificationOutcome, outcome: Outcome): Expectation => ({ signature, offline: outcome, openBadge: outcome, microCredential: outcome })

const FIXTURES: Record<string, Expectation> = {
  // Open Badges 3.0 specification examples: Data Integrity (eddsa-rdfc-2022) and VC-JWT (RS256, embedded jwk)
  'ob-spec/sample-openbadgecredential.json': PLAIN_BADGE,
  'ob-spec/sample-openbadgecredential.jwt': PLAIN_BADGE,
  'ob-spec/sample-openbadgecredential-file-contents.json': PLAIN_BADGE,
  'ob-spec/sample-openbadgecredential-file-contents.jwt': PLAIN_BADGE,
  'ob-spec/achievement-alignment-case.json': PLAIN_BADGE,
  'ob-spec/achievement-alignment-case.jwt': PLAIN_BADGE,
  'ob-spec/achievement-alignment-credential-engine.json': PLAIN_BADGE,
  'ob-spec/achievement-alignment-credential-engine.jwt': PLAIN_BADGE,
  'ob-spec/skill-assertion-case.json': PLAIN_BADGE,
  'ob-spec/skill-assertion-case.jwt': PLAIN_BADGE,
  'ob-spec/skill-assertion-credential-registry.json': PLAIN_BADGE,
  'ob-spec/skill-assertion-credential-registry.jwt': PLAIN_BADGE,
  'ob-spec/impl-guide-ldp-test-vector.json': PLAIN_BADGE,
  // Revocation by 1EdTechRevocationList, a status method microcert does not read: could not check.
  'ob-spec/complete-openbadgecredential.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_STATUS_ENTRY_INVALID'], microCredential: ['unknown', 'ERR_STATUS_ENTRY_INVALID'] },
  'ob-spec/complete-openbadgecredential.jwt': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_STATUS_ENTRY_INVALID'], microCredential: ['unknown', 'ERR_STATUS_ENTRY_INVALID'] },
  // An EndorsementCredential is authentic but no achievement credential.
  'ob-spec/sample-endorsementcredential.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  'ob-spec/sample-endorsementcredential.jwt': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  // 1EdTech validator fixtures, genuine
  'ob-validator/simple.json': PLAIN_BADGE,
  'ob-validator/simple-context-alias.json': PLAIN_BADGE,
  'ob-validator/simple-context-version.json': PLAIN_BADGE,
  'ob-validator/simple-did-web-method.json': PLAIN_BADGE,
  'ob-validator/simple-multiple-proofs.json': PLAIN_BADGE,
  'ob-validator/simple_v1.json': PLAIN_BADGE,
  'ob-validator/simple-err-expired.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['warning', 'ERR_CREDENTIAL_EXPIRED'], microCredential: ['warning', 'ERR_CREDENTIAL_EXPIRED'] },
  // Its subject has no achievement (required by OB 3.0), which the schema check reports before the future validFrom.
  'ob-validator/simple-err-issued.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  'ob-validator/complete.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_STATUS_ENTRY_INVALID'], microCredential: ['unknown', 'ERR_STATUS_ENTRY_INVALID'] },
  'ob-validator/endorsement-valid.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  // A status list credential is authentic, and no badge.
  'ob-validator/bit-string-list-testlist.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  // Their list names itself "https://example.com/credentials/status/3", not the URL it is published at (see below).
  'ob-validator/bit-string-list-credential-status-revoked.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_STATUS_LIST_INVALID'], microCredential: ['unknown', 'ERR_STATUS_LIST_INVALID'] },
  'ob-validator/bit-string-list-credential-status-revoked-blank-nodes.json': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_STATUS_LIST_INVALID'], microCredential: ['unknown', 'ERR_STATUS_LIST_INVALID'] },
  // The issuer is a urn:uuid, the key a did:key no urn:uuid controls.
  'ob-validator/simple-did-key-method.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  // did:web issuer (its DID document served online), VC 1.1: judged in its VC 2.0 shape, its `type` values are text
  // where the OB 3.0 schema requires lists.
  'ob-validator/credential-status-revoked.json': { signature: 'passed', offline: ['unknown', 'ERR_DID_UNREACHABLE'], openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  // Genuine, but their keys are published nowhere (the validator's own harness supplies them): not checkable offline,
  // and not by the keys their issuers publish in the online world (simple.jwt has no kid: the issuer's RSA key is tried).
  'ob-validator/complete_v1.json': { signature: 'failed', offline: ['unknown', 'ERR_DID_UNREACHABLE'], openBadge: ['failed', 'ERR_KEY_NOT_FOUND'], microCredential: ['failed', 'ERR_KEY_NOT_FOUND'] },
  'ob-validator/simple.jwt': { signature: 'failed', offline: ['unknown', 'ERR_DID_UNREACHABLE'], openBadge: ['failed', 'ERR_SIGNATURE_INVALID'], microCredential: ['failed', 'ERR_SIGNATURE_INVALID'] },
  // Signed by the key of a did:velocity, while its issuer is a did:web: the signer is not the issuer, key or no key.
  'ob-validator/velocity.jwt': same('unknown', ['failed', 'ERR_ISSUER_MISMATCH']),
  // 1EdTech validator fixtures, negative, each for its stated reason
  'ob-validator/simple-err-proof-value.json': same('failed', ['failed', 'ERR_SIGNATURE_INVALID']),
  'ob-validator/endorsement-err-schema-status-refresh.json': same('failed', ['failed', 'ERR_SIGNATURE_INVALID']),
  'ob-validator/simple-err-type.json': same('failed', ['failed', 'ERR_CONTEXT_INVALID']),
  'ob-validator/simple-err-context.json': same('skipped', ['failed', 'ERR_FORMAT_UNSUPPORTED']),
  'ob-validator/simple-err-proof-method.json': { signature: 'failed', offline: ['failed', 'ERR_KEY_INVALID'], openBadge: ['failed', 'ERR_KEY_NOT_FOUND'], microCredential: ['failed', 'ERR_KEY_NOT_FOUND'] },
  'ob-validator/simple-err-proof-method-no-scheme.json': same('failed', ['failed', 'ERR_DID_INVALID']),
  'ob-validator/simple-err-proof-method-unknown-scheme.json': same('unknown', ['unknown', 'ERR_DID_METHOD_UNSUPPORTED']),
  'ob-validator/simple-err-proof-method-unknown-did-method.json': same('unknown', ['unknown', 'ERR_DID_METHOD_UNSUPPORTED']),
  'ob-validator/simple-eddsa-2022.json': same('unknown', ['unknown', 'ERR_PROOF_UNSUPPORTED']),
  'ob-validator/sd-derivedcredential.json': same('unknown', ['unknown', 'ERR_PROOF_UNSUPPORTED']),
  'ob-validator/simple-noproof.json': same('failed', ['failed', 'ERR_PROOF_MISSING']),
  // W3C Data Integrity test vectors: genuine proofs by did:key keys that https://vc.example/issuers/5678 never claims
  'w3c-di-eddsa/signedDataInt.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  'w3c-di-eddsa/signedEdSig.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  'w3c-di-eddsa/signedProofSet2.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  'w3c-di-ecdsa/signedECDSAP256.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  'w3c-di-ecdsa/signedECDSAP384.json': same('passed', ['failed', 'ERR_ISSUER_MISMATCH']),
  'w3c-di-eddsa/signedJCS.json': same('unknown', ['unknown', 'ERR_PROOF_UNSUPPORTED']),
  'w3c-di-ecdsa/signedJCSECDSAP256.json': same('unknown', ['unknown', 'ERR_PROOF_UNSUPPORTED']),
  // W3C VC-JOSE-COSE test suite: genuine example credentials (no Open Badges), and its failure cases
  'w3c-vc-jose-cose/credential-jose-minimal.txt': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  'w3c-vc-jose-cose/credential-issuer-match-signed.txt': { signature: 'passed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SCHEMA_INVALID'], microCredential: ['failed', 'ERR_SCHEMA_INVALID'] },
  'w3c-vc-jose-cose/credential-jose-bad-signature.txt': { signature: 'failed', offline: OFFLINE_PROFILE, openBadge: ['failed', 'ERR_SIGNATURE_INVALID'], microCredential: ['failed', 'ERR_SIGNATURE_INVALID'] },
  'w3c-vc-jose-cose/credential-jose-bad-media-type.txt': same('skipped', ['failed', 'ERR_JWT_TYPE_UNSUPPORTED']),
  'w3c-vc-jose-cose/credential-jose-vc-vp-claims.txt': same('skipped', ['failed', 'ERR_JWT_PAYLOAD_INVALID']),
  // ES512, a registered algorithm this build does not verify, with a P-521 key that could sign it.
  'w3c-vc-jose-cose/credential-jose-unknown-extensions.txt': { signature: 'unknown', offline: OFFLINE_PROFILE, openBadge: ['unknown', 'ERR_PROOF_UNSUPPORTED'], microCredential: ['unknown', 'ERR_PROOF_UNSUPPORTED'] },
}

const NOW = new Date('2026-07-01T00:00:00Z')
const BIT_STRING_LIST_URL = 'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist'
const MULTIBASE_KEY = /^z[1-9A-HJ-NP-Za-km-z]{40,60}$/
/** Fixtures whose issuers publish the keys they name in the online world: all but the one whose key is garbled. */
const PUBLISHED_KEYS_OF = Object.keys(FIXTURES).filter((path) => path !== 'ob-validator/simple-err-proof-method.json')

let server: FixtureServer
/** Serves `https://<host>/<path>` from the fixture server's `/<host>/<path>`, over real HTTP. */
let online: typeof fetch
const offline = (async () => {
  throw new TypeError('fetch failed: no network in this world')
}) as typeof fetch

interface ControllerDocument {
  '@context': string[]
  id: string
  verificationMethod: Record<string, unknown>[]
  assertionMethod: string[]
}

/** The issuer profiles of the online world: every key the fixtures name at an https URL, under assertionMethod. */
function issuerProfiles(): Map<string, ControllerDocument> {
  const profiles = new Map<string, ControllerDocument>()
  const add = (id: string, method: Record<string, unknown>) => {
    const base = id.split('#')[0]!
    const doc = profiles.get(base) ?? { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/jwk/v1'], id: base, verificationMethod: [], assertionMethod: [] }
    if (!doc.verificationMethod.some((m) => m['id'] === id)) {
      doc.verificationMethod.push({ id, controller: base, ...method })
      doc.assertionMethod.push(id)
    }
    profiles.set(base, doc)
  }
  for (const path of PUBLISHED_KEYS_OF) {
    if (path.endsWith('.json')) {
      for (const proof of [foreign(path)['proof'] ?? []].flat()) {
        const vm = String(proof.verificationMethod)
        const fragment = vm.split('#')[1]
        if (vm.startsWith('https://') && fragment !== undefined && MULTIBASE_KEY.test(fragment)) add(vm, { type: 'Multikey', publicKeyMultibase: fragment })
      }
    } else if (path.startsWith('ob-spec/') && path.endsWith('.jwt')) {
      const token = foreignText(path)
      const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { jwk: JsonWebKey }
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iss: string }
      add(`${payload.iss}#rsa-${header.jwk.n!.slice(0, 8)}`, { type: 'JsonWebKey', publicKeyJwk: header.jwk })
    }
  }
  for (const file of readdirSync(new URL('./vectors/foreign/w3c-vc-jose-cose/', import.meta.url)).filter((f) => f.startsWith('vm-') && !f.includes('did'))) {
    const { id, type, publicKeyJwk } = foreign<{ id: string; type: string; publicKeyJwk: JsonWebKey }>(`w3c-vc-jose-cose/${file}`)
    add(id, { type, publicKeyJwk })
  }
  return profiles
}

beforeAll(async () => {
  server = await fixtureServer()
  for (const [id, document] of issuerProfiles()) {
    server.files.set(`/${id.slice('https://'.length)}`, { body: JSON.stringify(document), type: 'application/ld+json' })
  }
  // The did:web issuer of credential-status-revoked.json, publishing the key its proof names.
  const didWeb = foreign('ob-validator/credential-status-revoked.json')
  const did = didWeb['issuer'].id as string
  const keyId = didWeb['proof'].verificationMethod as string
  server.files.set(`/${did.slice('did:web:'.length).split(':').join('/')}/did.json`, {
    body: JSON.stringify({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: did,
      verificationMethod: [{ id: keyId, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: OB_IMPL_GUIDE_KEY.publicKeyMultibase }],
      assertionMethod: [keyId],
    }),
    type: 'application/did+json',
  })
  // The 1EdTech test list, as published at the URL its credentials name (bit 23 set).
  server.files.set(`/${BIT_STRING_LIST_URL.slice('https://'.length)}`, { body: JSON.stringify(foreign('ob-validator/bit-string-list-testlist.json')), type: 'application/json' })
  online = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const response = await fetch(`${server.origin}/${url.host}${url.pathname}`, init)
    return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers })
  }) as typeof fetch
})

afterAll(() => server.close())

function input(path: string): string | Record<string, unknown> {
  return path.endsWith('.json') ? foreign(path) : foreignText(path)
}

const verify = (path: string, options: VerifyOptions) => verifyCredential(input(path), { now: NOW, contexts: EXAMPLE_CONTEXTS, cache: false, ...options })
const outcome = (result: VerificationResult): Outcome => [result.status, result.reason?.code]
const check = (result: VerificationResult, id: string) => result.checks.find((c) => c.id === id)!

describe('the official foreign fixtures through verifyCredential', () => {
  it(`covers every fixture file (${Object.keys(FIXTURES).length})`, () => {
    const onDisk = ['ob-spec', 'ob-validator', 'w3c-di-eddsa', 'w3c-di-ecdsa', 'w3c-vc-jose-cose'].flatMap((dir) =>
      readdirSync(new URL(`./vectors/foreign/${dir}/`, import.meta.url))
        .filter((f) => /\.(json|jwt|txt)$/.test(f) && !/^(vm-|keyPair|multiKeyPairs|p256KeyPair|p384KeyPair|unsigned|credential-minimal|test-mapping)/.test(f))
        .map((f) => `${dir}/${f}`),
    )
    expect(Object.keys(FIXTURES).sort()).toEqual(onDisk.sort())
  })

  for (const [path, expected] of Object.entries(FIXTURES)) {
    it(`${path}: ${expected.signature === 'passed' ? 'signature passed' : `signature ${expected.signature}`}; online ${expected.openBadge.join(' ')}`, async () => {
      const off = await verify(path, { fetch: offline, profile: 'open-badge' })
      expect(outcome(off), 'offline').toEqual(expected.offline)
      const badge = await verify(path, { fetch: online, profile: 'open-badge' })
      expect(outcome(badge), 'online, open-badge').toEqual(expected.openBadge)
      expect(check(badge, 'signature').outcome).toBe(expected.signature)
      const micro = await verify(path, { fetch: online })
      expect(outcome(micro), 'online, micro-credential').toEqual(expected.microCredential)
      expect(micro.profile).toBe('micro-credential')
      // Never "altered" for what could not be checked.
      for (const result of [off, badge, micro]) {
        if (result.status === 'unknown') expect(result.checks.some((c) => c.outcome === 'failed')).toBe(false)
      }
    })
  }
})

describe('foreign credentials: what the verdict says', () => {
  it('names the issuer by the web address that published its key, and every EU element present or missing', async () => {
    const result = await verify('ob-spec/sample-openbadgecredential.json', { fetch: online, profile: 'open-badge' })
    expect(result.issuer).toMatchObject({ id: 'https://example.com/issuers/876543', domain: 'example.com/issuers/876543', confirmedBy: 'domain', name: 'Example Corp' })
    expect(result.euElements?.present.map((e) => e.name)).toEqual(['identification of the learner', 'title of the micro-credential', 'awarding body', 'date of issuing'])
    expect(result.euElements?.missing.map((e) => e.element)).toEqual([3, 6, 7, 8, 9, 10, 11])
    const micro = await verify('ob-spec/sample-openbadgecredential.json', { fetch: online })
    expect(check(micro, 'schema')).toMatchObject({ outcome: 'warning', code: 'ERR_EU_ELEMENTS_MISSING', details: { missing: [3, 6, 7, 8, 9, 10, 11] } })
  })

  it('offline, a key written into the proof\'s URL checks the signature but confirms nobody: the content comes back unverified', async () => {
    const result = await verify('ob-validator/simple.json', { fetch: offline, profile: 'open-badge' })
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'passed'], ['signature', 'passed'], ['issuer', 'unknown'], ['schema', 'skipped'], ['trust', 'unknown'], ['validity', 'skipped'], ['status', 'skipped'],
    ])
    expect(check(result, 'issuer').message).toMatch(/nothing confirms that the key written in the proof's URL is the issuer's/)
    expect(result.credential).toBeUndefined()
    expect(result.unverifiedCredential).toMatchObject({ issuer: { id: 'https://example.com/issuers/876543' } })
    expect(result.euElements?.missing.length).toBe(7)
  })

  it('fails a fragment key the issuer\'s published profile does not list (ERR_KEY_NOT_FOUND)', async () => {
    const credential = foreign('ob-validator/simple.json')
    const fetchEmpty = (async (url: RequestInfo | URL) =>
      new Response(JSON.stringify({ id: String(url), verificationMethod: [], assertionMethod: [] }), { headers: { 'content-type': 'application/json' } })) as typeof fetch
    const result = await verifyCredential(credential, { fetch: fetchEmpty, now: NOW, cache: false })
    expect(outcome(result)).toEqual(['failed', 'ERR_KEY_NOT_FOUND'])
  })

  it('an RS256 VC-JWT whose embedded jwk the issuer does not publish: ERR_KEY_NOT_FOUND, never trusted on its own', async () => {
    const fetchOther = (async (url: RequestInfo | URL) =>
      new Response(JSON.stringify({ id: String(url), verificationMethod: [], assertionMethod: [] }), { headers: { 'content-type': 'application/json' } })) as typeof fetch
    const result = await verifyCredential(foreignText('ob-spec/sample-openbadgecredential.jwt'), { fetch: fetchOther, now: NOW, cache: false, profile: 'open-badge' })
    expect(outcome(result)).toEqual(['failed', 'ERR_KEY_NOT_FOUND'])
    expect(check(result, 'signature').message).toMatch(/embedded in the token is not one/)
  })

  it('an RS256 VC-JWT is refused when RS256 is not among the allowed algorithms (ERR_PROOF_UNSUPPORTED, could not check)', async () => {
    const result = await verify('ob-spec/sample-openbadgecredential.jwt', { fetch: online, algorithms: ['ES256', 'EdDSA'] })
    expect(outcome(result)).toEqual(['unknown', 'ERR_PROOF_UNSUPPORTED'])
  })

  it('a bit-string list published with the id its credentials name: the 1EdTech credential is revoked (bit 23)', async () => {
    const { proof: _proof, ...list } = foreign('ob-validator/bit-string-list-testlist.json')
    const signer = await createSigner(ed25519Jwk(OB_IMPL_GUIDE_KEY.secretKeyHex, OB_IMPL_GUIDE_KEY.publicKeyHex), {
      kid: `https://1edtech.edu/issuers/565049#${OB_IMPL_GUIDE_KEY.publicKeyMultibase}`,
    })
    const relisted = await signDataIntegrity({ ...list, id: BIT_STRING_LIST_URL }, signer, { created: NOW })
    const path = `/${BIT_STRING_LIST_URL.slice('https://'.length)}`
    const original = server.files.get(path)!
    server.files.set(path, { body: JSON.stringify(relisted), type: 'application/json' })
    try {
      for (const fixture of ['ob-validator/bit-string-list-credential-status-revoked.json', 'ob-validator/bit-string-list-credential-status-revoked-blank-nodes.json']) {
        const result = await verify(fixture, { fetch: online, profile: 'open-badge' })
        expect(outcome(result), fixture).toEqual(['failed', 'ERR_CREDENTIAL_REVOKED'])
        expect(result.statusInfo).toEqual({ purpose: 'revocation' })
      }
    } finally {
      server.files.set(path, original)
    }
  })

  it('reports the list that names itself otherwise as "could not check" with the reason', async () => {
    const result = await verify('ob-validator/bit-string-list-credential-status-revoked.json', { fetch: online, profile: 'open-badge' })
    expect(check(result, 'status')).toMatchObject({ outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', details: { reason: 'id' } })
  })

  it('says which JSON-LD context is not bundled (ERR_CONTEXT_UNKNOWN, could not check) and fetches nothing for it', async () => {
    const requested: string[] = []
    const watching = (async (url: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(url))
      return online(url, init)
    }) as typeof fetch
    const result = await verifyCredential(foreign('w3c-di-eddsa/signedDataInt.json'), { fetch: watching, now: NOW, cache: false })
    expect(outcome(result)).toEqual(['unknown', 'ERR_CONTEXT_UNKNOWN'])
    expect(check(result, 'signature')).toMatchObject({ details: { url: 'https://www.w3.org/ns/credentials/examples/v2' } })
    expect(check(result, 'signature').message).toMatch(/is not bundled/)
    expect(requested.some((url) => url.includes('w3.org'))).toBe(false)
  })
})
