import { describe, expect, it } from 'vitest'
import {
  CREDENTIAL_CONTEXTS,
  EU_ELEMENTS,
  LIMITS,
  MICROCERT_CONTEXT,
  MicroCredential,
  OpenBadgeCredential,
  formatSchemaIssues,
  missingEuElements,
  type EuElement,
} from '../src/index.js'
import { validCredential, validateOpenBadgesJsonSchema, validateVcJsonSchema } from './helpers.js'

type Credential = Record<string, any>

function problems(credential: unknown): string[] {
  const result = MicroCredential.safeParse(credential)
  return result.success ? [] : formatSchemaIssues(result.error)
}

function issueCodes(credential: unknown): string[] {
  const result = MicroCredential.safeParse(credential)
  return result.success ? [] : result.error.issues.map((issue) => issue.code)
}

describe('MicroCredential', () => {
  it('accepts the complete credential fixture', () => {
    const result = MicroCredential.safeParse(validCredential())
    expect(result.success ? [] : formatSchemaIssues(result.error)).toEqual([])
    expect(result.success).toBe(true)
  })

  it('keeps the fixture context in sync with MICROCERT_CONTEXT and CREDENTIAL_CONTEXTS', () => {
    const credential = validCredential()
    expect(credential['@context']).toEqual([...CREDENTIAL_CONTEXTS])
    expect(credential['@context'][3]).toEqual(MICROCERT_CONTEXT)
  })

  it('accepts only what also validates against the official Open Badges 3.0 JSON Schema', () => {
    const credential = validCredential()
    expect(MicroCredential.safeParse(credential).success).toBe(true)
    const valid = validateOpenBadgesJsonSchema(credential)
    expect(validateOpenBadgesJsonSchema.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('accepts only what also validates against the W3C VC Data Model 2.0 JSON Schema', () => {
    const credential = validCredential()
    const valid = validateVcJsonSchema(credential)
    expect(validateVcJsonSchema.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('returns the parsed credential with unknown Open Badges properties kept (proof, evidence)', () => {
    const credential = validCredential()
    credential['proof'] = [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:web:credentials.uni-example.cz#key-1', proofValue: 'z3FXQ' }]
    credential['endorsementJwt'] = []
    const parsed = MicroCredential.parse(credential)
    expect(parsed.proof?.[0]?.type).toBe('DataIntegrityProof')
    expect(parsed['endorsementJwt']).toEqual([])
  })

  it('round-trips Czech diacritics and other unicode unchanged', () => {
    const credential = validCredential()
    credential.credentialSubject.identifier[0].identityHash = 'Příliš žluťoučký kůň úpěl ďábelské ódy'
    credential.issuer.name = 'Vysoké učení technické v Brně'
    credential.credentialSubject.achievement.learningOutcome = ['Rozumí řízení rizik – ÄÖÜ ß ø 漢字 🎓']
    const parsed = MicroCredential.parse(JSON.parse(JSON.stringify(credential)))
    expect(parsed.credentialSubject.identifier?.[0]?.identityHash).toBe('Příliš žluťoučký kůň úpěl ďábelské ódy')
    expect(parsed.issuer.name).toBe('Vysoké učení technické v Brně')
    expect(parsed.credentialSubject.achievement.learningOutcome).toEqual(['Rozumí řízení rizik – ÄÖÜ ß ø 漢字 🎓'])
    expect(validateOpenBadgesJsonSchema(parsed)).toBe(true)
  })
})

describe('MicroCredential: each mandatory EU element removed', () => {
  const removals: Record<EuElement, { remove: (credential: Credential) => void; line: string }> = {
    1: {
      remove: (c) => {
        delete c.credentialSubject.id
        delete c.credentialSubject.identifier
      },
      line: 'credentialSubject.identifier: the learner must be identified by an identifier (e.g. their name) or an id (EU micro-credential element 1: identification of the learner)',
    },
    2: {
      remove: (c) => delete c.credentialSubject.achievement.name,
      line: 'credentialSubject.achievement.name: the title is required (EU micro-credential element 2: title of the micro-credential)',
    },
    3: {
      remove: (c) => delete c.issuer.address,
      line: 'issuer.address: the address of the issuer is required (EU micro-credential element 3: country or region of the issuer)',
    },
    4: {
      remove: (c) => delete c.issuer.name,
      line: 'issuer.name: the name of the awarding body is required (EU micro-credential element 4: awarding body)',
    },
    5: {
      remove: (c) => {
        delete c.validFrom
        delete c.awardedDate
      },
      line: 'validFrom: the date of issuing (validFrom) is required (EU micro-credential element 5: date of issuing)',
    },
    6: {
      remove: (c) => {
        delete c.credentialSubject.achievement.learningOutcome
        c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
          (a: Credential) => a.targetType !== 'ext:ESCOSkill',
        )
      },
      line: 'credentialSubject.achievement.learningOutcome: at least one learning outcome is required (EU micro-credential element 6: learning outcomes)',
    },
    7: {
      remove: (c) => {
        delete c.credentialSubject.achievement.creditsAvailable
        delete c.credentialSubject.achievement.ectsCredits
        delete c.credentialSubject.achievement.volumeOfLearning
      },
      line: 'credentialSubject.achievement.ectsCredits: the number of ECTS credits is required (EU micro-credential element 7: notional workload)',
    },
    8: {
      remove: (c) => {
        c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter(
          (a: Credential) => a.targetType === 'ext:ESCOSkill',
        )
      },
      line: 'credentialSubject.achievement.alignment: an EQF level is required: an alignment with targetType "ext:EQFLevel", targetCode "1"–"8" and targetUrl "http://data.europa.eu/snb/eqf/<level>" (EU micro-credential element 8: level (EQF, QF-EHEA cycle))',
    },
    9: {
      remove: (c) => delete c.credentialSubject.achievement.typeOfAssessment,
      line: 'credentialSubject.achievement.typeOfAssessment: at least one type of assessment is required (EU micro-credential element 9: type of assessment)',
    },
    10: {
      remove: (c) => delete c.credentialSubject.achievement.formOfParticipation,
      line: 'credentialSubject.achievement.formOfParticipation: the form of participation is required (EU micro-credential element 10: form of participation)',
    },
    11: {
      remove: (c) => delete c.credentialSubject.achievement.qualityAssurance,
      line: 'credentialSubject.achievement.qualityAssurance: at least one quality assurance entry is required (EU micro-credential element 11: type of quality assurance)',
    },
  }

  for (const [key, { remove, line }] of Object.entries(removals)) {
    const element = Number(key) as EuElement
    it(`rejects a credential without element ${element} (${EU_ELEMENTS[element]}) and names the element`, () => {
      const credential = validCredential()
      remove(credential)
      const lines = problems(credential)
      expect(lines).toContain(line)
      expect(lines.every((text) => text.includes(`(EU micro-credential element ${element}: ${EU_ELEMENTS[element]})`))).toBe(true)
      expect(issueCodes(credential).length).toBeGreaterThan(0)
      expect(missingEuElements(credential)).toEqual([element])
    })
  }

  it('reports a missing element as a warning case: still an Open Badges credential when only EU elements are missing', () => {
    for (const element of [1, 6, 7, 8, 9, 10, 11] as const) {
      const credential = validCredential()
      removals[element].remove(credential)
      expect(MicroCredential.safeParse(credential).success).toBe(false)
      expect(OpenBadgeCredential.safeParse(credential).success).toBe(true)
    }
  })
})

describe('MicroCredential: wrong types and forms', () => {
  it('rejects ECTS given as text', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.ectsCredits = '3'
    credential.credentialSubject.achievement.creditsAvailable = '3'
    expect(problems(credential)).toContain(
      'credentialSubject.achievement.ectsCredits: must be a number, not text (EU micro-credential element 7: notional workload)',
    )
    expect(issueCodes(credential)).toContain('invalid_type')
  })

  it('rejects an EQF level 9', () => {
    const credential = validCredential()
    const eqf = credential.credentialSubject.achievement.alignment[0]
    eqf.targetCode = '9'
    eqf.targetUrl = 'http://data.europa.eu/snb/eqf/9'
    expect(problems(credential)[0]).toMatch(/^credentialSubject\.achievement\.alignment: an EQF level is required.*element 8/)
    expect(issueCodes(credential)).toEqual(['custom'])
  })

  it('rejects a country name instead of an ISO 3166-1 alpha-2 code', () => {
    const credential = validCredential()
    credential.issuer.address.addressCountryCode = 'Czech'
    expect(problems(credential)).toEqual([
      'issuer.address.addressCountryCode: must be an ISO 3166-1 alpha-2 country code in capitals, such as "CZ" or "IE", not "Czech" (EU micro-credential element 3: country or region of the issuer)',
    ])
    expect(issueCodes(credential)).toEqual(['custom'])
  })

  it('rejects a date without a time zone', () => {
    const credential = validCredential()
    credential.validFrom = '2026-06-15T09:00:00'
    expect(problems(credential)).toEqual([
      'validFrom: must be a date and time with a time zone, such as "2026-06-15T09:00:00Z" or "2026-06-15T11:00:00+02:00"; the time zone is missing (EU micro-credential element 5: date of issuing)',
    ])
    expect(issueCodes(credential)).toEqual(['invalid_format'])
  })

  it('rejects an impossible calendar date', () => {
    const credential = validCredential()
    credential.validFrom = '2026-02-30T09:00:00Z'
    expect(problems(credential)).toEqual([
      'validFrom: must be a date that exists in the calendar (EU micro-credential element 5: date of issuing)',
    ])
  })

  it('rejects validUntil before validFrom', () => {
    const credential = validCredential()
    credential.validUntil = '2025-01-01T00:00:00Z'
    expect(problems(credential)).toEqual(['validUntil: must not be before validFrom'])
    expect(issueCodes(credential)).toEqual(['custom'])
  })

  it('rejects a single type string, a proof object and a credentialStatus array (Open Badges shape rules)', () => {
    const credential = validCredential()
    credential.type = 'VerifiableCredential'
    credential.proof = { type: 'DataIntegrityProof' }
    credential.credentialStatus = [credential.credentialStatus]
    const lines = problems(credential)
    expect(lines.some((line) => line.startsWith('type: must be a list of types'))).toBe(true)
    expect(lines.some((line) => line.startsWith('proof: must be a list of proofs'))).toBe(true)
    expect(lines.some((line) => line.startsWith('credentialStatus: must be an object'))).toBe(true)
    expect(validateOpenBadgesJsonSchema(credential)).toBe(false)
  })

  it('rejects a language map where Open Badges wants a plain string name', () => {
    const credential = validCredential()
    credential.name = { '@value': 'Applied Data Ethics', '@language': 'en' }
    expect(problems(credential)).toEqual(['name: must be text, not an object'])
    expect(issueCodes(credential)).toEqual(['invalid_type'])
  })

  it('rejects extra properties on an IdentityObject (closed in Open Badges)', () => {
    const credential = validCredential()
    credential.credentialSubject.identifier[0].nickname = 'Jája'
    expect(problems(credential)).toEqual([
      'credentialSubject.identifier[0].nickname: unknown field (check the spelling; unknown fields are not accepted)',
    ])
    expect(issueCodes(credential)).toEqual(['unrecognized_keys'])
    expect(validateOpenBadgesJsonSchema(credential)).toBe(false)
  })

  it('rejects a credential whose first context is not VC 2.0', () => {
    const credential = validCredential()
    credential['@context'][0] = 'https://www.w3.org/2018/credentials/v1'
    expect(problems(credential)).toEqual([
      '@context: must start with "https://www.w3.org/ns/credentials/v2" (a VC Data Model 2.0 credential)',
    ])
  })

  it('rejects a credential without the EU context object', () => {
    const credential = validCredential()
    credential['@context'] = credential['@context'].slice(0, 3)
    expect(problems(credential)).toEqual([
      '@context: must include the EU micro-credential context object (use CREDENTIAL_CONTEXTS from @microcert/schemas)',
    ])
  })

  it('rejects a credential without the Open Badges credentialSchema entry', () => {
    const credential = validCredential()
    credential.credentialSchema = credential.credentialSchema.slice(1)
    expect(problems(credential)).toEqual([
      'credentialSchema: must include the Open Badges schema "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"',
    ])
  })

  it('rejects creditsAvailable that differs from ectsCredits', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.creditsAvailable = 4
    expect(problems(credential)).toEqual([
      'credentialSubject.achievement.creditsAvailable: must equal ectsCredits (EU micro-credential element 7: notional workload)',
    ])
  })

  it('checks a Bitstring Status List entry in full and leaves other status types to their own rules', () => {
    const credential = validCredential()
    credential.credentialStatus.statusListIndex = 70145
    expect(problems(credential)).toEqual(['credentialStatus.statusListIndex: must be text, not a number'])
    expect(issueCodes(credential)).toEqual(['custom'])
    credential.credentialStatus = { id: 'https://uni.example/revocations#1', type: '1EdTechRevocationList' }
    expect(problems(credential)).toEqual([])
  })

  it('rejects an unknown form of participation', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.formOfParticipation = 'by correspondence'
    expect(problems(credential)).toEqual([
      'credentialSubject.achievement.formOfParticipation: must be one of "online", "onsite", "blended" (EU micro-credential element 10: form of participation)',
    ])
    expect(issueCodes(credential)).toEqual(['invalid_value'])
  })
})

describe('MicroCredential: hostile input', () => {
  it('strips a __proto__ key and leaves Object.prototype untouched', () => {
    const text = JSON.stringify(validCredential()).replace('{', '{"__proto__":{"polluted":"yes"},')
    const credential = JSON.parse(text)
    expect(Object.keys(credential)).toContain('__proto__')
    const parsed = MicroCredential.parse(credential) as Record<string, unknown>
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype)
    expect(Object.keys(parsed)).not.toContain('__proto__')
    expect(parsed['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('rejects a __proto__ key inside a closed object (IdentityObject)', () => {
    const credential = validCredential()
    const text = JSON.stringify(credential).replace('"type":"IdentityObject"', '"__proto__":{"hashed":true},"type":"IdentityObject"')
    const result = MicroCredential.safeParse(JSON.parse(text))
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.code)).toEqual(['unrecognized_keys'])
    expect(({} as Record<string, unknown>)['hashed']).toBeUndefined()
  })

  it('rejects a very long learning outcome with the limit in the message', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.learningOutcome = ['x'.repeat(LIMITS.learningOutcome + 1)]
    expect(problems(credential)).toEqual([
      `credentialSubject.achievement.learningOutcome[0]: must be at most ${LIMITS.learningOutcome} characters (this one has ${LIMITS.learningOutcome + 1}) (EU micro-credential element 6: learning outcomes)`,
    ])
    expect(issueCodes(credential)).toEqual(['too_big'])
  })

  it('rejects a very long title and too many learning outcomes', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.name = 'Ř'.repeat(1_000_000)
    credential.credentialSubject.achievement.learningOutcome = Array.from({ length: LIMITS.listItems + 1 }, (_, i) => `Outcome ${i}`)
    const lines = problems(credential)
    expect(lines).toContain(
      `credentialSubject.achievement.name: must be at most ${LIMITS.name} characters (this one has 1000000) (EU micro-credential element 2: title of the micro-credential)`,
    )
    expect(lines).toContain(
      `credentialSubject.achievement.learningOutcome: must have at most ${LIMITS.listItems} learning outcomes (EU micro-credential element 6: learning outcomes)`,
    )
  })

  it('rejects a title of white space only', () => {
    const credential = validCredential()
    credential.credentialSubject.achievement.name = ' \t '
    expect(problems(credential)).toEqual([
      'credentialSubject.achievement.name: the title must not be empty (EU micro-credential element 2: title of the micro-credential)',
    ])
  })

  it('rejects non-objects with a plain message instead of throwing', () => {
    for (const value of [null, 42, 'eyJhbGciOi…', [], undefined]) {
      const result = MicroCredential.safeParse(value)
      expect(result.success).toBe(false)
      expect(formatSchemaIssues(result.error!)[0]).toMatch(/^\(root\): (the credential is required|must be an object, not )/)
    }
  })
})
