import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../../src/build-credential.js'
import { createDocumentLoader, signDataIntegrity, verifyDataIntegrity } from '../../src/data-integrity/index.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { CREDENTIAL_ID, ISSUER, NOW, deterministicInput, issuerDocument, signers, staticResolver } from '../helpers.js'
import { foreign } from './helpers.js'

// @digitalbazaar/vc is the reference JSON-LD VC library (a dev dependency of these tests only).
const accept = async () => ({ verified: true })

describe('Data Integrity interop with @digitalbazaar/vc', () => {
  it('a credential signed by microcert (eddsa-rdfc-2022, did:web issuer) verifies with @digitalbazaar/vc', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    const signed = await signDataIntegrity(credential, await signers.ed(), { created: NOW })
    const key = issuerDocument.verificationMethod?.[0]
    const documentLoader = createDocumentLoader({
      documents: { [ISSUER]: issuerDocument, [String(key?.id)]: { '@context': 'https://w3id.org/security/suites/jws-2020/v1', ...key } },
    })
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      checkStatus: accept,
      now: NOW,
    })
    expect(result.verified, JSON.stringify(result.error ?? result.results?.[0]?.error)).toBe(true)
  })

  it('@digitalbazaar/vc rejects a microcert-signed credential once a field is changed (the proof really covers the content)', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW }) as Record<string, any>
    const signed = (await signDataIntegrity(credential, await signers.ed(), { created: NOW })) as Record<string, any>
    signed['credentialSubject'].achievement.name = 'Something else'
    const key = issuerDocument.verificationMethod?.[0]
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: createDocumentLoader({ documents: { [ISSUER]: issuerDocument, [String(key?.id)]: { '@context': 'https://w3id.org/security/suites/jws-2020/v1', ...key } } }),
      checkStatus: accept,
      now: NOW,
    })
    expect(result.verified).toBe(false)
  })

  it('a credential issued by @digitalbazaar/vc (eddsa-rdfc-2022, did:key issuer) verifies with microcert', async () => {
    const key = await Ed25519Multikey.generate()
    const did = `did:key:${key.publicKeyMultibase}`
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const credential: Record<string, any> = { ...foreign('ob-spec/sample-openbadgecredential.json'), issuer: { id: did, type: ['Profile'], name: 'Example' } }
    delete credential.proof
    const signed = await vc.issue({ credential, suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }), documentLoader: createDocumentLoader() })
    const result = await verifyDataIntegrity(signed)
    expect([result.signature.outcome, result.issuer.outcome, result.controller]).toEqual(['passed', 'passed', did])
  })

  it('a VC 1.1 credential issued by @digitalbazaar/vc with Ed25519Signature2020 verifies with microcert', async () => {
    const key = await Ed25519VerificationKey2020.generate()
    const did = `did:key:${key.fingerprint()}`
    key.controller = did
    key.id = `${did}#${key.fingerprint()}`
    const credential: Record<string, any> = { ...foreign('ob-validator/simple_v1.json'), issuer: { id: did, type: 'Profile', name: 'Example' } }
    delete credential.proof
    const signed = await vc.issue({ credential, suite: new Ed25519Signature2020({ key }), documentLoader: createDocumentLoader() })
    const result = await verifyDataIntegrity(signed)
    expect([result.signature.outcome, result.issuer.outcome]).toEqual(['passed', 'passed'])
  })

  it('a credential signed by @digitalbazaar/vc with the 1EdTech validator\'s drifted context-3.0.3 (defines `jti`) verifies through that variant', async () => {
    const key = await Ed25519Multikey.generate()
    const did = `did:key:${key.publicKeyMultibase}`
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const credential: Record<string, any> = { ...foreign('ob-spec/sample-openbadgecredential.json'), issuer: { id: did, type: ['Profile'], name: 'Example' }, jti: 'urn:uuid:3f1c1d38-4a7e-4e7e-9f57-5a1b7e0a1b01' }
    delete credential.proof
    const documentLoader = createDocumentLoader({ variants: { 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 1 } })
    const signed = await vc.issue({ credential, suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }), documentLoader })
    const result = await verifyDataIntegrity(signed)
    expect([result.signature.outcome, result.signature.details?.['contextVariants']]).toEqual(['passed', { 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': 1 }])
  })
})

describe('Data Integrity interop through verifyCredential (the one verification path)', () => {
  it('a microcert eddsa-rdfc-2022 micro-credential (did:web issuer) is verified, every check passed, the issuer named by its domain', async () => {
    const signed = await signDataIntegrity(buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW }), await signers.ed(), { created: NOW })
    const result = await verifyCredential(signed, { now: NOW, resolver: staticResolver() })
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'passed'], ['signature', 'passed'], ['issuer', 'passed'], ['schema', 'passed'], ['trust', 'skipped'], ['validity', 'passed'], ['status', 'skipped'],
    ])
    expect(result).toMatchObject({ status: 'verified', profile: 'micro-credential', certificateId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K', issuer: { id: ISSUER, domain: 'credentials.uni-example.cz', confirmedBy: 'domain' } })
    expect(result.checks[1]!.details).toMatchObject({ proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: `${ISSUER}#key-1` } })
    expect(result.euElements).toMatchObject({ missing: [] })
    expect(result.euElements?.present).toHaveLength(11)
  })

  it('an eddsa-rdfc-2022 Open Badge issued by @digitalbazaar/vc (did:key) is verified once its issuer is trusted', async () => {
    const key = await Ed25519Multikey.generate()
    const did = `did:key:${key.publicKeyMultibase}`
    key.controller = did
    key.id = `${did}#${key.publicKeyMultibase}`
    const credential: Record<string, any> = { ...foreign('ob-spec/sample-openbadgecredential.json'), issuer: { id: did, type: ['Profile'], name: 'Example' } }
    delete credential.proof
    const signed = await vc.issue({ credential, suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }), documentLoader: createDocumentLoader() })
    const untrusted = await verifyCredential(signed, { now: NOW, profile: 'open-badge' })
    expect(untrusted).toMatchObject({ status: 'warning', reason: { check: 'trust', code: 'ERR_ISSUER_UNCONFIRMED' } })
    const trusted = await verifyCredential(signed, { now: NOW, profile: 'open-badge', trustedIssuers: [did] })
    expect(trusted).toMatchObject({ status: 'verified', issuer: { id: did, confirmedBy: 'trusted-issuers' } })
    signed['credentialSubject'].achievement.name = 'Something else'
    expect(await verifyCredential(signed, { now: NOW, profile: 'open-badge', trustedIssuers: [did] })).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_SIGNATURE_INVALID' } })
  })

  it('a VC 1.1 Ed25519Signature2020 Open Badge issued by @digitalbazaar/vc is verified, its content checked against the OB 3.0 schema', async () => {
    const key = await Ed25519VerificationKey2020.generate()
    const did = `did:key:${key.fingerprint()}`
    key.controller = did
    key.id = `${did}#${key.fingerprint()}`
    const credential: Record<string, any> = { ...foreign('ob-validator/simple_v1.json'), issuer: { id: did, type: ['Profile'], name: 'Example' } }
    delete credential.proof
    const signed = await vc.issue({ credential, suite: new Ed25519Signature2020({ key }), documentLoader: createDocumentLoader() })
    const result = await verifyCredential(signed, { now: NOW, profile: 'open-badge', trustedIssuers: [did] })
    expect(result).toMatchObject({ status: 'verified' })
    expect(result.checks.find((c) => c.id === 'schema')).toMatchObject({ outcome: 'passed', details: { legacy: true } })
  })
})
