import { describe, expect, it } from 'vitest'
import { EU_ELEMENTS, IssueInput, LIMITS, MicroCredentialInput, formatSchemaIssues, isMicroCredentialInput, type EuElement } from '../src/index.js'
import { validInput } from './helpers.js'

type Input = Record<string, any>

function problems(input: unknown): string[] {
  const result = MicroCredentialInput.safeParse(input)
  return result.success ? [] : formatSchemaIssues(result.error)
}

function codes(input: unknown): string[] {
  const result = MicroCredentialInput.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.code)
}

describe('MicroCredentialInput', () => {
  it('accepts the complete input fixture and returns it unchanged', () => {
    const input = validInput()
    const result = MicroCredentialInput.safeParse(input)
    expect(result.success ? [] : formatSchemaIssues(result.error)).toEqual([])
    expect(result.data).toEqual(input)
  })

  it('accepts the minimal input: only the mandatory elements', () => {
    const input = {
      learner: { name: 'Jan Novák' },
      achievement: {
        title: 'Data Ethics',
        description: 'A short course.',
        learningOutcomes: ['Applies ethical frameworks'],
        ects: 2.5,
        eqfLevel: 5,
        assessment: ['project'],
        participation: 'online',
        qualityAssurance: [{ name: 'Internal QA' }],
      },
      issuer: { id: 'did:web:uni.example', name: 'Example University', country: 'IE' },
    }
    expect(problems(input)).toEqual([])
  })

  it('round-trips Czech diacritics in every text field', () => {
    const input = validInput()
    input.learner.name = 'Příliš žluťoučký kůň'
    input.achievement.title = 'Úvod do ďábelských ód'
    input.issuer.name = 'Masarykova univerzita – Fakulta informatiky'
    const parsed = MicroCredentialInput.parse(JSON.parse(JSON.stringify(input)))
    expect(parsed.learner.name).toBe('Příliš žluťoučký kůň')
    expect(parsed.achievement.title).toBe('Úvod do ďábelských ód')
    expect(parsed.issuer.name).toBe('Masarykova univerzita – Fakulta informatiky')
    expect(parsed.learner.name.normalize('NFC')).toBe(parsed.learner.name)
  })
})

describe('MicroCredentialInput: each mandatory EU element removed', () => {
  const cases: Record<EuElement, { remove: (input: Input) => void; line: string }> = {
    1: {
      remove: (i) => delete i.learner.name,
      line: "learner.name: the learner's name is required (EU micro-credential element 1: identification of the learner)",
    },
    2: {
      remove: (i) => delete i.achievement.title,
      line: 'achievement.title: the title is required (EU micro-credential element 2: title of the micro-credential)',
    },
    3: {
      remove: (i) => delete i.issuer.country,
      line: 'issuer.country: the country of the issuer is required (EU micro-credential element 3: country or region of the issuer)',
    },
    4: {
      remove: (i) => delete i.issuer.name,
      line: 'issuer.name: the name of the awarding body is required (EU micro-credential element 4: awarding body)',
    },
    5: {
      remove: (i) => (i.issuedAt = ''),
      line: 'issuedAt: must be a date and time with a time zone, such as "2026-06-15T09:00:00Z" or "2026-06-15T11:00:00+02:00" (EU micro-credential element 5: date of issuing)',
    },
    6: {
      remove: (i) => (i.achievement.learningOutcomes = []),
      line: 'achievement.learningOutcomes: at least one learning outcome is required (EU micro-credential element 6: learning outcomes)',
    },
    7: {
      remove: (i) => delete i.achievement.ects,
      line: 'achievement.ects: the number of ECTS credits is required (EU micro-credential element 7: notional workload)',
    },
    8: {
      remove: (i) => delete i.achievement.eqfLevel,
      line: 'achievement.eqfLevel: the EQF level is required (EU micro-credential element 8: level (EQF, QF-EHEA cycle))',
    },
    9: {
      remove: (i) => delete i.achievement.assessment,
      line: 'achievement.assessment: at least one type of assessment is required (EU micro-credential element 9: type of assessment)',
    },
    10: {
      remove: (i) => delete i.achievement.participation,
      line: 'achievement.participation: the form of participation is required (EU micro-credential element 10: form of participation)',
    },
    11: {
      remove: (i) => (i.achievement.qualityAssurance = []),
      line: 'achievement.qualityAssurance: at least one quality assurance entry is required (EU micro-credential element 11: type of quality assurance)',
    },
  }

  for (const [key, { remove, line }] of Object.entries(cases)) {
    const element = Number(key) as EuElement
    it(`reports element ${element} (${EU_ELEMENTS[element]}) by path and name`, () => {
      const input = validInput()
      remove(input)
      expect(problems(input)).toEqual([line])
      expect(codes(input).length).toBe(1)
    })
  }

  it('reports every missing element at once, one line each', () => {
    const input = validInput()
    for (const { remove } of Object.values(cases)) remove(input)
    const lines = problems(input)
    expect(lines).toHaveLength(11)
    for (const element of Object.keys(EU_ELEMENTS)) {
      expect(lines.some((line) => line.includes(`(EU micro-credential element ${element}:`))).toBe(true)
    }
  })
})

