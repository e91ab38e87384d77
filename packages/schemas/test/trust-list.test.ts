import { describe, expect, it } from 'vitest'
import { TrustList, formatSchemaIssues } from '../src/index.js'

const list = {
  name: 'Accredited Czech universities',
  updated: '2026-11-01T00:00:00Z',
  issuers: [
    { id: 'did:web:muni.example', name: 'Masarykova univerzita', country: 'CZ', accreditation: 'NAU 2024', url: 'https://muni.example' },
    { id: 'https://issuer.example/profile', name: 'Issuer with an https profile' },
  ],
}

describe('TrustList', () => {
  it('accepts a list with DID and https issuers', () => {
    expect(TrustList.parse(list).issuers).toHaveLength(2)
  })

  it('accepts an empty list and ignores unknown fields of later versions', () => {
    const parsed = TrustList.parse({ issuers: [], version: 2 })
    expect(parsed).toEqual({ issuers: [] })
  })

  it('rejects an issuer without a name and a wrong country', () => {
    const result = TrustList.safeParse({ issuers: [{ id: 'did:web:a.example', country: 'Czechia' }] })
    expect(formatSchemaIssues(result.error!)).toEqual([
      'issuers[0].name: the issuer name is required',
      'issuers[0].country: must be an ISO 3166-1 alpha-2 country code in capitals, such as "CZ" or "IE", not "Czechia"',
    ])
    expect(result.error!.issues.map((issue) => issue.code)).toEqual(['invalid_type', 'custom'])
  })

  it('rejects a missing issuers list and a date without time zone', () => {
    const result = TrustList.safeParse({ name: 'x', updated: '2026-11-01' })
    expect(formatSchemaIssues(result.error!)).toEqual([
      'issuers: a list of issuers is required',
      'updated: must be a date and time with a time zone, such as "2026-06-15T09:00:00Z" or "2026-06-15T11:00:00+02:00"; the time zone is missing',
    ])
  })
})
