import type { Translation } from './i18n/en.js'
import { addTranslation } from './lib/i18n.js'

/**
 * Adds or overrides the widget's text for a language (BCP 47 tag, e.g. "cs" or "pt-BR"); keys left out fall back to
 * the built-in translation and then to English. Every `<microcert-verify>` on the page re-renders.
 * Error codes: none (throws `TypeError` when `lang` is not a string or `translation` not an object).
 *
 * @example
 * registerTranslation('en', { ui: { verifyButton: 'Check' } })
 * registerTranslation('ga', { ui: { verifyButton: 'Fíoraigh' }, errors: { ERR_CREDENTIAL_REVOKED: 'Aisghairthe.' } })
 */
export function registerTranslation(lang: string, translation: Translation): void {
  if (typeof lang !== 'string' || !lang.trim()) throw new TypeError('registerTranslation: "lang" must be a language tag')
  if (typeof translation !== 'object' || translation === null) throw new TypeError('registerTranslation: "translation" must be an object')
  addTranslation(lang, translation)
}
