import { describe, expect, it } from 'vitest'
import { IssuerProfile, formatSchemaIssues } from '../src/index.js'
import { ISO_3166_1_ALPHA_2 } from '../src/lib/country-codes.js'

const profile = { id: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ' }

function problems(value: unknown): string[] {
  const result = IssuerProfile.safeParse(value)
  return result.success ? [] : formatSchemaIssues(result.error)
}

describe('IssuerProfile', () => {
  it('accepts did:web, did:key and did:jwk issuers', () => {
    for (const id of ['did:web:uni.example', 'did:web:uni.example%3A8443:mc', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:jwk:eyJrdHkiOiJPS1AifQ']) {
      expect(problems({ ...profile, id })).toEqual([])
    }
  })

  it('accepts every field of the contract', () => {
    expect(
      problems({
        ...profile,
        url: 'https://uni.example',
        email: 'registrar@uni.example',
        region: 'Jihomoravský kraj',
        locality: 'Brno',
        image: 'https://uni.example/logo.png',
        otherIdentifiers: [{ identifier: '999123456', identifierType: 'ext:ErasmusPIC' }, { identifier: 'X1', identifierType: 'systemId' }],
      }),
    ).toEqual([])
  })

  it('rejects a DID URL with a fragment, a web URL and an empty id', () => {
    for (const id of ['did:web:uni.example#key-1', 'https://uni.example', 'did:', '']) {
      const result = IssuerProfile.safeParse({ ...profile, id })
      expect(result.success).toBe(false)
      expect(formatSchemaIssues(result.error!)[0]).toMatch(/^id: (must be a DID such as "did:web:uni.example"|the issuer DID must not be empty)/)
    }
  })

  it('rejects an identifier type that is neither an Open Badges type nor an ext: term', () => {
    expect(problems({ ...profile, otherIdentifiers: [{ identifier: '1', identifierType: 'ErasmusPIC' }] })).toEqual([
      'otherIdentifiers[0].identifierType: must be one of "name", "sourcedId", "systemId", "productId", "userName", "accountId", … or an extension term such as "ext:ErasmusPIC"',
    ])
  })

  it('rejects unknown fields such as a private key pasted into the profile', () => {
    const result = IssuerProfile.safeParse({ ...profile, privateKey: { d: 'secret' } })
    expect(result.error!.issues[0]!.code).toBe('unrecognized_keys')
    expect(formatSchemaIssues(result.error!)).toEqual(['privateKey: unknown field (check the spelling; unknown fields are not accepted)'])
  })

  it('knows the 249 ISO 3166-1 alpha-2 codes, GR for Greece and GB for the United Kingdom', () => {
    expect(ISO_3166_1_ALPHA_2.size).toBe(249)
    for (const code of ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB', 'NO', 'CH', 'IS', 'LI', 'UA', 'SS', 'BQ']) {
      expect(problems({ ...profile, country: code })).toEqual([])
    }
    for (const code of ['EL', 'UK', 'EU', 'XK', 'CS', 'YU', 'cz', 'CZE', '']) {
      expect(IssuerProfile.safeParse({ ...profile, country: code }).error!.issues[0]!.code).toBe('custom')
    }
  })
})
