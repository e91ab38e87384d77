// The fast checks (isSurelyMicroCredential, isMicroCredentialInput) may say "not sure" (false) where the schema accepts, but
// must never say "valid" where the schema rejects: the verifier and buildCredential trust a true without a full parse.
// Every case also runs against a warm check (the valid parts already seen, the very same part objects reused and then
// changed in place), which is where isMicroCredentialInput's cache of known parts could be fooled.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LIMITS, isMicroCredentialInput, isSurelyMicroCredential, MicroCredential, MicroCredentialInput, missingEuElements, OpenBadgeCredential } from '../src/index.js'
import { validCredential, validInput } from './helpers.js'

type AnyRecord = Record<string, any>
type Edit = (value: AnyRecord) => void

/** The negative cases of micro-credential.test.ts, as edits of the valid fixture. */
const credentialEdits: Record<string, Edit> = {
  'no learner identifier': (c) => {
    delete c.credentialSubject.id
    delete c.credentialSubject.identifier
  },
  'no issuer address': (c) => delete c.issuer.address,
  'no issuer name': (c) => delete c.issuer.name,
  'no validFrom': (c) => {
    delete c.validFrom
    delete c.awardedDate
  },
  'no learning outcome': (c) => delete c.credentialSubject.achievement.learningOutcome,
  'no credits': (c) => {
    delete c.credentialSubject.achievement.creditsAvailable
    delete c.credentialSubject.achievement.ectsCredits
  },
  'no EQF level': (c) => {
    c.credentialSubject.achievement.alignment = c.credentialSubject.achievement.alignment.filter((a: AnyRecord) => a.targetType === 'ext:ESCOSkill')
  },
  'no type of assessment': (c) => delete c.credentialSubject.achievement.typeOfAssessment,
  'no form of participation': (c) => delete c.credentialSubject.achievement.formOfParticipation,
  'no quality assurance': (c) => delete c.credentialSubject.achievement.qualityAssurance,
  'ECTS as text': (c) => {
    c.credentialSubject.achievement.ectsCredits = '3'
    c.credentialSubject.achievement.creditsAvailable = '3'
  },
  'EQF level 9': (c) => {
    const eqf = c.credentialSubject.achievement.alignment[0]
    eqf.targetCode = '9'
    eqf.targetUrl = 'http://data.europa.eu/snb/eqf/9'
  },
  'country name': (c) => (c.issuer.address.addressCountryCode = 'Czech'),
  'date without time zone': (c) => (c.validFrom = '2026-06-15T09:00:00'),
  'impossible date': (c) => (c.validFrom = '2026-02-30T09:00:00Z'),
  'validUntil before validFrom': (c) => (c.validUntil = '2025-01-01T00:00:00Z'),
  'single type string': (c) => (c.type = 'VerifiableCredential'),
  'proof object': (c) => (c.proof = { type: 'DataIntegrityProof' }),
  'credentialStatus array': (c) => (c.credentialStatus = [c.credentialStatus]),
  'language map name': (c) => (c.name = { '@value': 'Applied Data Ethics', '@language': 'en' }),
  'extra IdentityObject property': (c) => (c.credentialSubject.identifier[0].nickname = 'Jája'),
  'VC 1.1 context first': (c) => (c['@context'][0] = 'https://www.w3.org/2018/credentials/v1'),
  'no EU context': (c) => (c['@context'] = c['@context'].slice(0, 3)),
  'no OB credentialSchema': (c) => (c.credentialSchema = c.credentialSchema.slice(1)),
  'creditsAvailable differs': (c) => (c.credentialSubject.achievement.creditsAvailable = 4),
  'numeric statusListIndex': (c) => (c.credentialStatus.statusListIndex = 70145),
  'unknown participation': (c) => (c.credentialSubject.achievement.formOfParticipation = 'by correspondence'),
  'long learning outcome': (c) => (c.credentialSubject.achievement.learningOutcome = ['x'.repeat(LIMITS.learningOutcome + 1)]),
  'long title': (c) => (c.credentialSubject.achievement.name = 'Ř'.repeat(LIMITS.name + 1)),
  'white-space title': (c) => (c.credentialSubject.achievement.name = ' \t '),
  'issuer not an object': (c) => (c.issuer = 'did:web:uni.example'),
  'achievement an array': (c) => (c.credentialSubject.achievement = [c.credentialSubject.achievement]),
  'credentialSubject missing': (c) => delete c.credentialSubject,
}

