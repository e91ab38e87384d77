import { describe, expect, it } from 'vitest'
import { MicroCredential, OpenBadgeCredential, formatSchemaIssues, missingEuElements } from '../src/index.js'
import { validCredential, validateOpenBadgesJsonSchema } from './helpers.js'

/** A plain Open Badge: no EU elements, issuer given as a URI, only the two required contexts. */
function plainBadge(): Record<string, any> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'http://example.com/credentials/3527',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: 'https://example.com/issuers/876543',
    validFrom: '2010-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/21st-century-skills/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
        description: 'This badge recognizes the development of the capacity to collaborate within a group environment.',
        name: 'Teamwork',
      },
    },
  }
}

function problems(value: unknown): string[] {
  const result = OpenBadgeCredential.safeParse(value)
  return result.success ? [] : formatSchemaIssues(result.error)
}

describe('OpenBadgeCredential', () => {
  it('accepts a plain Open Badge that lacks every EU-only element', () => {
    const badge = plainBadge()
    expect(validateOpenBadgesJsonSchema(badge)).toBe(true)
    expect(problems(badge)).toEqual([])
    expect(MicroCredential.safeParse(badge).success).toBe(false)
    expect(missingEuElements(badge)).toEqual([3, 4, 6, 7, 8, 9, 10, 11])
  })

  it('accepts the microcert credential and keeps the EU properties', () => {
    const parsed = OpenBadgeCredential.parse(validCredential())
    expect(parsed.credentialSubject.achievement['learningOutcome']).toEqual([
      'Applies core ethical frameworks to data-driven decision making',
      'Evaluates bias and fairness risks in a dataset',
    ])
  })

  it('accepts an AchievementCredential and a JWT payload with iss/jti/nbf claims', () => {
    const badge = plainBadge()
    badge.type = ['VerifiableCredential', 'AchievementCredential']
    Object.assign(badge, { iss: badge.issuer, jti: badge.id, nbf: 1262304000 })
    expect(problems(badge)).toEqual([])
  })

  it('rejects a VC 1.1 credential (issuanceDate, old context) with the reason', () => {
    const badge = plainBadge()
    badge['@context'][0] = 'https://www.w3.org/2018/credentials/v1'
    delete badge.validFrom
    badge.issuanceDate = '2010-01-01T00:00:00Z'
    expect(problems(badge)).toEqual([
      '@context: must start with "https://www.w3.org/ns/credentials/v2" (a VC Data Model 2.0 credential)',
      'validFrom: the date of issuing (validFrom) is required (EU micro-credential element 5: date of issuing)',
    ])
  })

  it('rejects an achievement without criteria or description (required by Open Badges)', () => {
    const badge = plainBadge()
    delete badge.credentialSubject.achievement.criteria
    delete badge.credentialSubject.achievement.description
    expect(problems(badge)).toEqual([
      'credentialSubject.achievement.criteria: the criteria is required',
      'credentialSubject.achievement.description: the achievement description is required',
    ])
    expect(validateOpenBadgesJsonSchema(badge)).toBe(false)
  })

  it('rejects a plain VerifiableCredential that is not an Open Badge', () => {
    const badge = plainBadge()
    badge.type = ['VerifiableCredential']
    const result = OpenBadgeCredential.safeParse(badge)
    expect(formatSchemaIssues(result.error!)).toEqual(['type: must contain "OpenBadgeCredential" (or "AchievementCredential")'])
    expect(result.error!.issues[0]!.code).toBe('custom')
  })

  it('rejects an issuer that is neither a URI nor a profile, and reports the profile problem for a profile', () => {
    const badge = plainBadge()
    badge.issuer = 42
    expect(problems(badge)).toEqual(['issuer: must be the issuer id or an issuer profile object'])
    badge.issuer = { id: 'https://example.com/issuers/876543', type: 'Profile' }
    expect(problems(badge)).toEqual(['issuer.type: must be a list of types containing "Profile", not text'])
  })
})
