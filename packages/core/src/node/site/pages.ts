import type { EuLanguage } from '../lib/i18n/eu-languages.js'
import { formatter, type Formatter } from '../lib/i18n/format.js'
import type { Messages } from '../lib/i18n/messages.js'
import { escapeHtml } from './escape-html.js'
import { languagePagePath, renderAlternateLinks, renderLanguageSwitch } from './language-switch.js'
import { widgetAttributes } from './widget-attributes.js'

/** A course of the registry as its home page lists it (what every credential of the course shares). */
export interface CourseSummary {
  title: string
  ects?: number
  eqfLevel?: string
  /** `online`, `onsite`, `blended` or the issuer's own wording. */
  participation?: string
  /** Credentials of the course in the public registry. */
  holders: number
}

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
  /** Languages of the pages, the default (served at the page's own path) first. */
  languages: readonly EuLanguage[]
  /** The courses on the home page, in the order shown. Default: none. */
  courses?: readonly CourseSummary[]
  /** A trust list the checkers on the pages trust, besides the issuer itself. */
  trustList?: string
}

const EXAMPLE_ID = 'MC-7KQ4-9XJ2-PM3A-W8TD-K'

const STYLE = `
    :root { color-scheme: light dark; font-family: system-ui, "Segoe UI", Roboto, sans-serif; line-height: 1.55; }
    body { margin: 0; }
    .inner { max-width: 52rem; margin: 0 auto; padding: .75rem 1.5rem; }
    .bar { background: #1d3f73; color: #fff; }
    .bar .inner { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1.25rem; }
    .bar a { color: #fff; }
    .brand { font-weight: 700; font-size: 1.1rem; text-decoration: none; }
    .bar nav a { margin-inline-end: 1rem; }
    .languages ul { display: flex; flex-wrap: wrap; gap: .2rem .8rem; list-style: none; padding: 0; margin: 0; font-size: .85rem; }
    .languages [aria-current] { font-weight: 700; text-decoration: none; }
    h1 { line-height: 1.2; }
    .lead { color: GrayText; margin-top: 0; }
    .courses { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .75rem; list-style: none; padding: 0; }
    .courses li { border: 1px solid #8884; border-radius: .5rem; padding: .75rem 1rem; }
    .courses h3 { margin: 0 0 .25rem; font-size: 1rem; }
    .meta { color: GrayText; font-size: .9rem; margin: 0; }
    .card { border: 1px solid #8884; border-radius: .6rem; padding: .5rem 1.25rem 1rem; margin-block: 1.25rem; }
    code { overflow-wrap: anywhere; }
    microcert-verify { display: block; margin-block: 1rem; }
    footer { color: GrayText; }`

type PageKind = 'home' | 'verify' | 'employer'
/** The folder of each page; every language version but the first sits in `<folder><lang>/`. */
const FOLDER: Readonly<Record<PageKind, string>> = { home: '', verify: 'verify/', employer: 'employer/' }

interface PageContext {
  info: SiteInfo
  lang: EuLanguage
  text: Formatter
  /** From this page to the site root, e.g. `../../`. */
  root: string
}

/** Link from the page in `context` to the same language's version of `kind`. */
function hrefTo(context: PageContext, kind: PageKind): string {
  const { info, lang } = context
  return `${context.root}${FOLDER[kind]}${lang === info.languages[0] ? '' : `${lang}/`}`
}

function checker(context: PageContext, id: string): string {
  const { info, lang } = context
  return `<microcert-verify id="${id}" input lang="${lang}" ${widgetAttributes(info.registryUrl, info.did, info.trustList)}></microcert-verify>`
}

function layout(context: PageContext, kind: PageKind, heading: string, body: string, script = ''): string {
  const e = escapeHtml
  const { info, lang, text, root } = context
  const m = text.messages
  const base = `${info.registryUrl}/${FOLDER[kind]}`
  const self = lang === info.languages[0] ? base : `${base}${lang}/`
  const alternates = renderAlternateLinks(base, info.languages)
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e(heading === info.title ? info.title : `${heading} · ${info.title}`)}</title>
    <link rel="canonical" href="${e(self)}">
