import { describe, expect, it } from 'vitest'
import { createDidResolver } from '../../src/create-did-resolver.js'
import { verifyDataIntegrity } from '../../src/data-integrity/index.js'
import type { MicrocertErrorCode } from '../../src/errors.js'
import type { VerificationOutcome } from '../../src/types.js'
import { EXAMPLE_CONTEXTS, OB_IMPL_GUIDE_KEY, foreign, resolverServing } from './helpers.js'

type Expect = [signature: VerificationOutcome, signatureCode: MicrocertErrorCode | undefined, issuer: VerificationOutcome, issuerCode: MicrocertErrorCode | undefined]

// Every foreign fixture and what it must do (the reasons are in test/vectors/foreign/PROVENANCE.md). An https issuer
// whose key sits in the verification method's fragment is "signature passed, issuer unknown": only the issuer's own
// document could confirm the key, and nothing here fetches it.
const FRAGMENT_KEY: Expect = ['passed', undefined, 'unknown', 'ERR_DID_METHOD_UNSUPPORTED']
const DID_KEY_FOR_HTTPS_ISSUER: Expect = ['passed', undefined, 'failed', 'ERR_ISSUER_MISMATCH']

const FIXTURES: Record<string, Expect> = {
  // Open Badges 3.0 specification examples, signed eddsa-rdfc-2022
  'ob-spec/sample-openbadgecredential-file-contents.json': FRAGMENT_KEY,
  'ob-spec/sample-openbadgecredential.json': FRAGMENT_KEY,
  'ob-spec/complete-openbadgecredential.json': FRAGMENT_KEY,
  'ob-spec/sample-endorsementcredential.json': FRAGMENT_KEY,
  'ob-spec/achievement-alignment-case.json': FRAGMENT_KEY,
  'ob-spec/achievement-alignment-credential-engine.json': FRAGMENT_KEY,
  'ob-spec/skill-assertion-case.json': FRAGMENT_KEY,
  'ob-spec/skill-assertion-credential-registry.json': FRAGMENT_KEY,
  'ob-spec/impl-guide-ldp-test-vector.json': FRAGMENT_KEY,
  // 1EdTech validator fixtures: genuine
  'ob-validator/simple.json': FRAGMENT_KEY,
  'ob-validator/simple-context-alias.json': FRAGMENT_KEY,
  'ob-validator/simple-context-version.json': FRAGMENT_KEY,
  'ob-validator/simple-did-web-method.json': FRAGMENT_KEY,
  'ob-validator/simple-multiple-proofs.json': FRAGMENT_KEY,
  'ob-validator/simple-err-expired.json': FRAGMENT_KEY,
  'ob-validator/simple-err-issued.json': FRAGMENT_KEY,
  'ob-validator/simple_v1.json': FRAGMENT_KEY,
  'ob-validator/complete.json': FRAGMENT_KEY,
  'ob-validator/endorsement-valid.json': FRAGMENT_KEY,
  'ob-validator/bit-string-list-testlist.json': FRAGMENT_KEY,
  'ob-validator/bit-string-list-credential-status-revoked.json': FRAGMENT_KEY,
  'ob-validator/bit-string-list-credential-status-revoked-blank-nodes.json': FRAGMENT_KEY,
  'ob-validator/simple-did-key-method.json': DID_KEY_FOR_HTTPS_ISSUER,
  // 1EdTech validator fixtures: negative or not checkable here
  'ob-validator/simple-err-proof-value.json': ['failed', 'ERR_SIGNATURE_INVALID', 'unknown', 'ERR_DID_METHOD_UNSUPPORTED'],
  'ob-validator/endorsement-err-schema-status-refresh.json': ['failed', 'ERR_SIGNATURE_INVALID', 'unknown', 'ERR_DID_METHOD_UNSUPPORTED'],
  'ob-validator/simple-err-type.json': ['failed', 'ERR_CONTEXT_INVALID', 'unknown', 'ERR_DID_METHOD_UNSUPPORTED'],
  'ob-validator/simple-err-context.json': ['failed', 'ERR_CONTEXT_INVALID', 'failed', 'ERR_ISSUER_MISMATCH'],
  'ob-validator/simple-err-proof-method.json': ['failed', 'ERR_KEY_INVALID', 'skipped', undefined],
  'ob-validator/simple-err-proof-method-no-scheme.json': ['failed', 'ERR_DID_INVALID', 'skipped', undefined],
  'ob-validator/simple-err-proof-method-unknown-scheme.json': ['unknown', 'ERR_DID_METHOD_UNSUPPORTED', 'skipped', undefined],
  'ob-validator/simple-err-proof-method-unknown-did-method.json': ['unknown', 'ERR_DID_METHOD_UNSUPPORTED', 'skipped', undefined],
  'ob-validator/complete_v1.json': ['unknown', 'ERR_DID_METHOD_UNSUPPORTED', 'skipped', undefined],
  'ob-validator/simple-eddsa-2022.json': ['unknown', 'ERR_PROOF_UNSUPPORTED', 'skipped', undefined],
  'ob-validator/sd-derivedcredential.json': ['unknown', 'ERR_PROOF_UNSUPPORTED', 'skipped', undefined],
  'ob-validator/simple-noproof.json': ['failed', 'ERR_PROOF_MISSING', 'skipped', undefined],
  // W3C vc-di-eddsa / vc-di-ecdsa test vectors: did:key keys, an https issuer they do not belong to
  'w3c-di-eddsa/signedDataInt.json': DID_KEY_FOR_HTTPS_ISSUER,
  'w3c-di-eddsa/signedEdSig.json': DID_KEY_FOR_HTTPS_ISSUER,
  'w3c-di-eddsa/signedProofSet2.json': DID_KEY_FOR_HTTPS_ISSUER,
  'w3c-di-eddsa/signedJCS.json': ['unknown', 'ERR_PROOF_UNSUPPORTED', 'skipped', undefined],
  'w3c-di-ecdsa/signedECDSAP256.json': DID_KEY_FOR_HTTPS_ISSUER,
  'w3c-di-ecdsa/signedECDSAP384.json': DID_KEY_FOR_HTTPS_ISSUER,
  'w3c-di-ecdsa/signedJCSECDSAP256.json': ['unknown', 'ERR_PROOF_UNSUPPORTED', 'skipped', undefined],
}

