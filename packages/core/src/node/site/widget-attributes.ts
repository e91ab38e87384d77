import { escapeHtml } from './escape-html.js'

/**
 * Attributes of `<microcert-verify>` on a registry's own pages: the registry, the issuer it vouches for, and — for a
 * demo or test registry on http://localhost only — the opt-in to plain http there.
 */
export function widgetAttributes(registryUrl: string, did: string): string {
  const url = new URL(registryUrl)
  const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
  return `registry="${escapeHtml(registryUrl)}" trusted-issuers="${escapeHtml(did)}"${local ? ' allow-insecure-localhost' : ''}`
}