${alternates === '' ? '' : `${alternates}\n`}    <style>${STYLE}
    </style>
    <script type="module" src="${root}microcert-verify.js"></script>
  </head>
  <body>
    <header class="bar"><div class="inner">
      <a class="brand" href="${hrefTo(context, 'home')}">${e(info.title)}</a>
      <nav><a href="${hrefTo(context, 'verify')}">${e(m.checkCertificate)}</a><a href="${hrefTo(context, 'employer')}">${e(m.forEmployers)}</a></nav>
    </div></header>
    <div class="inner">${renderLanguageSwitch(lang, info.languages)}</div>
    <main class="inner">
      <h1>${e(heading)}</h1>
      <p class="lead">${e(info.title === info.issuerName ? text.country(info.country) : `${info.issuerName} (${text.country(info.country)})`)} · ${e(m.registry)}</p>
${body}
    </main>
    <footer class="inner">
      <p><small>${e(m.issuer)} <code>${e(info.did)}</code> · <a href="${root}${e(info.didDocumentPath)}">${e(m.didDocument)}</a> · ${e(m.footerNote)}</small></p>
    </footer>${script}
  </body>
</html>
`
}

function courseList(context: PageContext): string {
  const courses = context.info.courses ?? []
  if (courses.length === 0) return ''
  const e = escapeHtml
  const { text } = context
  const m = text.messages
  const items = courses.map((course) => {
    const participation =
      course.participation === undefined ? undefined : (m.participationForms[course.participation as keyof Messages['participationForms']] ?? course.participation)
    const meta = [
      course.ects === undefined ? undefined : text.plural(m.ectsCredits, course.ects),
      course.eqfLevel === undefined ? undefined : `${m.eqfLevel} ${course.eqfLevel}`,
      participation,
      text.plural(m.holders, course.holders),
    ].filter((part) => part !== undefined)
    return `        <li><h3>${e(course.title)}</h3><p class="meta">${e(meta.join(' · '))}</p></li>`
  })
  return `      <h2>${e(m.courses)}</h2>
      <ul class="courses">
${items.join('\n')}
      </ul>
`
}

function homePage(context: PageContext): string {
  const e = escapeHtml
  const { info, text } = context
  const m = text.messages
  return layout(
    context,
    'home',
    info.title,
    `      <p>${e(text.fill(m.registryIntro, { issuer: info.issuerName }))} ${e(text.plural(m.credentialCount, info.credentials))}</p>
${courseList(context)}      <section class="card" aria-labelledby="check">
        <h2 id="check">${e(m.checkCertificate)}</h2>
        ${checker(context, 'checker')}
        <p><a href="${hrefTo(context, 'employer')}">${e(m.forEmployers)}</a></p>
      </section>`,
  )
}

function verifyPage(context: PageContext): string {
  const e = escapeHtml
  const { info, text } = context
  const m = text.messages
  // `?id=` names the credential to check (the QR code of a PDF, a shared link); the language links keep it.
  const script = `
    <script type="module">
      const query = location.search
      const id = new URLSearchParams(query).get('id')
      if (id) {
        document.getElementById('verifier').setAttribute('certificate-id', id)
        for (const link of document.querySelectorAll('nav.languages a')) link.search = query
      }
    </script>`
  return layout(
    context,
    'verify',
    m.checkCertificate,
    `      ${checker(context, 'verifier')}
      <noscript><p>${e(m.verifyNeedsJavaScript)} <code>${e(info.registryUrl)}/credentials/&lt;ID&gt;.jwt</code></p></noscript>`,
    script,
  )
}

function employerPage(context: PageContext): string {
  const e = escapeHtml
  const { info, text } = context
  const m = text.messages
  const intro = e(m.employerIntro).replace(/\{(example|issuer)\}/g, (_, name: string) =>
    name === 'example' ? `<code>${EXAMPLE_ID}</code>` : e(info.issuerName),
  )
  const results = [m.resultVerified, m.resultWarning, m.resultFailed, m.resultUnknown]
    .map(([verdict, meaning]) => `        <li><strong>${e(verdict)}</strong>: ${e(meaning)}</li>`)
    .join('\n')
  return layout(
    context,
    'employer',
    m.employerHeading,
    `      <p>${intro}</p>
      ${checker(context, 'checker')}
      <h2>${e(m.resultMeaning)}</h2>
      <ul>
