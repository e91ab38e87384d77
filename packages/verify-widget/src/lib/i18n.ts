import type { MicrocertErrorCode } from '@microcert/core'
import type { Messages, Plural, PluralKey, Translation, UiKey } from '../i18n/en.js'
import { FALLBACK_TEXT } from './fallback-text.js'

type Loader = () => Promise<{ default: Messages }>

/**
 * The 24 official EU languages. Each is its own module, loaded only when a page asks for it: a separate file beside
 * the CDN bundle (`microcert-verify-i18n/<lang>.js`), a chunk in the npm build. English is one of them; the element
 * keeps inline only the few lines it shows before a language file arrives.
 */
const builtIn: Record<string, Loader> = {
  bg: () => import('../i18n/bg.js'),
  cs: () => import('../i18n/cs.js'),
  da: () => import('../i18n/da.js'),
  de: () => import('../i18n/de.js'),
  el: () => import('../i18n/el.js'),
  en: () => import('../i18n/en.js'),
  es: () => import('../i18n/es.js'),
  et: () => import('../i18n/et.js'),
  fi: () => import('../i18n/fi.js'),
  fr: () => import('../i18n/fr.js'),
  ga: () => import('../i18n/ga.js'),
  hr: () => import('../i18n/hr.js'),
  hu: () => import('../i18n/hu.js'),
  it: () => import('../i18n/it.js'),
  lt: () => import('../i18n/lt.js'),
  lv: () => import('../i18n/lv.js'),
  mt: () => import('../i18n/mt.js'),
  nl: () => import('../i18n/nl.js'),
  pl: () => import('../i18n/pl.js'),
  pt: () => import('../i18n/pt.js'),
  ro: () => import('../i18n/ro.js'),
  sk: () => import('../i18n/sk.js'),
  sl: () => import('../i18n/sl.js'),
  sv: () => import('../i18n/sv.js'),
}

const loaded = new Map<string, Translation>()
const overrides = new Map<string, Translation>()
const pending = new Map<string, Promise<void>>()
/** Fired when a translation arrives or is registered, so elements re-render. */
export const translationEvents = new EventTarget()

function merge(target: Translation, source: Translation): Translation {
  return {
    ui: { ...target.ui, ...source.ui },
    plurals: { ...target.plurals, ...source.plurals },
    errors: { ...target.errors, ...source.errors },
  }
}

/** Lower-cased BCP 47 tag and its primary language, most specific first ("de-at" → ["de-at", "de"]). */
export function languageChain(lang: string): string[] {
  const tag = lang.trim().toLowerCase().replace(/_/g, '-')
  if (!tag) return []
  const primary = tag.split('-')[0] ?? tag
  return primary === tag ? [tag] : [tag, primary]
}

/**
 * The built-in language files `lang` needs: its own (each is complete), or English for a language the widget does not
 * ship (its text then comes from `registerTranslation` and English).
 */
function filesFor(lang: string): string[] {
  const own = languageChain(lang).filter((key) => builtIn[key] !== undefined)
  return own.length > 0 ? own.slice(0, 1) : ['en']
}

export function addTranslation(lang: string, translation: Translation): void {
  for (const key of languageChain(lang).slice(0, 1)) {
    overrides.set(key, merge(overrides.get(key) ?? {}, translation))
  }
  translationEvents.dispatchEvent(new Event('change'))
}

/** Marks languages as loaded without a request: the all-languages build has every file inlined. */
export function preloadLanguages(tables: Record<string, Messages>): void {
  for (const [key, table] of Object.entries(tables)) loaded.set(key, table)
}

/** Starts loading the language file(s) `lang` needs; resolves when they are there or failed to load. */
export function loadLanguage(lang: string): Promise<void> {
  const jobs = filesFor(lang).map((key) => {
    const loader = builtIn[key]
    if (!loader || loaded.has(key)) return Promise.resolve()
    let job = pending.get(key)
    if (!job) {
      job = loader().then(
        (mod) => {
          loaded.set(key, mod.default)
          translationEvents.dispatchEvent(new Event('change'))
        },
        // A missing file (only the main file copied to a site, a blocked request) leaves the inline English.
        () => {
          loaded.set(key, {})
          translationEvents.dispatchEvent(new Event('change'))
        },
      )
      pending.set(key, job)
    }
    return job
  })
  return Promise.all(jobs).then(() => undefined)
}

/** True when every language file `lang` needs has been loaded (or failed to). */
export function isLanguageReady(lang: string): boolean {
  return filesFor(lang).every((key) => loaded.has(key))
}

export interface Translator {
  lang: string
  t(key: UiKey, values?: Record<string, string | number>): string
  /** The form of `key` for the count `n` (Intl.PluralRules), with `{n}` filled in as a formatted number. */
  plural(key: PluralKey, n: number): string
  error(code: MicrocertErrorCode | string | undefined): string | undefined
  date(value: string | undefined): string | undefined
  number(value: number): string
  country(code: string | undefined): string | undefined
  list(items: string[]): string
}

/** The first text `pick` finds: the page's overrides and built-in file for `lang` (most specific first), then English. */
function lookup<T>(lang: string, pick: (m: Translation) => T | undefined): T | undefined {
  for (const key of [...languageChain(lang), 'en']) {
    const value = pick(overrides.get(key) ?? {}) ?? pick(loaded.get(key) ?? {})
    if (value !== undefined) return value
  }
  return undefined
}

function fill(text: string, values: Record<string, string | number> | undefined): string {
  if (!values) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

function safeLocale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en'
  } catch {
    return 'en'
  }
}

/** A translator for `lang`, falling back key by key to the primary language, then English, then the inline lines. */
export function translator(lang: string): Translator {
  const locale = safeLocale(lang || 'en')
  let regions: Intl.DisplayNames | undefined
  let rules: Intl.PluralRules | undefined
  const number = (value: number): string => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)
  return {
    lang: locale,
    t: (key, values) => fill(lookup(lang, (m) => m.ui?.[key]) ?? FALLBACK_TEXT[key] ?? '', values),
    plural: (key, n) => {
      const forms: Plural | undefined = lookup(lang, (m) => m.plurals?.[key])
      if (!forms) return number(n)
      rules ??= new Intl.PluralRules(locale)
      return fill(forms[rules.select(n)] ?? forms.other, { n: number(n) })
    },
    // Only a table's own keys: a code is never looked up on Object.prototype.
    error: (code) => (code ? lookup(lang, (m) => (m.errors && Object.hasOwn(m.errors, code) ? m.errors[code as MicrocertErrorCode] : undefined)) : undefined),
    date: (value) => {
      if (!value) return undefined
      const time = Date.parse(value)
      if (Number.isNaN(time)) return undefined
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(time))
    },
    number,
    country: (code) => {
      if (!code || !/^[A-Za-z]{2}$/.test(code)) return undefined
      try {
        regions ??= new Intl.DisplayNames([locale], { type: 'region' })
        return regions.of(code.toUpperCase())
      } catch {
        return code.toUpperCase()
      }
    },
    list: (items) => {
      try {
        return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items)
      } catch {
        return items.join(', ')
      }
    },
  }
}
