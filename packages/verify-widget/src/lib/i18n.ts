import type { MicrocertErrorCode } from '@microcert/core'
import { en, type Messages, type Translation, type UiKey } from '../i18n/en.js'

type Loader = () => Promise<{ default: Translation }>

// Each language is its own module, loaded only when a page asks for it (a separate chunk in the CDN build).
const builtIn: Record<string, Loader> = {
  cs: () => import('../i18n/cs.js'),
  sk: () => import('../i18n/sk.js'),
  de: () => import('../i18n/de.js'),
  pl: () => import('../i18n/pl.js'),
  fr: () => import('../i18n/fr.js'),
  es: () => import('../i18n/es.js'),
  it: () => import('../i18n/it.js'),
}

const loaded = new Map<string, Translation>()
const overrides = new Map<string, Translation>()
const pending = new Map<string, Promise<void>>()
/** Fired when a translation arrives or is registered, so elements re-render. */
export const translationEvents = new EventTarget()

function merge(target: Translation, source: Translation): Translation {
  return {
    ui: { ...target.ui, ...source.ui },
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

export function addTranslation(lang: string, translation: Translation): void {
  for (const key of languageChain(lang).slice(0, 1)) {
    overrides.set(key, merge(overrides.get(key) ?? {}, translation))
  }
  translationEvents.dispatchEvent(new Event('change'))
}

/** Starts loading the built-in module for `lang` (if any); resolves when it is there or failed to load. */
export function loadLanguage(lang: string): Promise<void> {
  const jobs = languageChain(lang).map((key) => {
    const loader = builtIn[key]
    if (!loader || loaded.has(key)) return Promise.resolve()
    let job = pending.get(key)
    if (!job) {
      job = loader().then(
        (mod) => {
          loaded.set(key, mod.default)
          translationEvents.dispatchEvent(new Event('change'))
        },
        // A missing chunk (e.g. only the main file was copied to a site) leaves the page in English.
        () => { loaded.set(key, {}) },
      )
      pending.set(key, job)
    }
    return job
  })
  return Promise.all(jobs).then(() => undefined)
}

/** True when every built-in module for `lang` has been loaded (or there is none). */
export function isLanguageReady(lang: string): boolean {
  return languageChain(lang).every((key) => !builtIn[key] || loaded.has(key))
}

export interface Translator {
  lang: string
  t(key: UiKey, values?: Record<string, string | number>): string
  error(code: MicrocertErrorCode | string | undefined): string | undefined
  date(value: string | undefined): string | undefined
  number(value: number): string
  country(code: string | undefined): string | undefined
  list(items: string[]): string
}

function lookup(lang: string, pick: (m: Translation) => string | undefined): string | undefined {
  for (const key of languageChain(lang)) {
    const value = pick(overrides.get(key) ?? {}) ?? pick(loaded.get(key) ?? {})
    if (value !== undefined) return value
  }
  return pick(overrides.get('en') ?? {})
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

/** A translator for `lang`, falling back key by key to the primary language and then to English. */
export function translator(lang: string): Translator {
  const locale = safeLocale(lang || 'en')
  const english: Messages = en
  let regions: Intl.DisplayNames | undefined
  return {
    lang: locale,
    t: (key, values) => fill(lookup(lang, (m) => m.ui?.[key]) ?? english.ui[key], values),
    error: (code) => {
      if (!code) return undefined
      const known = code in english.errors ? (code as MicrocertErrorCode) : undefined
      if (!known) return undefined
      return lookup(lang, (m) => m.errors?.[known]) ?? english.errors[known]
    },
    date: (value) => {
      if (!value) return undefined
      const time = Date.parse(value)
      if (Number.isNaN(time)) return undefined
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(time))
    },
    number: (value) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value),
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
