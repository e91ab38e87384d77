import Ajv2019Import from 'ajv/dist/2019.js'
import addFormatsImport from 'ajv-formats'
import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../../src/build-credential.js'
import { createSigner } from '../../src/create-signer.js'
import { createDocumentLoader, signDataIntegrity, verifyDataIntegrity } from '../../src/data-integrity/index.js'
import { CREDENTIAL_ID, ISSUER, NOW, deterministicInput, issuerDocument, signers } from '../helpers.js'
import { OB_IMPL_GUIDE_KEY, ed25519Jwk, foreign, resolverServing } from './helpers.js'

const unwrap = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T
const ajv = new (unwrap(Ajv2019Import))({ allErrors: true, strict: false })
unwrap(addFormatsImport)(ajv)
const validateOpenBadges = ajv.compile(foreign('schema/ob30-achievementcredential.schema.json'))

describe('signDataIntegrity', () => {
  it('reproduces the Open Badges implementation guide test vector byte for byte (eddsa-rdfc-2022, Ed25519 is deterministic)', async () => {
    const vector = foreign('ob-spec/impl-guide-ldp-test-vector.json')
    const { proof, ...unsigned } = vector
    const signer = await createSigner(ed25519Jwk(OB_IMPL_GUIDE_KEY.secretKeyHex, OB_IMPL_GUIDE_KEY.publicKeyHex), { kid: proof.verificationMethod })
    const signed = await signDataIntegrity(unsigned, signer, { created: new Date(proof.created) })
    expect(signed['proof']).toEqual([proof])
  })

  it('signs a microcert credential that validates against the official OB 3.0 JSON Schema and verifies', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    const signed = await signDataIntegrity(credential, await signers.ed(), { created: NOW })
    expect(validateOpenBadges(signed), JSON.stringify(validateOpenBadges.errors)).toBe(true)
    const proof = (signed['proof'] as Record<string, unknown>[])[0]
    expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${ISSUER}#key-1`, created: '2026-07-01T12:00:00Z' })
    expect(String(proof?.['proofValue'])).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/)
    const result = await verifyDataIntegrity(signed, { resolver: resolverServing([issuerDocument]) })
    expect([result.signature.outcome, result.issuer.outcome]).toEqual(['passed', 'passed'])
  })

  it('signs what expands in JSON-LD safe mode with no dropped term (every property of the credential survives expansion)', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    const signed = await signDataIntegrity(credential, await signers.ed(), { created: NOW })
    const expanded = JSON.stringify(await jsonld.expand(signed, { safe: true, documentLoader: createDocumentLoader() }))
    for (const term of ['learningOutcome', 'ectsCredits', 'typeOfAssessment', 'qualityAssurance', 'achievementType', 'proofValue', 'creditsAvailable']) {
      expect(expanded, term).toMatch(new RegExp(`[#/]${term}"`))
    }
  })

  it('does not change its input and keeps an existing proof, adding the new one after it', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    const once = await signDataIntegrity(credential, await signers.ed(), { created: NOW })
    const snapshot = structuredClone(once)
    const twice = await signDataIntegrity(once, await signers.ed(), { created: new Date('2026-07-02T00:00:00Z') })
    expect(once).toEqual(snapshot)
    expect((twice['proof'] as unknown[]).length).toBe(2)
    const result = await verifyDataIntegrity(twice, { resolver: resolverServing([issuerDocument]) })
    expect(result.signature.outcome).toBe('passed')
  })

  it('refuses an ES256 signer with ERR_ALGORITHM_UNSUPPORTED', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    await expect(signDataIntegrity(credential, await signers.es())).rejects.toMatchObject({ code: 'ERR_ALGORITHM_UNSUPPORTED' })
  })

  it('refuses a key of another issuer with ERR_ISSUER_MISMATCH', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
    await expect(signDataIntegrity(credential, await signers.otherEd())).rejects.toMatchObject({ code: 'ERR_ISSUER_MISMATCH' })
  })

  it('refuses a credential with a context that is not bundled with ERR_CONTEXT_UNKNOWN, unless it is passed in', async () => {
    const credential = buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW }) as Record<string, any>
    const extra = 'https://vocab.example/extension/v1'
    credential['@context'] = [...credential['@context'], extra]
    await expect(signDataIntegrity(credential, await signers.ed())).rejects.toMatchObject({ code: 'ERR_CONTEXT_UNKNOWN', details: { url: extra } })
    const contexts = { [extra]: { '@context': { '@protected': true, nickname: 'https://vocab.example/extension#nickname' } } }
    credential['nickname'] = 'ADE'
    const signed = await signDataIntegrity(credential, await signers.ed(), { contexts })
    const result = await verifyDataIntegrity(signed, { resolver: resolverServing([issuerDocument]), contexts })
    expect(result.signature.outcome).toBe('passed')
  })

  it('refuses a property no context defines with ERR_CONTEXT_INVALID instead of signing without it', async () => {
    const credential = { ...buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW }), shoeSize: 44 }
    await expect(signDataIntegrity(credential, await signers.ed())).rejects.toMatchObject({ code: 'ERR_CONTEXT_INVALID' })
  })

  it('throws TypeError for a non-object credential or signer', async () => {
    await expect(signDataIntegrity(null as unknown as object, await signers.ed())).rejects.toBeInstanceOf(TypeError)
    await expect(signDataIntegrity({}, {} as never)).rejects.toBeInstanceOf(TypeError)
  })
})