describe('MicroCredentialInput: wrong types', () => {
  it('rejects ECTS given as text', () => {
    const input = validInput()
    input.achievement.ects = '3'
    expect(problems(input)).toEqual(['achievement.ects: must be a number, not text (EU micro-credential element 7: notional workload)'])
    expect(codes(input)).toEqual(['invalid_type'])
  })

  it('rejects ECTS of 0, negative, above 180, NaN and Infinity', () => {
    for (const ects of [0, -1, 180.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const input = validInput()
      input.achievement.ects = ects
      const lines = problems(input)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^achievement\.ects: must be (greater than 0 and at most 180 ECTS credits|a number, not a non-finite number|a number, not)/)
    }
  })

  it('rejects EQF level 9, 0, 5.5 and "6"', () => {
    for (const eqfLevel of [9, 0, 5.5, '6']) {
      const input = validInput()
      input.achievement.eqfLevel = eqfLevel
      expect(problems(input)).toEqual([
        'achievement.eqfLevel: must be the EQF level, a whole number from 1 to 8 (EU micro-credential element 8: level (EQF, QF-EHEA cycle))',
      ])
      expect(codes(input)).toEqual(['invalid_value'])
    }
  })

  it('rejects the country "Czech" and suggests the code for lower case and EL/UK', () => {
    const input = validInput()
    input.issuer.country = 'Czech'
    expect(problems(input)).toEqual([
      'issuer.country: must be an ISO 3166-1 alpha-2 country code in capitals, such as "CZ" or "IE", not "Czech" (EU micro-credential element 3: country or region of the issuer)',
    ])
    expect(codes(input)).toEqual(['custom'])
    input.issuer.country = 'cz'
    expect(problems(input)[0]).toContain('(did you mean "CZ"?)')
    input.issuer.country = 'EL'
    expect(problems(input)[0]).toContain('(did you mean "GR"?)')
    input.issuer.country = 'UK'
    expect(problems(input)[0]).toContain('(did you mean "GB"?)')
  })

  it('rejects codes that look like countries but are not assigned (XX, EU)', () => {
    for (const country of ['XX', 'EU', 'ZZ']) {
      const input = validInput()
      input.issuer.country = country
      expect(codes(input)).toEqual(['custom'])
    }
  })

  it('rejects dates without a time zone, date-only and nonsense dates', () => {
    for (const issuedAt of ['2026-06-15', '2026-06-15T09:00:00', '15.6.2026', '2026-13-01T00:00:00Z', '2026-02-29T00:00:00Z']) {
      const input = validInput()
      input.issuedAt = issuedAt
      const lines = problems(input)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^issuedAt: must be a date/)
      expect(lines[0]).toContain('(EU micro-credential element 5: date of issuing)')
    }
  })

  it('says an impossible date does not exist instead of asking for a time zone', () => {
    const cases: [string, string][] = [
      ['2026-13-45', 'there is no month 13'],
      ['2026-13-45T09:00:00Z', 'there is no month 13'],
      ['2026-04-45T09:00:00Z', 'there is no day 45 in April'],
      ['2026-02-30', 'February has no day 30 in that year'],
      ['2026-06-15T25:00:00Z', 'there is no hour 25'],
      ['2026-06-15T09:75:00Z', '"09:75:00" is not a time of day'],
    ]
    for (const [issuedAt, reason] of cases) {
      const input = validInput()
      input.issuedAt = issuedAt
      expect(problems(input), issuedAt).toEqual([
        `issuedAt: must be a date that exists in the calendar; ${reason} (EU micro-credential element 5: date of issuing)`,
      ])
    }
  })

  it('suggests toISOString() for a Date object where a date-time text is expected', () => {
    const input = validInput() as Record<string, unknown>
    input['issuedAt'] = new Date('2026-06-15T09:00:00Z')
    expect(problems(input as ReturnType<typeof validInput>)).toEqual([
      'issuedAt: must be text, not a Date object (pass date.toISOString(), e.g. "2026-06-15T09:00:00.000Z") (EU micro-credential element 5: date of issuing)',
    ])
  })

  it('accepts a leap day and offsets', () => {
    const input = validInput()
    input.issuedAt = '2028-02-29T23:59:59.123+14:00'
    input.validUntil = '2030-01-01T00:00:00-12:00'
    expect(problems(input)).toEqual([])
  })

  it('rejects an unknown participation form and an unknown field', () => {
    const input = validInput()
    input.achievement.participation = 'hybrid'
    input.achievement.learningOutcome = ['typo of learningOutcomes']
    expect(problems(input)).toEqual([
      'achievement.participation: must be one of "online", "onsite", "blended" (EU micro-credential element 10: form of participation)',
      'achievement.learningOutcome: unknown field (check the spelling; unknown fields are not accepted)',
    ])
    expect(codes(input).sort()).toEqual(['invalid_value', 'unrecognized_keys'])
  })

  it('rejects an issuer id that is not a DID', () => {
    const input = validInput()
    input.issuer.id = 'https://uni.example'
    expect(problems(input)).toEqual([
      'issuer.id: must be a DID such as "did:web:uni.example" (EU micro-credential element 4: awarding body)',
    ])
    expect(codes(input)).toEqual(['invalid_format'])
  })

  it('rejects a bad e-mail, language tag, duration and URL', () => {
    const input = validInput()
    input.learner.email = 'not an email'
    input.achievement.language = 'English'
    input.achievement.volumeOfLearning = '125 hours'
    input.issuer.url = 'javascript:alert(1)'
    expect(problems(input)).toEqual([
      'learner.email: must be an e-mail address such as "registrar@uni.example" (EU micro-credential element 1: identification of the learner)',
      'achievement.volumeOfLearning: must be an ISO 8601 duration such as "PT125H" (125 hours) (EU micro-credential element 7: notional workload)',
      'achievement.language: must be a language tag such as "en", "cs" or "pt-BR"',
      'issuer.url: must be an http(s) URL such as "https://uni.example/"',
    ])
    expect(codes(input)).toEqual(['invalid_format', 'invalid_format', 'invalid_format', 'invalid_format'])
  })

  it('rejects an image that is neither an http(s) URL nor a data:image URI', () => {
    const input = validInput()
    input.achievement.image = 'data:text/html;base64,PHNjcmlwdD4='
    expect(problems(input)).toEqual(['achievement.image: must be an http(s) URL or a data:image/…;base64 URI'])
    expect(codes(input)).toEqual(['custom'])
  })
})

