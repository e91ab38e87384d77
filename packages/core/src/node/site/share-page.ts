import { linkedInAddToProfileUrl } from '../../linkedin-add-to-profile-url.js'
import type { CredentialUrls } from '../lib/credential-urls.js'
import { credentialView } from '../lib/credential-view.js'
import type { EuLanguage } from '../lib/i18n/eu-languages.js'
import { formatter } from '../lib/i18n/format.js'
import type { Messages } from '../lib/i18n/messages.js'
import { escapeHtml } from './escape-html.js'
import { renderAlternateLinks, renderLanguageSwitch } from './language-switch.js'
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from './share-preview.js'
import { widgetAttributes } from './widget-attributes.js'

/** What one language version of a credential's share page needs. */
export interface SharePageInfo {
  /** The credential's JSON (the VC-JWT payload's credential). */
  credential: Record<string, unknown>
  /** Its addresses in the registry (`credentialUrls(credential.id)`). */
  urls: CredentialUrls
  /** The issuer's DID, which the live check trusts. */
  did: string
  /** This page's language. */
  lang: EuLanguage
  /** Every language the page is published in, the default first (the language switch links them). Default `[lang]`. */
  languages?: readonly EuLanguage[]
  /** Absolute URL of the link-preview image (`renderSharePreviewPng`). Default: none. */
  previewImageUrl?: string
  /** Files published beside the credential, each linked for download. Default: `.jwt` and `.pdf`, no `.json`. */
  downloads?: { jwt?: boolean; json?: boolean; pdf?: boolean }
  /** Let search engines index this page (the issuer's opt-in). Default false: `noindex`. */
  index?: boolean
  /** LinkedIn's numeric id of the issuer's page, which links the certification to it. Default: by name only. */
  linkedInOrganizationId?: string | number
  /** A trust list the live check trusts, besides the issuer itself. */
  trustList?: string
  /**
   * The credential issuer URL of the issuer's OpenID4VCI server (`@microcert/openid4vci`, `microcert serve --issue`).
   * The page then has an "Add to your wallet" section that stays hidden unless the page is opened through the
   * learner's personal link (`…/#wallet=<key>`): it shows a QR code and a same-device link that fetch a fresh,
   * single-use offer from `<walletIssuer>/offers/<ID>/<key>` each time. Default: no wallet section.
   */
  walletIssuer?: string
}

/** Open Graph wants a territory with the language; each language's main EU member state. */
const OG_LOCALES: Readonly<Record<EuLanguage, string>> = {
  bg: 'bg_BG', cs: 'cs_CZ', da: 'da_DK', de: 'de_DE', el: 'el_GR', en: 'en_IE', es: 'es_ES', et: 'et_EE',
  fi: 'fi_FI', fr: 'fr_FR', ga: 'ga_IE', hr: 'hr_HR', hu: 'hu_HU', it: 'it_IT', lt: 'lt_LT', lv: 'lv_LV',
  mt: 'mt_MT', nl: 'nl_NL', pl: 'pl_PL', pt: 'pt_PT', ro: 'ro_RO', sk: 'sk_SK', sl: 'sl_SI', sv: 'sv_SE',
}

const STYLE = `
    :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
    body { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
    .languages ul { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; padding: 0; margin: 0 0 1rem; font-size: .9rem; }
    .languages [aria-current] { font-weight: 700; text-decoration: none; }
    header p { margin: .25rem 0; color: GrayText; }
    h1 { margin: .25rem 0 .5rem; line-height: 1.2; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.25rem; }
    dt { color: GrayText; }
    dd { margin: 0; }
    .id { font-size: 1.25rem; font-weight: 700; letter-spacing: .02em; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; list-style: none; }
    .actions a { display: inline-block; padding: .45rem .9rem; border: 1px solid currentColor; border-radius: .4rem; text-decoration: none; }
    .wallet { border: 1px solid #8884; border-radius: .6rem; padding: .25rem 1.25rem 1rem; margin-block: 1.5rem; }
    .wallet img { display: block; width: 16rem; height: 16rem; max-width: 100%; background: #fff; image-rendering: pixelated; }
    microcert-verify { display: block; margin-block: 1rem; }`

/**
 * A credential's share page in one language: readable without JavaScript (link-preview crawlers see everything),
 * Open Graph and X (Twitter) tags, `noindex` unless the issuer opts in, download links, "Add to LinkedIn profile",
 * and `<microcert-verify>` checking the credential live. Every credential value is escaped. The page sits at
 * `credentials/<ID>/` (default language) or `credentials/<ID>/<lang>/`; the widget script is expected at the site root.
 */
