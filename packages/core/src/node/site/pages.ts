import { escapeHtml } from './escape-html.js'

export interface SiteInfo {
  /** Page title (the issuer's name by default). */
  title: string
  issuerName: string
  did: string
  /** Registry base URL, no trailing slash. */
  registryUrl: string
  country: string
  credentials: number
  /** Site-relative path of the DID document. */
  didDocumentPath: string
}

const STYLE = `
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
    header p { margin-top: 0; color: GrayText; }
    code { overflow-wrap: anywhere; }
    microcert-verify { display: block; margin-block: 1.5rem; }`

// A demo or test registry on http://localhost only works when the widget is told that plain http is intended there.
function widgetAttributes(info: SiteInfo): string {
  const url = new URL(info.registryUrl)
  const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1')
  // The site vouches for its own issuer: credentials of this DID show as trusted, others as "issuer not on the list".
  return `registry="${escapeHtml(info.registryUrl)}" trusted-issuers="${escapeHtml(info.did)}"${local ? ' allow-insecure-localhost' : ''}`
}

function layout(info: SiteInfo, heading: string, root: string, body: string): string {
  const e = escapeHtml
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e(heading)} · ${e(info.title)}</title>
    <style>${STYLE}
    </style>
    <script type="module" src="${root}microcert-verify.js"></script>
  </head>
  <body>
    <header>
      <h1>${e(heading)}</h1>
      <p>${e(info.issuerName)} (${e(info.country)}) · micro-credential registry</p>
    </header>
    <main>
${body}
    </main>
    <footer>
      <p><small>Issuer <code>${e(info.did)}</code> · <a href="${root}${e(info.didDocumentPath)}">DID document</a> ·
      credentials are Open Badges 3.0 / W3C Verifiable Credentials carrying the EU micro-credential elements.</small></p>
    </footer>
  </body>
</html>
`
}

/** The registry's home page. */
export function renderIndexPage(info: SiteInfo): string {
  const e = escapeHtml
  return layout(
    info,
    info.title,
    './',
    `      <p>${e(info.issuerName)} publishes its micro-credentials here. This registry holds ${info.credentials.toLocaleString('en')}
      credential${info.credentials === 1 ? '' : 's'}. Each one is signed by the issuer and can be checked by anyone, without an account.</p>
      <p><a href="./verify/">Check a certificate</a> · <a href="./employer.html">For employers</a></p>
      <microcert-verify input ${widgetAttributes(info)}></microcert-verify>`,
  )
}

/** `verify/?id=<certificate ID>`: checks the credential the link names, or offers a field to enter one. */
export function renderVerifyPage(info: SiteInfo): string {
  const e = escapeHtml
  return layout(
    info,
    'Check a certificate',
    '../',
    `      <microcert-verify id="verifier" input ${widgetAttributes(info)}></microcert-verify>
      <script type="module">
        const id = new URLSearchParams(location.search).get('id')
        if (id) document.getElementById('verifier').setAttribute('certificate-id', id)
      </script>
      <noscript><p>Checking a certificate needs JavaScript. Each credential is also a file:
      <code>${e(info.registryUrl)}/credentials/&lt;ID&gt;.jwt</code></p></noscript>`,
  )
}

/** A page for employers and HR: what a check proves, and the field to check with. */
export function renderEmployerPage(info: SiteInfo): string {
  const e = escapeHtml
  return layout(
    info,
    'Checking a micro-credential',
    './',
    `      <p>Paste the certificate ID (for example <code>MC-7KQ4-9XJ2-PM3A-W8TD-K</code>), a link, or the credential file you received.
      The check runs in your browser: it confirms that ${e(info.issuerName)} issued the credential, that nobody changed it,
      and whether it has been revoked or suspended.</p>
      <microcert-verify input ${widgetAttributes(info)}></microcert-verify>
      <h2>What the result means</h2>
      <ul>
        <li><strong>Verified</strong>: authentic, unchanged, not revoked, not expired.</li>
        <li><strong>Warning</strong>: authentic, but something needs your judgement (expired, or an issuer your organisation has not listed as trusted).</li>
        <li><strong>Failed</strong>: forged, altered, revoked or suspended. Do not rely on it.</li>
        <li><strong>Could not check</strong>: the registry could not be reached. Try again later; this says nothing about the credential.</li>
      </ul>`,
  )
}

export interface HeadersInfo {
  didDocumentPath: string
}

/** Netlify / Cloudflare Pages `_headers`: cross-origin GET for every file, content types and cache lifetimes. */
export function renderHeadersFile(info: HeadersInfo, statusListTtlMs: number): string {
  const statusAge = Math.max(0, Math.floor(statusListTtlMs / 1000))
  return `# Written by microcert publish. Cross-origin GET is what lets any page verify these credentials.
/*
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff

/credentials/*
  Content-Type: application/vc+jwt
  Cache-Control: public, max-age=3600

/status/*
  Content-Type: application/vc+jwt
  Cache-Control: public, max-age=${statusAge}

/${info.didDocumentPath}
  Content-Type: application/did+json
  Cache-Control: public, max-age=300

/*.schema.json
  Content-Type: application/schema+json
  Cache-Control: public, max-age=3600

/microcert-verify.js
  Content-Type: text/javascript; charset=utf-8
  Cache-Control: public, max-age=3600
`
}