describe('MicroCredentialInput: rules across fields', () => {
  it('rejects validUntil before issuedAt', () => {
    const input = validInput()
    input.validUntil = '2026-01-01T00:00:00Z'
    expect(problems(input)).toEqual(['validUntil: must be later than the date of issuing (issuedAt)'])
    expect(codes(input)).toEqual(['custom'])
  })

  it('rejects an activity that ends before it starts', () => {
    const input = validInput()
    input.activityEndDate = '2026-01-01T00:00:00Z'
    expect(problems(input)).toEqual(['activityEndDate: must not be before the start date (activityStartDate)'])
  })

  it('rejects more credits earned than the course has', () => {
    const input = validInput()
    input.creditsEarned = 4
    expect(problems(input)).toEqual([
      'creditsEarned: must not exceed the ECTS credits of the course (3) (EU micro-credential element 7: notional workload)',
    ])
  })

  it('rejects a grade outside the allowed grades and a pass grade outside them', () => {
    const input = validInput()
    input.grade = 'A+'
    expect(problems(input)).toEqual(['grade: must be one of the allowed grades ("F", "E", "D", "C", "B", "A")'])
    const other = validInput()
    other.achievement.grading.requiredValue = 'Pass'
    expect(problems(other)).toEqual(['achievement.grading.requiredValue: must be one of the allowed grades ("F", "E", "D", "C", "B", "A")'])
    expect(codes(other)).toEqual(['custom'])
  })
})