export function renderSharePage(info: SharePageInfo): string {
  const e = escapeHtml
  const { urls, lang } = info
  const languages = info.languages ?? [lang]
  const depth = lang === languages[0] ? '../../' : '../../../'
  const text = formatter(lang)
  const m = text.messages
  const view = credentialView(info.credential)
  const title = view.title ?? urls.certificateId
  const issuer = view.issuerName ?? ''
  const pageUrl = lang === languages[0] ? urls.share : `${urls.share}${lang}/`
  const facts = factsLine(view.ects, view.eqfLevel, m, text.plural)
  const description = [text.fill(m.awardedBy, { issuer }), ...facts].join(' · ')
  const downloads = { jwt: true, json: false, pdf: true, ...info.downloads }

  // the learner's name is the page's subtitle, so the list starts with the awarding body
  const rows: [string, string][] = []
  if (view.awardingBodies.length > 0) rows.push([m.awardingBody, view.awardingBodies.join(', ')])
  if (view.country !== undefined) rows.push([m.country, text.country(view.country)])
  if (view.issuedOn !== undefined) rows.push([m.issuedOn, text.date(view.issuedOn)])
  if (view.validUntil !== undefined) rows.push([m.validUntil, text.date(view.validUntil)])
  const workload = [view.ects === undefined ? '' : text.plural(m.ectsCredits, view.ects), view.hours === undefined ? '' : text.plural(m.hours, view.hours)]
    .filter((part) => part !== '')
    .join(' · ')
  if (workload !== '') rows.push([m.workload, workload])
  if (view.eqfLevel !== undefined) rows.push([m.eqfLevel, view.eqfLevel])
  if (view.participation !== undefined) {
    const form = m.participationForms[view.participation as keyof Messages['participationForms']] ?? view.participation
    rows.push([m.participation, view.participationNote === undefined ? form : `${form} — ${view.participationNote}`])
  }
  if (view.assessment.length > 0) rows.push([m.assessment, view.assessment.join('; ')])
  if (view.grade !== undefined) rows.push([m.grade, view.grade])
  if (view.qualityAssurance.length > 0) rows.push([m.qualityAssurance, view.qualityAssurance.join('; ')])

  const linkedIn = linkedInAddToProfileUrl({
    name: title,
    organizationName: issuer === '' ? new URL(urls.registryUrl).host : issuer,
    ...(info.linkedInOrganizationId === undefined ? {} : { organizationId: info.linkedInOrganizationId }),
    ...(view.issuedOn === undefined || Number.isNaN(Date.parse(view.issuedOn)) ? {} : { issued: view.issuedOn }),
    ...(view.validUntil === undefined || Number.isNaN(Date.parse(view.validUntil)) ? {} : { expires: view.validUntil }),
    certUrl: urls.share,
    certId: urls.certificateId,
  })
  const links: string[] = []
  if (downloads.pdf) links.push(`<li><a href="${depth}credentials/${e(urls.certificateId)}.pdf" download>${e(m.downloadPdf)}</a></li>`)
  if (downloads.jwt) links.push(`<li><a href="${depth}credentials/${e(urls.certificateId)}.jwt" download>${e(m.downloadJwt)}</a></li>`)
  if (downloads.json) links.push(`<li><a href="${depth}credentials/${e(urls.certificateId)}.json" download>${e(m.downloadJson)}</a></li>`)
  const image = info.previewImageUrl
  const locale = (l: EuLanguage) => OG_LOCALES[l]

  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e(title)} · ${e(view.learner ?? '')} · ${e(issuer)}</title>
    <meta name="robots" content="${info.index === true ? 'index, follow' : 'noindex, nofollow'}">
    <meta name="description" content="${e(description)}">
    <link rel="canonical" href="${e(pageUrl)}">
${renderAlternateLinks(urls.share, languages)}
    <meta property="og:type" content="website">
    <meta property="og:site_name" content="${e(issuer)}">
    <meta property="og:title" content="${e(title)}">
    <meta property="og:description" content="${e(description)}">
    <meta property="og:url" content="${e(pageUrl)}">
    <meta property="og:locale" content="${locale(lang)}">
${languages
  .filter((other) => other !== lang)
  .map((other) => `    <meta property="og:locale:alternate" content="${locale(other)}">`)
  .join('\n')}
