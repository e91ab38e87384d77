import type { EuLanguage } from './eu-languages.js'
import type { Messages, Plural } from './messages.js'
import { TRANSLATIONS } from './translations/index.js'

/** Text and `Intl` formatting for one language: messages with `{name}` placeholders, plurals, dates, numbers, countries. */
export interface Formatter {
  readonly lang: EuLanguage
  readonly messages: Messages
  /** Fills `{name}` placeholders of a message. */
  fill(message: string, values?: Readonly<Record<string, string | number>>): string
  /** The plural form for `n`, with `{n}` as a localised number. */
  plural(message: Plural, n: number): string
  number(n: number): string
  /** A date as the language writes it in full ("15. června 2026"), in UTC unless `timeZone` is given. */
  date(iso: string): string
  /** The country's name in this language ("Česko", "Czechia"), or the code when unknown. */
  country(code: string): string
  /** The language's own name, capitalised as a menu item ("Čeština", "Deutsch"). */
  languageName(lang: EuLanguage): string
}

const cache = new Map<string, Formatter>()

export function formatter(lang: EuLanguage, timeZone = 'UTC'): Formatter {
  const key = `${lang} ${timeZone}`
  const cached = cache.get(key)
  if (cached !== undefined) return cached
  const messages = TRANSLATIONS[lang]
  // Plain "en" formats dates the US way ("June 15, 2026"); EU documents write "15 June 2026".
  const locale = lang === 'en' ? 'en-IE' : lang
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  const plurals = new Intl.PluralRules(locale)
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })
  const fill = (message: string, values: Readonly<Record<string, string | number>> = {}) =>
    message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
  const made: Formatter = {
    lang,
    messages,
    fill,
    number: (n) => numbers.format(n),
    plural: (message, n) => fill(message[plurals.select(n)] ?? message.other, { n: numbers.format(n) }),
    date(iso) {
      const time = Date.parse(iso)
      return Number.isNaN(time) ? iso : dates.format(time)
    },
    country(code) {
      try {
        return regions.of(code.toUpperCase()) ?? code
      } catch {
        return code
      }
    },
    languageName(other) {
      const name = new Intl.DisplayNames([other], { type: 'language' }).of(other) ?? other
      return name.charAt(0).toLocaleUpperCase(other) + name.slice(1)
    },
  }
  cache.set(key, made)
  return made
}