${results}
      </ul>`,
  )
}

/** `../` once per folder between a site-relative page path and the site root. */
function rootOf(path: string): string {
  return '../'.repeat(path.split('/').length - 1) || './'
}

/**
 * The registry's own pages in every language of `info.languages`: the home page (`index.html`), the verification
 * page (`verify/`, which checks `?id=<certificate ID>` at once: the PDFs' QR codes open it) and the page for
 * employers (`employer/`, with `employer.html` forwarding there). The first language sits at each page's own path,
 * the others in `<page>/<lang>/`, linked by a language switch that works without JavaScript. Site-relative path → HTML.
 */
export function renderRegistryPages(info: SiteInfo): Map<string, string> {
  if (info.languages.length === 0) throw new TypeError('renderRegistryPages: at least one language')
  const pages = new Map<string, string>()
  const render: Record<PageKind, (context: PageContext) => string> = { home: homePage, verify: verifyPage, employer: employerPage }
  for (const lang of info.languages) {
    for (const kind of ['home', 'verify', 'employer'] as const) {
      const path = languagePagePath(FOLDER[kind], lang, info.languages)
      pages.set(path, render[kind]({ info, lang, text: formatter(lang), root: rootOf(path) }))
    }
  }
  // The employer page's address before it had language versions: bookmarks and printed links keep working.
  pages.set(
    'employer.html',
    `<!doctype html>
<html lang="${info.languages[0]}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="refresh" content="0; url=employer/">
    <link rel="canonical" href="${escapeHtml(`${info.registryUrl}/employer/`)}">
    <title>${escapeHtml(formatter(info.languages[0]!).messages.employerHeading)}</title>
  </head>
  <body><p><a href="employer/">${escapeHtml(formatter(info.languages[0]!).messages.employerHeading)}</a></p></body>
</html>
`,
  )
  return pages
}

export interface HeadersInfo {
  didDocumentPath: string
  /** Site-relative path of the JWT VC Issuer Metadata. */
  jwtVcIssuerPath: string
  /** Site-relative path of the SD-JWT VC type metadata (the `vct`). */
  vctPath: string
  /** Status lists in the site (each has a revocation, a suspension and a Token Status List file). */
  statusLists: number
  /** The issuer lets search engines index the credentials (default false: `X-Robots-Tag: noindex`). */
  indexCredentials?: boolean
}

/**
 * Netlify / Cloudflare Pages `_headers`: cross-origin GET for every file, content types and cache lifetimes. Hosts
 * combine the headers of every rule that matches a path (the same header twice becomes "a, b"), so no two rules here
 * that can match one file set the same header.
 */
export function renderHeadersFile(info: HeadersInfo, statusListTtlMs: number): string {
  const statusAge = Math.max(0, Math.floor(statusListTtlMs / 1000))
  const lists: string[] = []
  for (let n = 0; n < info.statusLists; n++) {
    lists.push(
      `/status/${n}.jwt\n  Content-Type: application/vc+jwt\n`,
      `/status/${n}-suspension.jwt\n  Content-Type: application/vc+jwt\n`,
      `/status/${n}.tsl.jwt\n  Content-Type: application/statuslist+jwt\n`,
      `/status/${n}/*\n  Content-Type: application/jwt\n`,
      `/status/${n}-suspension/*\n  Content-Type: application/jwt\n`,
    )
  }
  return `# Written by microcert publish. Cross-origin GET is what lets any page verify these credentials.
/*
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff

/credentials/*
  Cache-Control: public, max-age=3600
${info.indexCredentials === true ? '' : '  X-Robots-Tag: noindex\n'}
/credentials/*.jwt
  Content-Type: application/vc+jwt

/status/*
  Cache-Control: public, max-age=${statusAge}

${lists.join('\n')}
/${info.didDocumentPath}
  Content-Type: application/did+json
  Cache-Control: public, max-age=300

/${info.jwtVcIssuerPath}
  Content-Type: application/json
  Cache-Control: public, max-age=300

/${info.vctPath}
  Content-Type: application/json
  Cache-Control: public, max-age=3600

/*.schema.json
  Content-Type: application/schema+json
  Cache-Control: public, max-age=3600

/previews/*
  Cache-Control: public, max-age=86400

/microcert-verify.js
  Content-Type: text/javascript; charset=utf-8
  Cache-Control: public, max-age=3600
`
}
