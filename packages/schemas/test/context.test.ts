import jsonld from 'jsonld'
import { describe, expect, it } from 'vitest'
import {
  CREDENTIAL_CONTEXTS,
  ELM_VOCAB,
  MICROCERT_CONTEXT,
  MICROCERT_VOCAB,
  OB_CONTEXT_URL,
  OB_EXTENSIONS_CONTEXT_URL,
  VC_V2_CONTEXT_URL,
} from '../src/index.js'
import { readVector, validCredential } from './helpers.js'

// A static document loader over the pinned contexts: nothing is fetched.
const contexts: Record<string, unknown> = {
  [VC_V2_CONTEXT_URL]: readVector('context-credentials-v2.jsonld'),
  [OB_CONTEXT_URL]: readVector('context-ob-3.0.3.json'),
  [OB_EXTENSIONS_CONTEXT_URL]: readVector('context-ob-extensions.json'),
}

async function documentLoader(url: string) {
  const document = contexts[url]
  if (document === undefined) throw new Error(`no network in tests: ${url}`)
  return { contextUrl: null, documentUrl: url, document }
}

function canonize(document: unknown): Promise<string> {
  return jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader })
}

describe('CREDENTIAL_CONTEXTS', () => {
  it('lists VC 2.0, Open Badges 3.0.3, the OB extensions and the inline EU context, in that order', () => {
    expect(CREDENTIAL_CONTEXTS).toEqual([VC_V2_CONTEXT_URL, OB_CONTEXT_URL, OB_EXTENSIONS_CONTEXT_URL, MICROCERT_CONTEXT])
  })
})

describe('MICROCERT_CONTEXT', () => {
  it('uses ELM IRIs for volumeOfLearning and awardingBody and the microcert vocabulary for the rest', () => {
    expect(MICROCERT_CONTEXT.elm).toBe(ELM_VOCAB)
    expect(ELM_VOCAB).toBe('http://data.europa.eu/snb/model/elm/')
    expect(MICROCERT_CONTEXT.mc).toBe(MICROCERT_VOCAB)
    expect(MICROCERT_CONTEXT.volumeOfLearning['@id']).toBe('elm:volumeOfLearning')
    expect(MICROCERT_CONTEXT.awardingBody['@id']).toBe('elm:awardingBody')
    expect(MICROCERT_CONTEXT.learningOutcome['@id']).toBe('mc:learningOutcome')
  })

  it('is protected, so later contexts cannot redefine its terms', () => {
    expect(MICROCERT_CONTEXT['@protected']).toBe(true)
  })

  it('defines every term of the fixture: the credential canonicalizes in JSON-LD safe mode', async () => {
    const nquads = await canonize(validCredential())
    expect(nquads).toContain('<https://w3id.org/microcert/v1#learningOutcome> "Applies core ethical frameworks to data-driven decision making"')
    expect(nquads).toContain('<http://data.europa.eu/snb/model/elm/volumeOfLearning> "PT75H"^^<http://www.w3.org/2001/XMLSchema#duration>')
    expect(nquads).toContain('<https://w3id.org/microcert/v1#formOfParticipation> "blended"')
    expect(nquads).toContain('<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/microcert/v1#MicroCredentialAchievement>')
    expect(nquads).toContain('<https://w3id.org/microcert/v1#qaBody> "National Accreditation Bureau for Higher Education (NAU)"')
  })

  it('keeps awarding bodies, ECTS and the optional elements in the graph', async () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.awardingBody = [
      { id: 'did:web:partner.example', type: ['Profile'], name: 'Partner University', address: { type: ['Address'], addressCountryCode: 'AT' } },
    ]
    const nquads = await canonize(credential)
    expect(nquads).toContain('<http://data.europa.eu/snb/model/elm/awardingBody> <did:web:partner.example>')
    expect(nquads).toMatch(/<https:\/\/w3id\.org\/microcert\/v1#ectsCredits> "3(\.0)?"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#decimal>/)
    expect(nquads).toContain('<https://w3id.org/microcert/v1#supervisionAndIdVerification> "supervised-with-id"')
    expect(nquads).toContain('<https://w3id.org/microcert/v1#integrationStackability> "stackable"')
    expect(nquads).toContain('<https://w3id.org/microcert/v1#prerequisite> "Introductory statistics"')
  })

  it('fails safe mode for a term nobody defined (the check can fail)', async () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.undefinedEuTerm = 'x'
    await expect(canonize(credential)).rejects.toThrow(/safe mode|dropping|undefined|relative/i)
  })

  it('fails safe mode without the inline EU context', async () => {
    const credential = validCredential()
    credential['@context'] = credential['@context'].slice(0, 3)
    await expect(canonize(credential)).rejects.toThrow()
  })
})
