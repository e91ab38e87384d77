// Imported first by the CDN entry (src/cdn.ts), so it runs before the rest of microcert-verify.js is evaluated: the
// verifier, the document's language and a verify page's credential are requested at once, not after Lit and the
// element have been set up (the element would ask for them when it connects, a few tens of milliseconds later).
import { loadLanguage } from './i18n.js'
import { loadEngine } from './load-engine.js'
import { prefetchCredential } from './prefetch-credential.js'

loadEngine().catch(() => {})
void loadLanguage(document.documentElement.lang || 'en')
// Module scripts run after the document is parsed, so a verify page's element is already there.
for (const el of document.querySelectorAll('microcert-verify[certificate-id][registry]')) {
  if (el.hasAttribute('input') || el.hasAttribute('credential') || el.hasAttribute('src')) continue
  prefetchCredential(el.getAttribute('certificate-id')!.trim(), el.getAttribute('registry')!, el.hasAttribute('allow-insecure-localhost'))
}
