import { describe, expect, it } from 'vitest'
import { EU_LANGUAGES } from '../../src/node/index.js'
import { defaultLanguages, parseLanguages } from '../../src/node/lib/i18n/eu-languages.js'
import { formatter } from '../../src/node/lib/i18n/format.js'
import type { Plural } from '../../src/node/lib/i18n/messages.js'
import { TRANSLATIONS } from '../../src/node/lib/i18n/translations/index.js'

/** Values that are the same word in English and in these languages (a loanword), checked one by one. */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  'participationForms.online': ['cs', 'da', 'de', 'hu', 'it', 'mt', 'nl', 'pl', 'ro', 'sk'],
}

type Tree = { [key: string]: string | readonly string[] | Tree }

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : Array.isArray(value)
        ? value.map((item, i) => [`${prefix}${key}.${i}`, item as string] as [string, string])
        : leaves(value as Tree, `${prefix}${key}.`),
  )
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const PLURAL_KEYS = ['ectsCredits', 'hours', 'credentialCount', 'holders'] as const

describe('the 24 EU languages of certificates and pages', () => {
  it('has a translation for each of the 24 official languages', () => {
    expect(Object.keys(TRANSLATIONS).sort()).toEqual([...EU_LANGUAGES].sort())
    expect(EU_LANGUAGES).toHaveLength(24)
  })

  const english = new Map(leaves(TRANSLATIONS.en as unknown as Tree).filter(([key]) => !PLURAL_KEYS.some((p) => key.startsWith(`${p}.`))))
  for (const lang of EU_LANGUAGES) {
    it(`${lang}: every key, no empty text, the same placeholders, no English left`, () => {
      const own = new Map(leaves(TRANSLATIONS[lang] as unknown as Tree).filter(([key]) => !PLURAL_KEYS.some((p) => key.startsWith(`${p}.`))))
      expect([...own.keys()].sort()).toEqual([...english.keys()].sort())
      for (const [key, text] of own) {
        expect(text.trim(), `${lang}.${key}`).not.toBe('')
        expect(placeholders(text), `${lang}.${key}`).toEqual(placeholders(english.get(key)!))
        if (lang !== 'en' && text === english.get(key)) expect(SAME_AS_ENGLISH[key] ?? [], `${lang}.${key} is still English`).toContain(lang)
      }
    })

    it(`${lang}: a plural form for every category Intl.PluralRules gives, each with {n}`, () => {
      const categories = new Intl.PluralRules(lang === 'en' ? 'en-IE' : lang).resolvedOptions().pluralCategories
      for (const key of PLURAL_KEYS) {
        const plural: Plural = TRANSLATIONS[lang][key]
        for (const category of categories) {
          const form = plural[category as keyof Plural]
          expect(form, `${lang}.${key}.${category}`).toBeTypeOf('string')
          expect(form, `${lang}.${key}.${category}`).toContain('{n}')
        }
        expect(Object.keys(plural).every((category) => (categories as string[]).includes(category)), `${lang}.${key} has a category the language lacks`).toBe(true)
      }
    })
  }

  it('formats numbers, plurals, dates and countries with Intl', () => {
    const cs = formatter('cs')
    expect(cs.plural(cs.messages.ectsCredits, 1)).toBe('1 kredit ECTS')
    expect(cs.plural(cs.messages.ectsCredits, 3)).toBe('3 kredity ECTS')
    expect(cs.plural(cs.messages.ectsCredits, 2.5)).toBe('2,5 kreditu ECTS')
    expect(cs.plural(cs.messages.ectsCredits, 6)).toBe('6 kreditů ECTS')
    expect(cs.date('2026-06-15T09:00:00Z')).toBe('15. června 2026')
    expect(cs.country('CZ')).toBe('Česko')
    const pl = formatter('pl')
    expect(pl.plural(pl.messages.ectsCredits, 22)).toBe('22 punkty ECTS')
    expect(pl.plural(pl.messages.ectsCredits, 25)).toBe('25 punktów ECTS')
    const sl = formatter('sl')
    expect(sl.plural(sl.messages.hours, 2)).toBe('2 uri')
    expect(formatter('en').date('2026-06-15T09:00:00Z')).toBe('15 June 2026')
    expect(formatter('ga').country('IE')).toBe('Éire')
    expect(formatter('el').languageName('el')).toBe('Ελληνικά')
    expect(formatter('cs').languageName('cs')).toBe('Čeština')
  })

  it('defaults to the issuer country’s language and English, and reads language lists', () => {
    expect(defaultLanguages('CZ')).toEqual(['cs', 'en'])
    expect(defaultLanguages('IE')).toEqual(['en'])
    expect(defaultLanguages('US')).toEqual(['en'])
    expect(parseLanguages('cs-CZ, en ,cs', 'x')).toEqual(['cs', 'en'])
    expect(() => parseLanguages('cs,ru', 'x')).toThrow(/"ru" is not one of the 24 EU languages/)
    expect(() => parseLanguages('', 'x')).toThrow(TypeError)
    expect(() => parseLanguages('cs,en,de,fr,it', 'x')).toThrow(/1 to 4/)
  })
})
