import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MicroCredential, MicroCredentialInput, OpenBadgeCredential, formatSchemaIssues, missingEuElements } from '../src/index.js'
import { validCredential, validInput, validateOpenBadgesJsonSchema, validateVcJsonSchema } from './helpers.js'

const text = (maxLength: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength }).filter((value) => value.trim().length > 0)
const ects = fc.double({ min: 0.1, max: 180, noNaN: true })
const eqfLevel = fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8)
const participation = fc.constantFrom('online', 'onsite', 'blended')
const country = fc.constantFrom('CZ', 'SK', 'AT', 'DE', 'IE', 'GR', 'GB', 'NO', 'PL', 'FR')
const date = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((value) => value.toISOString())

describe('properties', () => {
  it('accepts any well-formed input and returns it unchanged, also after a JSON round trip', () => {
    fc.assert(
      fc.property(text(60), text(80), fc.array(text(120), { minLength: 1, maxLength: 5 }), ects, eqfLevel, participation, country, date,
        (name, title, outcomes, credits, level, form, code, issuedAt) => {
          const input = validInput()
          input.learner.name = name
          input.achievement.title = title
          input.achievement.learningOutcomes = outcomes
          input.achievement.ects = credits
          input.achievement.eqfLevel = level
          input.achievement.participation = form
          input.issuer.country = code
          input.issuedAt = issuedAt
          delete input.validUntil
          input.creditsEarned = credits
          const parsed = MicroCredentialInput.parse(JSON.parse(JSON.stringify(input)))
          expect(parsed).toEqual(input)
        }),
      { numRuns: 200 },
    )
  })

  it('whatever MicroCredential accepts also passes the Open Badges 3.0 and VC 2.0 JSON Schemas', () => {
    fc.assert(
      fc.property(text(80), fc.array(text(120), { minLength: 1, maxLength: 5 }), ects, eqfLevel, participation, country, date, fc.boolean(),
        (title, outcomes, credits, level, form, code, validFrom, withStatus) => {
          const credential = validCredential()
          const achievement = credential.credentialSubject.achievement
          achievement.name = title
          achievement.learningOutcome = outcomes
          achievement.ectsCredits = credits
          achievement.creditsAvailable = credits
          achievement.alignment[0].targetCode = String(level)
          achievement.alignment[0].targetUrl = `http://data.europa.eu/snb/eqf/${level}`
          achievement.formOfParticipation = form
          credential.issuer.address.addressCountryCode = code
          credential.validFrom = validFrom
          credential.awardedDate = validFrom
          if (!withStatus) delete credential.credentialStatus
          expect(MicroCredential.safeParse(credential).success).toBe(true)
          expect(validateOpenBadgesJsonSchema(credential)).toBe(true)
          expect(validateVcJsonSchema(credential)).toBe(true)
          expect(missingEuElements(credential)).toEqual([])
        }),
      { numRuns: 200 },
    )
  })

  it('never throws on arbitrary JSON, and every reported line names a path', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const schema of [MicroCredentialInput, MicroCredential, OpenBadgeCredential]) {
          const result = schema.safeParse(value)
          if (!result.success) {
            for (const line of formatSchemaIssues(result.error)) expect(line).toMatch(/^[^:\s][^\n]*: \S/)
          }
        }
        expect(Array.isArray(missingEuElements(value))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws when any field of a valid credential or input is replaced by arbitrary JSON', () => {
    const credentialPaths = [['validFrom'], ['issuer'], ['credentialSubject', 'achievement', 'alignment'], ['credentialSubject', 'identifier'], ['@context'], ['credentialSubject', 'achievement', 'qualityAssurance']]
    const inputPaths = [['achievement', 'grading'], ['achievement', 'ects'], ['learner'], ['issuer', 'otherIdentifiers'], ['creditsEarned'], ['grade']]
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.nat(5), (value, index) => {
        const credential = validCredential()
        const input = validInput()
        const set = (target: Record<string, any>, path: string[]) => {
          const parent = path.slice(0, -1).reduce((node, key) => node[key], target)
          parent[path[path.length - 1]!] = value
        }
        set(credential, credentialPaths[index]!)
        set(input, inputPaths[index]!)
        expect(() => formatSchemaIssues(MicroCredential.safeParse(credential).error ?? [])).not.toThrow()
        expect(() => formatSchemaIssues(MicroCredentialInput.safeParse(input).error ?? [])).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})
