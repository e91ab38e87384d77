import type { EuLanguage } from '../lib/i18n/eu-languages.js'
import { formatter } from '../lib/i18n/format.js'
import { escapeHtml } from './escape-html.js'

/**
 * Where the page of `lang` lives among the language versions of a page: the first language (the site's default) at
 * the page's own path, every other one in a sub-folder named after it. `base` is the page's folder, e.g.
 * `credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K/`.
 */
export function languagePagePath(base: string, lang: EuLanguage, languages: readonly EuLanguage[]): string {
  return lang === languages[0] ? `${base}index.html` : `${base}${lang}/index.html`
}

/** `<link rel="alternate" hreflang>` for every language version, plus `x-default` (the first), at absolute URLs. */
export function renderAlternateLinks(baseUrl: string, languages: readonly EuLanguage[]): string {
  if (languages.length < 2) return ''
  const href = (lang: EuLanguage) => escapeHtml(lang === languages[0] ? baseUrl : `${baseUrl}${lang}/`)
  return [
    ...languages.map((lang) => `    <link rel="alternate" hreflang="${lang}" href="${href(lang)}">`),
    `    <link rel="alternate" hreflang="x-default" href="${href(languages[0]!)}">`,
  ].join('\n')
}

/**
 * The page-level language switch: plain links between the language versions (no JavaScript, no cookie), each
 * language named in itself and marked with `lang`/`hreflang`, the current one with `aria-current`. Empty for one
 * language. `current` pages sit in the language sub-folder unless they are the first language.
 */
export function renderLanguageSwitch(current: EuLanguage, languages: readonly EuLanguage[]): string {
  if (languages.length < 2) return ''
  const fromCurrent = current === languages[0] ? '' : '../'
  const items = languages.map((lang) => {
    const name = escapeHtml(formatter(lang).languageName(lang))
    const href = `${fromCurrent}${lang === languages[0] ? '' : `${lang}/`}` || './'
    return lang === current
      ? `<li><a href="${href}" hreflang="${lang}" lang="${lang}" aria-current="page">${name}</a></li>`
      : `<li><a href="${href}" hreflang="${lang}" lang="${lang}">${name}</a></li>`
  })
  const label = escapeHtml(formatter(current).messages.language)
  return `<nav class="languages" aria-label="${label}"><ul>${items.join('')}</ul></nav>`
}