describe('verifyDataIntegrity on the official fixtures', () => {
  for (const [path, [signature, signatureCode, issuer, issuerCode]] of Object.entries(FIXTURES)) {
    it(`${path}: signature ${signature}${signatureCode ? ` (${signatureCode})` : ''}, issuer ${issuer}${issuerCode ? ` (${issuerCode})` : ''}`, async () => {
      const result = await verifyDataIntegrity(foreign(path), { contexts: EXAMPLE_CONTEXTS })
      expect([result.signature.outcome, result.signature.code, result.issuer.outcome, result.issuer.code]).toEqual([signature, signatureCode, issuer, issuerCode])
    })
  }
})

describe('verifyDataIntegrity: keys and issuers', () => {
  it('passes the issuer check when the https issuer\'s own controller document lists the key under assertionMethod', async () => {
    const credential = foreign('ob-spec/impl-guide-ldp-test-vector.json')
    const issuer = 'https://example.edu/issuers/565049'
    const keyId = `${issuer}#${OB_IMPL_GUIDE_KEY.publicKeyMultibase}`
    const controllerDocuments = [
      { id: issuer, verificationMethod: [{ id: keyId, type: 'Multikey', controller: issuer, publicKeyMultibase: OB_IMPL_GUIDE_KEY.publicKeyMultibase }], assertionMethod: [keyId] },
    ]
    const result = await verifyDataIntegrity(credential, { controllerDocuments })
    expect([result.signature.outcome, result.issuer.outcome, result.controller]).toEqual(['passed', 'passed', issuer])
  })

  it('reports ERR_KEY_NOT_AUTHORIZED (not "altered") when the issuer lists the key only for authentication', async () => {
    const credential = foreign('ob-spec/impl-guide-ldp-test-vector.json')
    const issuer = 'https://example.edu/issuers/565049'
    const keyId = `${issuer}#${OB_IMPL_GUIDE_KEY.publicKeyMultibase}`
    const controllerDocuments = [
      { id: issuer, verificationMethod: [{ id: keyId, type: 'Multikey', controller: issuer, publicKeyMultibase: OB_IMPL_GUIDE_KEY.publicKeyMultibase }], authentication: [keyId] },
    ]
    const result = await verifyDataIntegrity(credential, { controllerDocuments })
    expect([result.signature.outcome, result.issuer.outcome, result.issuer.code]).toEqual(['passed', 'failed', 'ERR_KEY_NOT_AUTHORIZED'])
  })

  it('resolves a did:web issuer (Ed25519VerificationKey2020 key) and passes both checks', async () => {
    // The 1EdTech fixture names a did:web key whose fragment is the implementation guide's public test key; its DID
    // document is served here (did:web resolution itself runs as in production).
    const credential = foreign('ob-validator/credential-status-revoked.json')
    const did = credential.issuer.id as string
    const keyId = credential.proof.verificationMethod as string
    const document = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: did,
      verificationMethod: [{ id: keyId, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: OB_IMPL_GUIDE_KEY.publicKeyMultibase }],
      assertionMethod: [keyId],
    }
    const resolver = resolverServing([document])
    const result = await verifyDataIntegrity(credential, { resolver })
    expect([result.signature.outcome, result.issuer.outcome, result.controller]).toEqual(['passed', 'passed', did])
    expect(resolver.requested).toEqual(['https://dc.1edtech.org/wellspring2022/wellspring-portal/org/da1e96e9-afcc-4eed-b9a2-2ddf7353214c/did.json'])
  })

  it('reports ERR_KEY_NOT_FOUND when the did:web document no longer lists the key (rotated out)', async () => {
    const credential = foreign('ob-validator/credential-status-revoked.json')
    const did = credential.issuer.id as string
    const resolver = resolverServing([{ id: did, verificationMethod: [], assertionMethod: [] }])
    const result = await verifyDataIntegrity(credential, { resolver })
    expect([result.signature.outcome, result.signature.code]).toEqual(['failed', 'ERR_KEY_NOT_FOUND'])
  })

  it('reports "could not check" (ERR_DID_UNREACHABLE) when the issuer\'s DID document cannot be fetched', async () => {
    const offline = createDidResolver({ fetch: (async () => new Response('service unavailable', { status: 503 })) as typeof fetch })
    const result = await verifyDataIntegrity(foreign('ob-validator/credential-status-revoked.json'), { resolver: offline })
    expect([result.signature.outcome, result.signature.code]).toEqual(['unknown', 'ERR_DID_UNREACHABLE'])
  })

  it('reports a DID document that does not exist (HTTP 404) as failed (ERR_DID_NOT_FOUND), not "try again later"', async () => {
    const result = await verifyDataIntegrity(foreign('ob-validator/credential-status-revoked.json'), { resolver: resolverServing([]) })
    expect([result.signature.outcome, result.signature.code]).toEqual(['failed', 'ERR_DID_NOT_FOUND'])
  })

  it('resolves a bare did:key verificationMethod (no fragment) to its one key', async () => {
    const credential = foreign('ob-validator/simple-did-key-method.json')
    const result = await verifyDataIntegrity({ ...credential, issuer: 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi' })
    // The issuer changed, so the signature no longer matches; the key itself was found and authorised.
    expect([result.signature.outcome, result.signature.code, result.issuer.outcome]).toEqual(['failed', 'ERR_SIGNATURE_INVALID', 'passed'])
  })
})

describe('verifyDataIntegrity: contexts', () => {
  it('reports ERR_CONTEXT_UNKNOWN naming the URL for a context that is not bundled, and fetches nothing', async () => {
    const original = globalThis.fetch
    let fetched = 0
    globalThis.fetch = (async () => {
      fetched++
      throw new Error('no network in this test')
    }) as typeof fetch
    try {
      const result = await verifyDataIntegrity(foreign('w3c-di-eddsa/signedDataInt.json'))
      expect([result.signature.outcome, result.signature.code, result.signature.details?.['url']]).toEqual([
        'unknown',
        'ERR_CONTEXT_UNKNOWN',
        'https://www.w3.org/ns/credentials/examples/v2',
      ])
      expect(fetched).toBe(0)
    } finally {
      globalThis.fetch = original
    }
  })

  it('refuses to sign with ERR_CONTEXT_INVALID a credential using `jti`, which the published context-3.0.3 does not define', async () => {
    const { signDataIntegrity } = await import('../../src/data-integrity/index.js')
    const { createSigner } = await import('../../src/create-signer.js')
    const { ed25519Jwk } = await import('./helpers.js')
    const issuer = 'https://example.edu/issuers/565049'
    const kid = `${issuer}#${OB_IMPL_GUIDE_KEY.publicKeyMultibase}`
    const signer = await createSigner(ed25519Jwk(OB_IMPL_GUIDE_KEY.secretKeyHex, OB_IMPL_GUIDE_KEY.publicKeyHex), { kid })
    const credential: Record<string, any> = { ...foreign('ob-spec/impl-guide-ldp-test-vector.json'), jti: 'urn:uuid:7b1d3a7e-2b0a-4bd6-9a87-5cb0c8d1a001' }
    delete credential.proof
    await expect(signDataIntegrity(credential, signer)).rejects.toMatchObject({ code: 'ERR_CONTEXT_INVALID' })
  })
})

describe('verifyDataIntegrity: input', () => {
  it('throws TypeError for a non-object', async () => {
    await expect(verifyDataIntegrity('{}' as unknown as object)).rejects.toBeInstanceOf(TypeError)
  })

  it('reports ERR_KEY_NOT_AUTHORIZED for a proof made for authentication, not for issuing', async () => {
    const credential = foreign('ob-validator/simple.json')
    ;[credential.proof].flat()[0].proofPurpose = 'authentication'
    const result = await verifyDataIntegrity(credential)
    expect([result.signature.outcome, result.signature.code]).toEqual(['failed', 'ERR_KEY_NOT_AUTHORIZED'])
    expect(result.signature.message).toContain('made for "authentication"')
    delete [credential.proof].flat()[0].proofPurpose
    const none = await verifyDataIntegrity(credential)
    expect([none.signature.code, none.signature.message]).toEqual([
      'ERR_KEY_NOT_AUTHORIZED',
      'The proof names no purpose (proofPurpose); a credential needs a proof made for issuing (assertionMethod)',
    ])
  })

  it('reports ERR_SIGNATURE_INVALID for a credential changed after signing', async () => {
    const credential = foreign('ob-spec/sample-openbadgecredential.json')
    credential.credentialSubject.achievement.name = 'Teamwork (forged)'
    const result = await verifyDataIntegrity(credential)
    expect([result.signature.outcome, result.signature.code]).toEqual(['failed', 'ERR_SIGNATURE_INVALID'])
  })

  it('reports ERR_CONTEXT_INVALID for a property added after signing that no context defines', async () => {
    const credential = foreign('ob-spec/sample-openbadgecredential.json')
    credential.grade = 'A+'
    const result = await verifyDataIntegrity(credential)
    expect([result.signature.outcome, result.signature.code]).toEqual(['failed', 'ERR_CONTEXT_INVALID'])
  })
})
