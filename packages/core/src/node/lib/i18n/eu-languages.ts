/** The 24 official languages of the EU (ISO 639-1), in the order the EU lists them by their own names. */
export const EU_LANGUAGES = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr',
  'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
] as const

/** One of the 24 official EU languages, see {@link EU_LANGUAGES}. */
export type EuLanguage = (typeof EU_LANGUAGES)[number]

/** The language most documents of an issuer in this country are written in (multilingual states: the largest group). */
const COUNTRY_LANGUAGE: Readonly<Record<string, EuLanguage>> = {
  AT: 'de', BE: 'nl', BG: 'bg', CY: 'el', CZ: 'cs', DE: 'de', DK: 'da', EE: 'et', ES: 'es', FI: 'fi', FR: 'fr',
  GR: 'el', HR: 'hr', HU: 'hu', IE: 'en', IT: 'it', LT: 'lt', LU: 'fr', LV: 'lv', MT: 'mt', NL: 'nl', PL: 'pl',
  PT: 'pt', RO: 'ro', SE: 'sv', SI: 'sl', SK: 'sk', CH: 'de', LI: 'de',
}

export function isEuLanguage(value: unknown): value is EuLanguage {
  return typeof value === 'string' && (EU_LANGUAGES as readonly string[]).includes(value)
}

/** The EU language of a BCP 47 tag (`cs-CZ` → `cs`), or undefined. */
export function euLanguageOf(tag: string): EuLanguage | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]
  return isEuLanguage(primary) ? primary : undefined
}

/** The default languages of a document: the issuer country's language, then English (once when they are the same). */
export function defaultLanguages(country: string | undefined): EuLanguage[] {
  const local = country === undefined ? undefined : COUNTRY_LANGUAGE[country.toUpperCase()]
  return local === undefined || local === 'en' ? ['en'] : [local, 'en']
}

/**
 * Reads a language list such as `cs,en` or `['cs', 'en']`: EU languages only, no repeats, 1 to `max` of them
 * (default 4, what a certificate has room for).
 * @throws TypeError naming the first tag that is not one of the 24
 */
export function parseLanguages(value: string | readonly string[], what: string, max = 4): EuLanguage[] {
  const tags = (typeof value === 'string' ? value.split(',') : [...value]).map((tag) => tag.trim()).filter((tag) => tag !== '')
  const out: EuLanguage[] = []
  for (const tag of tags) {
    const language = euLanguageOf(tag)
    if (language === undefined) throw new TypeError(`${what}: "${tag}" is not one of the 24 EU languages (${EU_LANGUAGES.join(', ')})`)
    if (!out.includes(language)) out.push(language)
  }
  if (out.length === 0 || out.length > max) throw new TypeError(`${what}: give 1 to ${max} languages, e.g. "cs,en"`)
  return out
}

/** Every EU language, the issuer country's first, then English, then the rest in the EU's order. */
export function allLanguages(country: string | undefined): EuLanguage[] {
  const first = defaultLanguages(country)
  return [...first, ...EU_LANGUAGES.filter((lang) => !first.includes(lang))]
}
