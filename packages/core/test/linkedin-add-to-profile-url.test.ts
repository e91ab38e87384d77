import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linkedInAddToProfileUrl } from '../src/index.js'

function fields(url: string): Record<string, string> {
  const parsed = new URL(url)
  expect(`${parsed.origin}${parsed.pathname}`).toBe('https://www.linkedin.com/profile/add')
  return Object.fromEntries(parsed.searchParams)
}

describe('linkedInAddToProfileUrl', () => {
  it('fills LinkedIn’s add-certification form with name, organisation, dates, URL and ID', () => {
    const url = linkedInAddToProfileUrl({
      name: 'Applied Data Ethics',
      organizationName: 'Univerzita Příkladová',
      issued: '2026-06-15T09:00:00Z',
      expires: new Date('2031-01-31T00:00:00Z'),
      certUrl: 'https://credentials.uni-example.cz/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K/',
      certId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K',
    })
    expect(fields(url)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Applied Data Ethics',
      organizationName: 'Univerzita Příkladová',
      issueYear: '2026',
      issueMonth: '6',
      expirationYear: '2031',
      expirationMonth: '1',
      certUrl: 'https://credentials.uni-example.cz/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K/',
      certId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K',
    })
    expect(url).toContain('name=Applied%20Data%20Ethics&')
  })

  it('round-trips names with &, #, +, quotes, apostrophes and diacritics', () => {
    const names = ['R&D: Data #1 + "AI" l’éthique', "Ďábelské 'úkoly' & Ελληνικά", 'a=b&c=d#frag?x+y', 'Žluťoučký kůň (100 %) * !']
    for (const name of names) {
      const url = linkedInAddToProfileUrl({ name, organizationName: name, certId: name })
      expect(fields(url)).toMatchObject({ name, organizationName: name, certId: name })
      // nothing a parser could split on is left raw in the query
      expect(new URL(url).search.split('&').every((pair) => pair.split('=').length === 2)).toBe(true)
      expect(new URL(url).search).not.toMatch(/[ #+'"()!*]/)
    }
  })

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }).filter((s) => s.trim() !== '' && s === s.trim() && !/[\uD800-\uDFFF]/.test(s)), (name) => {
        expect(fields(linkedInAddToProfileUrl({ name, organizationName: 'X' })).name).toBe(name)
      }),
    )
  })

  it('uses the UTC month and a LinkedIn organisation id when given', () => {
    const url = linkedInAddToProfileUrl({ name: 'X', organizationId: 1337, issued: '2026-12-31T23:30:00-02:00' })
    expect(fields(url)).toEqual({ startTask: 'CERTIFICATION_NAME', name: 'X', organizationId: '1337', issueYear: '2027', issueMonth: '1' })
  })

  it('throws TypeError without a name, without an organisation, or for an invalid date', () => {
    expect(() => linkedInAddToProfileUrl({ name: ' ', organizationName: 'X' })).toThrow(TypeError)
    expect(() => linkedInAddToProfileUrl({ name: 'X' })).toThrow(/organizationName or a numeric organizationId/)
    expect(() => linkedInAddToProfileUrl({ name: 'X', organizationId: 'abc' })).toThrow(TypeError)
    expect(() => linkedInAddToProfileUrl({ name: 'X', organizationName: 'Y', issued: 'yesterday' })).toThrow(/issued is not a valid date/)
  })
})