describe('MicroCredentialInput: hostile input', () => {
  it('never runs cross-field rules on malformed data (no TypeError from safeParse)', () => {
    const input = validInput()
    input.achievement.grading.allowedValues = 5
    input.grade = 'B'
    input.achievement.ects = 'three'
    expect(() => MicroCredentialInput.safeParse(input)).not.toThrow()
    expect(codes(input)).toEqual(['invalid_type', 'invalid_type'])
  })

  it('reports grades outside a list of allowed grades that carries a "constructor" property (no TypeError)', () => {
    const required = validInput()
    required.achievement.grading.allowedValues = Object.assign(['A', 'B'], { constructor: '' })
    required.achievement.grading.requiredValue = 'C'
    expect(() => MicroCredentialInput.safeParse(required)).not.toThrow()
    expect(isMicroCredentialInput(required)).toBe(false)
    expect(problems(required)).toEqual(['achievement.grading.requiredValue: must be one of the allowed grades ("A", "B")'])
    const grade = validInput()
    grade.achievement.grading.allowedValues = Object.assign(['A', 'B'], { constructor: '' })
    grade.achievement.grading.requiredValue = 'B'
    grade.grade = 'C'
    expect(() => MicroCredentialInput.safeParse(grade)).not.toThrow()
    expect(isMicroCredentialInput(grade)).toBe(false)
    expect(problems(grade)).toEqual(['grade: must be one of the allowed grades ("A", "B")'])
  })

  it('rejects a __proto__ key (as JSON.parse creates it) without polluting any prototype', () => {
    const text = JSON.stringify(validInput()).replace('"learner":{', '"learner":{"__proto__":{"isAdmin":true},')
    const input = JSON.parse(text)
    const result = MicroCredentialInput.safeParse(input)
    expect(result.success).toBe(false)
    expect(formatSchemaIssues(result.error!)).toEqual([
      'learner.__proto__: unknown field (check the spelling; unknown fields are not accepted)',
    ])
    expect(result.error!.issues[0]!.code).toBe('unrecognized_keys')
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('rejects constructor and prototype keys at the top level', () => {
    const input = validInput()
    Object.defineProperty(input, 'constructor', { value: { prototype: { polluted: true } }, enumerable: true })
    const result = MicroCredentialInput.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((issue) => issue.code)).toEqual(['unrecognized_keys'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('rejects very long strings with the limit and the actual length', () => {
    const input = validInput()
    input.learner.name = 'Ž'.repeat(LIMITS.name + 1)
    input.achievement.description = 'x'.repeat(5_000_000)
    expect(problems(input)).toEqual([
      `learner.name: must be at most ${LIMITS.name} characters (this one has ${LIMITS.name + 1}) (EU micro-credential element 1: identification of the learner)`,
      `achievement.description: must be at most ${LIMITS.longText} characters (this one has 5000000)`,
    ])
    expect(codes(input)).toEqual(['too_big', 'too_big'])
  })

  it('rejects a name of white space only', () => {
    const input = validInput()
    input.learner.name = '   '
    expect(problems(input)).toEqual([
      "learner.name: the learner's name must not be empty (EU micro-credential element 1: identification of the learner)",
    ])
  })

  it('accepts script and bidi-override text as plain data (escaping is the renderer’s job)', () => {
    const input = validInput()
    input.learner.name = '<script>alert(1)</script>\u202Egnp.exe'
    expect(MicroCredentialInput.parse(input).learner.name).toBe('<script>alert(1)</script>\u202Egnp.exe')
  })
})

describe('IssueInput', () => {
  it('is MicroCredentialInput without the issuer, with the same rules', () => {
    const { issuer: _issuer, ...input } = validInput()
    expect(IssueInput.safeParse(input).success).toBe(true)
    const withIssuer = IssueInput.safeParse(validInput())
    expect(withIssuer.success).toBe(false)
    expect(formatSchemaIssues(withIssuer.error!)).toEqual(['issuer: unknown field (check the spelling; unknown fields are not accepted)'])
    const late = { ...input, validUntil: '2020-01-01T00:00:00Z' }
    expect(formatSchemaIssues(IssueInput.safeParse(late).error!)).toEqual(['validUntil: must be later than the date of issuing (issuedAt)'])
  })
})