${
  image === undefined
    ? ''
    : `    <meta property="og:image" content="${e(image)}">
    <meta property="og:image:type" content="image/png">
    <meta property="og:image:width" content="${PREVIEW_WIDTH}">
    <meta property="og:image:height" content="${PREVIEW_HEIGHT}">
    <meta property="og:image:alt" content="${e(`${title} — ${issuer}`)}">
`
}    <meta name="twitter:card" content="${image === undefined ? 'summary' : 'summary_large_image'}">
    <meta name="twitter:title" content="${e(title)}">
    <meta name="twitter:description" content="${e(description)}">
${image === undefined ? '' : `    <meta name="twitter:image" content="${e(image)}">\n`}    <style>${STYLE}
    </style>
    <script type="module" src="${depth}microcert-verify.js"></script>
  </head>
  <body>
    ${renderLanguageSwitch(lang, languages)}
    <header>
      <p>${e(issuer)} · ${e(m.certificateHeading)}</p>
      <h1>${e(title)}</h1>
      ${view.learner === undefined ? '' : `<p>${e(m.awardedTo)} <strong>${e(view.learner)}</strong></p>`}
    </header>
    <main>
      <dl>
${rows.map(([label, value]) => `        <dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('\n')}
        <dt>${e(m.certificateId)}</dt><dd class="id">${e(urls.certificateId)}</dd>
      </dl>
${
  view.learningOutcomes.length === 0
    ? ''
    : `      <h2>${e(m.learningOutcomes)}</h2>
      <ul>
${view.learningOutcomes.map((outcome) => `        <li>${e(outcome)}</li>`).join('\n')}
      </ul>
`
}      <h2>${e(m.downloads)}</h2>
      <ul class="actions">
        ${links.join('\n        ')}
        <li><a href="${e(linkedIn)}" rel="noopener" target="_blank">${e(m.addToLinkedIn)}</a></li>
      </ul>
${info.walletIssuer === undefined ? '' : walletSection(info.walletIssuer, urls.certificateId, m)}      <h2>${e(m.liveCheck)}</h2>
      <p>${e(m.liveCheckNote)}</p>
      <microcert-verify certificate-id="${e(urls.certificateId)}" lang="${lang}" ${widgetAttributes(urls.registryUrl, info.did, info.trustList)}></microcert-verify>
      <noscript><p>${e(m.needsJavaScript)}</p></noscript>
    </main>
    <footer>
      <p><small><a href="${e(pageUrl)}">${e(pageUrl)}</a> · ${e(m.footerNote)}</small></p>
    </footer>
  </body>
</html>
`
}

function factsLine(ects: number | undefined, eqf: string | undefined, m: Messages, plural: (p: Messages['ectsCredits'], n: number) => string): string[] {
  return [ects === undefined ? undefined : plural(m.ectsCredits, ects), eqf === undefined ? undefined : `${m.eqfLevel} ${eqf}`].filter(
    (part): part is string => part !== undefined,
  )
}

/**
 * "Add to your wallet", hidden until the page is opened through the learner's personal link `…/#wallet=<key>`. The
 * key stays in the fragment, which no web server sees, and is removed from the address bar at once, so a link copied
 * from there to share the page does not carry it; only the issuer's wallet server gets it, to mint a fresh offer for
 * each scan. The language links keep it, so switching language keeps the code on screen.
 */
function walletSection(walletIssuer: string, certificateId: string, m: Messages): string {
  const e = escapeHtml
  const offers = `${walletIssuer.replace(/\/+$/, '')}/offers/${encodeURIComponent(certificateId)}/`
  return `      <section id="wallet" class="wallet" hidden data-offers="${e(offers)}" aria-labelledby="wallet-heading">
        <h2 id="wallet-heading">${e(m.addToWallet)}</h2>
        <p>${e(m.walletNote)} <strong>${e(m.walletPrivate)}</strong></p>
        <img id="wallet-qr" alt="${e(m.addToWallet)}" width="256" height="256">
        <p><a id="wallet-link" href="#">${e(m.openInWallet)}</a></p>
      </section>
      <script type="module">
        const match = /^#wallet=([A-Za-z0-9_-]{16,128})$/.exec(location.hash)
        if (match) {
          const key = match[1]
          history.replaceState(null, '', location.pathname + location.search)
          const section = document.getElementById('wallet')
          const offer = section.dataset.offers + key
          document.getElementById('wallet-qr').src = offer + '/qr.png'
          document.getElementById('wallet-link').href = 'openid-credential-offer://?credential_offer_uri=' + encodeURIComponent(offer)
          section.hidden = false
          for (const link of document.querySelectorAll('nav.languages a')) link.hash = 'wallet=' + key
        }
      </script>
`
}
