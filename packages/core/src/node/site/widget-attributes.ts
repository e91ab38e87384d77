import { escapeHtml } from './escape-html.js'

/**
 * Attributes of `<microcert-verify>` on a registry's own pages: the registry, the issuer it vouches for (and the
 * trust list the issuer names, when it names one), and — for a demo or test registry on http://localhost only — the
 * opt-in to plain http there.
 */
export function widgetAttributes(registryUrl: string, did: string, trustList?: string): string {
  const url = new URL(registryUrl)
  const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
  const list = trustList === undefined ? '' : ` trust-list="${escapeHtml(trustList)}"`
  return `registry="${escapeHtml(registryUrl)}" trusted-issuers="${escapeHtml(did)}"${list}${local ? ' allow-insecure-localhost' : ''}`
}