/** The negative cases of micro-credential-input.test.ts, as edits of the valid fixture. */
const inputEdits: Record<string, Edit> = {
  'ECTS as text': (i) => (i.achievement.ects = '3'),
  'ECTS 0': (i) => (i.achievement.ects = 0),
  'ECTS above 180': (i) => (i.achievement.ects = 181),
  'ECTS NaN': (i) => (i.achievement.ects = Number.NaN),
  'EQF 9': (i) => (i.achievement.eqfLevel = 9),
  'EQF "6"': (i) => (i.achievement.eqfLevel = '6'),
  'country name': (i) => (i.issuer.country = 'Czech'),
  'country lower case': (i) => (i.issuer.country = 'cz'),
  'unassigned country': (i) => (i.issuer.country = 'XX'),
  'date without zone': (i) => (i.issuedAt = '2026-06-15T09:00:00'),
  'date only': (i) => (i.issuedAt = '2026-06-15'),
  'unknown participation': (i) => (i.achievement.participation = 'hybrid'),
  'unknown field': (i) => (i.achievement.learningOutcome = ['typo of learningOutcomes']),
  'issuer id not a DID': (i) => (i.issuer.id = 'https://uni.example'),
  'bad e-mail': (i) => (i.learner.email = 'not an email'),
  'bad language': (i) => (i.achievement.language = 'English'),
  'bad duration': (i) => (i.achievement.volumeOfLearning = '125 hours'),
  'javascript URL': (i) => (i.issuer.url = 'javascript:alert(1)'),
  'html data URI image': (i) => (i.achievement.image = 'data:text/html;base64,PHNjcmlwdD4='),
  'validUntil before issuedAt': (i) => (i.validUntil = '2026-01-01T00:00:00Z'),
  'more credits earned than the course has': (i) => (i.creditsEarned = i.achievement.ects + 1),
  'grade outside the allowed grades': (i) => {
    i.achievement.grading = { name: 'ECTS grading scale', type: 'LetterGrade', allowedValues: ['A', 'B'] }
    i.grade = 'A+'
  },
  'long learner name': (i) => (i.learner.name = 'Ž'.repeat(LIMITS.name + 1)),
  'achievement missing': (i) => delete i.achievement,
  'issuer a string': (i) => (i.issuer = 'did:web:uni.example'),
}

function atPath(value: unknown, path: readonly string[]): unknown {
  return path.reduce((node: any, key) => (typeof node === 'object' && node !== null ? node[key] : undefined), value)
}

/**
 * Runs `edit` three ways against a check that has just accepted the valid value: on a fresh copy, on a copy that
 * shares the very part objects the check accepted (edited in place afterwards), and on the accepted value itself.
 */
function editedValues(valid: () => AnyRecord, parts: readonly string[][], edit: Edit, accept: (value: unknown) => boolean): AnyRecord[] {
  const fresh = valid()
  edit(fresh)
  const seen = valid()
  expect(accept(seen)).toBe(true)
  const sharing = valid()
  for (const path of parts) {
    const parent = atPath(sharing, path.slice(0, -1)) as AnyRecord
    parent[path[path.length - 1]!] = atPath(seen, path)
  }
  edit(sharing)
  const same = seen
  edit(same)
  return [fresh, sharing, same]
}

const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', 'x', 'did:web:uni.example', 'https://uni.example/', '2026-13-45T00:00:00Z', '2026-02-29T00:00:00Z', 'CZ', 'XX', 0, -1, 181, 3.5, 1e308, -0, null, true, [], {}),
)

/**
 * One random change somewhere inside `value`: a property deleted, replaced or added, an item removed. Properties are
 * defined as JSON.parse defines them (own data properties, "__proto__" and "constructor" included).
 */
function mutateAt(value: AnyRecord, pick: number, change: { kind: 'delete' | 'set' | 'add' | 'tweak'; set: unknown; key: string }): void {
  const nodes: AnyRecord[] = []
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return
    nodes.push(node as AnyRecord)
    for (const child of Object.values(node)) walk(child)
  }
  walk(value)
  const node = nodes[pick % nodes.length]!
  const keys = Object.keys(node)
  const key: string = change.kind === 'add' || keys.length === 0 ? change.key : keys[Math.floor(pick / 7) % keys.length]!
  if (change.kind === 'tweak') {
    const old: unknown = (node as AnyRecord)[key]
    ;(node as AnyRecord)[key] = tweak(old, pick)
  } else if (change.kind !== 'delete') {
    Object.defineProperty(node, key, { value: structuredClone(change.set), enumerable: true, writable: true, configurable: true })
  } else if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) {
    for (let i = Number(key); i < node.length - 1; i++) node[i] = node[i + 1]
    node.length -= 1
  } else {
    delete (node as AnyRecord)[key]
  }
}

/** A value close to `old`: the same text a little changed (white space, case, length past a limit), a nearby number. */
function tweak(old: unknown, pick: number): unknown {
  if (typeof old === 'string') {
    const variants = [' ', ` ${old}`, `${old} `, old.toLowerCase(), old.toUpperCase(), old.slice(1), old.slice(0, -1), old.repeat(40), `${old}\n`, old.replace(/\d/, '9'), old.replace('Z', ''), old.replace(/:/g, '')]
    return variants[pick % variants.length]
  }
  if (typeof old === 'number') return [0, -0, old + 1, old - 1, old * 100, old + 0.5, Number.NaN, Number.POSITIVE_INFINITY, -old][pick % 9]
  if (typeof old === 'boolean') return !old
  if (Array.isArray(old)) return [[], [...old, ...old], Array.from(old).slice(1)][pick % 3]
  return old
}

