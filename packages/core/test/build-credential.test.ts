import { MicroCredential } from '@microcert/schemas'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import { MicrocertError } from '../src/errors.js'
import { sha256, toHex } from '../src/lib/sha256.js'
import { NOW, fullInput } from './helpers.js'

function issuesOf(fn: () => unknown): string[] {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MicrocertError)
    expect((error as MicrocertError).code).toBe('ERR_INPUT_INVALID')
    return (error as MicrocertError).details?.['issues'] as string[]
  }
  throw new Error('expected ERR_INPUT_INVALID')
}

describe('buildCredential', () => {
  it('builds an OB 3.0 micro-credential that the strict schema accepts, with every EU element in place', () => {
    const credential = buildCredential(fullInput(), { id: 'https://uni.example/credentials/X', now: NOW }) as Record<string, any>
    expect(MicroCredential.safeParse(credential).success).toBe(true)
    expect(credential['type']).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(credential['validFrom']).toBe('2026-06-15T09:00:00Z')
    const achievement = credential['credentialSubject'].achievement
    expect(achievement).toMatchObject({ achievementType: 'MicroCredential', creditsAvailable: 3, ectsCredits: 3, formOfParticipation: 'blended' })
    expect(achievement.alignment[0]).toMatchObject({ targetType: 'ext:EQFLevel', targetCode: '6', targetUrl: 'http://data.europa.eu/snb/eqf/6' })
    expect(credential['issuer'].address).toMatchObject({ addressCountryCode: 'CZ' })
  })

  it('keeps the derived criteria inside the schema limit when many long assessment types are given', () => {
    const input = fullInput() as Record<string, any>
    delete input['achievement'].criteria
    input['achievement'].assessment = Array.from({ length: 60 }, (_, i) => `${'written examination '.repeat(24)}${i}`)
    const credential = buildCredential(input as never, { now: NOW }) as Record<string, any>
    expect(credential['credentialSubject'].achievement.criteria.narrative).toBe('Successful completion of the assessment.')
    expect(MicroCredential.safeParse(credential).success).toBe(true)
  })

  it('emits e-mail and student number only as salted SHA-256 hashes with a fresh salt each time', () => {
    const a = buildCredential(fullInput(), { now: NOW }) as Record<string, any>
    const b = buildCredential(fullInput(), { now: NOW }) as Record<string, any>
    const text = JSON.stringify(a)
    expect(text).not.toContain('jana.novakova@student.uni-example.cz')
    expect(text).not.toContain('S-2026-0042')
    const email = a['credentialSubject'].identifier.find((i: { identityType: string }) => i.identityType === 'emailAddress')
    expect(email.identityHash).toBe(`sha256$${toHex(sha256(new TextEncoder().encode(`jana.novakova@student.uni-example.cz${email.salt}`)))}`)
    const other = b['credentialSubject'].identifier.find((i: { identityType: string }) => i.identityType === 'emailAddress')
    expect(other.salt).not.toBe(email.salt)
  })

  it('hashes the UTF-8 bytes of a non-ASCII student number exactly as the portable SHA-256 does', () => {
    const input = fullInput()
    input.learner.studentId = 'Š-2026-ř42 ☃'
    const credential = buildCredential(input, { now: NOW }) as Record<string, any>
    const student = credential['credentialSubject'].identifier.find((i: { identityType: string }) => i.identityType === 'sisSourcedId')
    expect(student.identityHash).toBe(`sha256$${toHex(sha256(new TextEncoder().encode(`Š-2026-ř42 ☃${student.salt}`)))}`)
  })

  it('derives the default achievement id from issuer and course, the same on every call and different per issuer', () => {
    const input = fullInput()
    delete input.achievement.id
    const expected = (issuerId: string, key: string) => {
      const hex = toHex(sha256(new TextEncoder().encode(`${issuerId}\n${key}`)))
      return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
    }
    const key = input.achievement.humanCode ?? input.achievement.title
    for (let i = 0; i < 2; i++) {
      const credential = buildCredential(input, { now: NOW }) as Record<string, any>
      expect(credential['credentialSubject'].achievement.id).toBe(expected(input.issuer.id, key))
    }
    const other = { ...input, issuer: { ...input.issuer, id: 'did:web:other.example' } }
    const credential = buildCredential(other, { now: NOW }) as Record<string, any>
    expect(credential['credentialSubject'].achievement.id).toBe(expected('did:web:other.example', key))
    expect(credential['credentialSubject'].achievement.id).not.toBe(expected(input.issuer.id, key))
  })

  it('defaults: validFrom = now (no milliseconds), awardedDate = validFrom, urn:uuid id, stable achievement id', () => {
    const input = fullInput()
    delete input.issuedAt
    delete input.awardedAt
    delete input.achievement.id
    const a = buildCredential(input, { now: new Date('2026-01-02T03:04:05.678Z') }) as Record<string, any>
    const b = buildCredential(input, { now: NOW }) as Record<string, any>
    expect(a['validFrom']).toBe('2026-01-02T03:04:05Z')
    expect(a['awardedDate']).toBe('2026-01-02T03:04:05Z')
    expect(a['id']).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    expect(a['id']).not.toBe(b['id'])
    expect(a['credentialSubject'].achievement.id).toBe(b['credentialSubject'].achievement.id)
    const withBase = buildCredential(input, { now: NOW, achievementBaseUrl: 'https://uni.example/courses/' }) as Record<string, any>
    expect(withBase['credentialSubject'].achievement.id).toBe('https://uni.example/courses/ade-mc-01')
  })

  it('adds the published EU extension schema and the caller’s credentialStatus', () => {
    const status = {
      id: 'https://uni.example/status/1.jwt#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'https://uni.example/status/1.jwt',
    } as const
    const credential = buildCredential(fullInput(), { schemaUrl: 'https://uni.example/microcert-eu-extension.schema.json', credentialStatus: status }) as Record<string, any>
    expect(credential['credentialSchema'][1]).toEqual({ id: 'https://uni.example/microcert-eu-extension.schema.json', type: '1EdTechJsonSchemaValidator2019' })
    expect(credential['credentialStatus']).toEqual(status)
  })

  it('reports ERR_INPUT_INVALID listing every problem at once', () => {
    const input = fullInput() as Record<string, any>
    input['achievement'].learningOutcomes = []
    input['achievement'].ects = 0
    delete input['achievement'].qualityAssurance
    input['issuer'].country = 'Czechia'
    const issues = issuesOf(() => buildCredential(input as never))
    expect(issues.length).toBeGreaterThanOrEqual(4)
    expect(issues.join('\n')).toMatch(/learning outcome/i)
    expect(issues.join('\n')).toMatch(/quality assurance/i)
  })

  it('reports ERR_INPUT_INVALID for a credential id that is not an absolute URI', () => {
    expect(issuesOf(() => buildCredential(fullInput(), { id: 'credentials/1' }))).toHaveLength(1)
  })

  it('builds credentials that share no list with the input or with each other, so changing one changes nothing else', () => {
    const input = fullInput() as Record<string, any>
    input['achievement'].prerequisites = ['Basic statistics']
    input['achievement'].grading = { name: 'ECTS grading scale', type: 'LetterGrade', allowedValues: ['A', 'B', 'C'] }
    const first = buildCredential(input as never, { now: NOW }) as Record<string, any>
    const second = buildCredential(input as never, { now: NOW }) as Record<string, any>
    const lists = (credential: Record<string, any>) => {
      const achievement = credential['credentialSubject'].achievement
      return [achievement.learningOutcome, achievement.typeOfAssessment, achievement.prerequisite, achievement.resultDescription[0].allowedValue]
    }
    const inputLists = [input['achievement'].learningOutcomes, input['achievement'].assessment, input['achievement'].prerequisites, input['achievement'].grading.allowedValues]
    lists(first).forEach((list, i) => {
      expect(list).toEqual(inputLists[i])
      expect(list).not.toBe(inputLists[i])
      expect(list).not.toBe(lists(second)[i])
    })
    input['achievement'].learningOutcomes.push('Changed later')
    expect(first['credentialSubject'].achievement.learningOutcome).not.toContain('Changed later')
  })

  it('reports a course that became invalid after an earlier credential was built from it', () => {
    const input = fullInput() as Record<string, any>
    buildCredential(input as never, { now: NOW })
    input['achievement'].ects = 'three'
    expect(issuesOf(() => buildCredential(input as never, { now: NOW })).join('\n')).toMatch(/achievement\.ects/)
  })

  it('throws TypeError for a non-object input or a bad option', () => {
    expect(() => buildCredential('x' as never)).toThrow(TypeError)
    expect(() => buildCredential(fullInput(), { now: 'today' as never })).toThrow(TypeError)
  })
})