const change = fc.record({
  kind: fc.constantFrom('delete' as const, 'set' as const, 'add' as const, 'tweak' as const, 'tweak' as const),
  set: replacement,
  key: fc.constantFrom('id', 'type', 'name', 'extra', '__proto__', 'constructor', '0'),
})

function soundUnderMutations(
  valid: () => AnyRecord,
  parts: readonly string[][],
  fast: (value: unknown) => boolean,
  full: (value: unknown) => boolean,
  alsoWhenAccepted: (value: AnyRecord) => void = () => undefined,
) {
  let accepted = 0
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), change), { minLength: 1, maxLength: 4 }), fc.boolean(), (changes, share) => {
      const seen = valid()
      fast(seen)
      const value = valid()
      if (share) {
        for (const path of parts) {
          const parent = atPath(value, path.slice(0, -1)) as AnyRecord
          parent[path[path.length - 1]!] = atPath(seen, path)
        }
      }
      for (const [pick, c] of changes) mutateAt(value, pick, c)
      // Also through JSON text, as a verifier receives it (a "__proto__" key becomes an own property).
      for (const candidate of [value, JSON.parse(JSON.stringify(value)) as AnyRecord]) {
        if (fast(candidate)) {
          accepted++
          expect(full(candidate)).toBe(true)
          alsoWhenAccepted(candidate)
        }
      }
    }),
    { numRuns: 3000 },
  )
  // Not vacuous: many mutants stay valid (a changed name, an extra list item…) and the check must say so for them.
  expect(accepted).toBeGreaterThan(300)
}

describe('isSurelyMicroCredential never accepts what MicroCredential rejects', () => {
  const parts = [['credentialSubject', 'achievement'], ['issuer']]
  const full = (value: unknown) => MicroCredential.safeParse(value).success

  for (const [name, edit] of Object.entries(credentialEdits)) {
    it(`refuses the schema's negative case "${name}", also after the valid parts were seen`, () => {
      for (const value of editedValues(validCredential, parts, edit, isSurelyMicroCredential)) {
        expect(full(value)).toBe(false)
        expect(isSurelyMicroCredential(value)).toBe(false)
      }
    })
  }

  it('accepts the valid fixture, also with every optional part microcert writes removed', () => {
    expect(isSurelyMicroCredential(validCredential())).toBe(true)
    const lean = validCredential()
    for (const key of ['name', 'description', 'awardedDate', 'credentialStatus']) delete lean[key]
    for (const key of ['activityStartDate', 'activityEndDate', 'narrative', 'result', 'creditsEarned', 'id']) delete lean.credentialSubject[key]
    for (const key of ['fieldOfStudy', 'humanCode', 'inLanguage', 'resultDescription', 'prerequisite', 'volumeOfLearning']) delete lean.credentialSubject.achievement[key]
    expect(MicroCredential.safeParse(lean).success).toBe(true)
    expect(isSurelyMicroCredential(lean)).toBe(true)
  })

  it('is not sure about what it does not list, where the schema decides either way', () => {
    const extra = validCredential()
    extra.evidence = [{ id: 'https://uni.example/evidence/1' }]
    expect(MicroCredential.safeParse(extra).success).toBe(true)
    expect(isSurelyMicroCredential(extra)).toBe(false)
    const other = validCredential()
    other.credentialStatus = { id: 'https://uni.example/revocations#1', type: '1EdTechRevocationList' }
    expect(isSurelyMicroCredential(other)).toBe(false)
    const proto = JSON.parse(JSON.stringify(validCredential()).replace('{', '{"__proto__":{"polluted":"yes"},'))
    expect(isSurelyMicroCredential(proto)).toBe(false)
    for (const value of [undefined, null, 0, 'text', [], {}, { credentialSubject: [] }]) expect(isSurelyMicroCredential(value)).toBe(false)
  })

  it('accepts only what OpenBadgeCredential accepts too (the verifier then skips that parse)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), change), { maxLength: 4 }), (changes) => {
        const value = validCredential()
        for (const [pick, c] of changes) mutateAt(value, pick, c)
        if (MicroCredential.safeParse(value).success) expect(OpenBadgeCredential.safeParse(value).success).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })

  it('accepts nothing the schema rejects among random mutations of a valid credential, and nothing that lacks an EU element', () => {
    // The verifier reports no missing element for a credential the quick check accepts, without looking.
    soundUnderMutations(validCredential, parts, isSurelyMicroCredential, full, (value) => expect(missingEuElements(value)).toEqual([]))
  })
})

describe('isMicroCredentialInput never accepts what MicroCredentialInput rejects', () => {
  const parts = [['achievement'], ['issuer']]
  const full = (value: unknown) => MicroCredentialInput.safeParse(value).success

  for (const [name, edit] of Object.entries(inputEdits)) {
    it(`refuses the schema's negative case "${name}", also after the valid parts were seen`, () => {
      for (const value of editedValues(validInput, parts, edit, isMicroCredentialInput)) {
        expect(full(value)).toBe(false)
        expect(isMicroCredentialInput(value)).toBe(false)
      }
    })
  }

  it('accepts nothing the schema rejects among random mutations of a valid input', () => {
    soundUnderMutations(validInput, parts, isMicroCredentialInput, full)
  })
})
