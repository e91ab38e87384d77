import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../../src/index.js'
import { credentialUrls } from '../../src/node/lib/credential-urls.js'
import { languagePagePath, renderLanguageSwitch } from '../../src/node/site/language-switch.js'
import { renderRobotsTxt } from '../../src/node/site/robots-txt.js'
import { renderSharePage, type SharePageInfo } from '../../src/node/site/share-page.js'
import { renderSharePreviewPng, sharePreviewName, type SharePreviewCard } from '../../src/node/site/share-preview.js'
import { CREDENTIAL_ID, fullInput, ISSUER, NOW } from '../helpers.js'
import { saveScreenshot } from './pdf-tools.js'

const ID = 'MC-7KQ4-9XJ2-PM3A-W8TD-K'
const SHARE = `https://credentials.uni-example.cz/credentials/${ID}/`

function info(change: (input: ReturnType<typeof fullInput>) => void = () => {}, extra: Partial<SharePageInfo> = {}): SharePageInfo {
  const input = fullInput()
  change(input)
  return {
    credential: buildCredential(input, { id: CREDENTIAL_ID, now: NOW }) as unknown as Record<string, unknown>,
    urls: credentialUrls(CREDENTIAL_ID)!,
    did: ISSUER,
    lang: 'cs',
    languages: ['cs', 'en'],
    previewImageUrl: 'https://credentials.uni-example.cz/previews/abc.png',
    ...extra,
  }
}

/** `<meta property|name="key" content="…">` values, decoded the way a crawler reads them. */
function meta(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) {
    out[match[1]!] = match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
  }
  return out
}

describe('share page', () => {
  it('carries Open Graph and X tags readable without JavaScript, noindex by default', () => {
    const html = renderSharePage(info())
    const tags = meta(html)
    expect(tags).toMatchObject({
      robots: 'noindex, nofollow',
      'og:title': 'Applied Data Ethics',
      'og:description': 'Uděluje Univerzita Příkladová · 3 kredity ECTS · Úroveň EQF 6',
      'og:url': SHARE,
      'og:site_name': 'Univerzita Příkladová',
      'og:locale': 'cs_CZ',
      'og:locale:alternate': 'en_IE',
      'og:image': 'https://credentials.uni-example.cz/previews/abc.png',
      'og:image:width': '1200',
      'og:image:height': '630',
      'twitter:card': 'summary_large_image',
      'twitter:image': 'https://credentials.uni-example.cz/previews/abc.png',
    })
    expect(html).toContain('<html lang="cs">')
    expect(html).toContain(`<link rel="canonical" href="${SHARE}">`)
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${SHARE}en/">`)
    expect(meta(renderSharePage(info(() => {}, { index: true })))['robots']).toBe('index, follow')
  })

  it('shows the credential, links the downloads and LinkedIn, and verifies live with the widget', () => {
    const html = renderSharePage(info())
    for (const text of ['Jana Nováková', 'Applied Data Ethics', '15. června 2026', '3 kredity ECTS · 75 hodin', 'Evaluates bias and fairness risks in a dataset', ID]) {
      expect(html).toContain(text)
    }
    expect(html).toContain(`<a href="../../credentials/${ID}.pdf" download>`)
    expect(html).toContain(`<a href="../../credentials/${ID}.jwt" download>`)
    expect(html).not.toContain('.json"')
    expect(html).toContain('<script type="module" src="../../microcert-verify.js"></script>')
    expect(html).toContain(`<microcert-verify certificate-id="${ID}" lang="cs" registry="https://credentials.uni-example.cz" trusted-issuers="${ISSUER}"></microcert-verify>`)
    const linkedIn = /<a href="([^"]+)" rel="noopener" target="_blank">Přidat do profilu na LinkedIn<\/a>/.exec(html)![1]!.replace(/&#38;/g, '&')
    expect(Object.fromEntries(new URL(linkedIn).searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Applied Data Ethics',
      organizationName: 'Univerzita Příkladová',
      issueYear: '2026',
      issueMonth: '6',
      certUrl: SHARE,
      certId: ID,
    })
  })

  it('escapes every credential value (names, outcomes, the issuer) in text and attributes', () => {
    const hostile = '"><script>alert(1)</script>&\''
    const html = renderSharePage(
      info((input) => {
        input.learner.name = hostile
        input.achievement.title = hostile
        input.achievement.learningOutcomes = [hostile]
        input.issuer.name = hostile
        input.grade = undefined
        delete input.achievement.grading
      }),
    )
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain(hostile)
    expect(html).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#38;&#39;')
    expect(meta(html)['og:title']).toBe(hostile)
  })

  it('links the language versions with a switch that works without JavaScript', () => {
    expect(renderLanguageSwitch('cs', ['cs'])).toBe('')
    expect(renderLanguageSwitch('cs', ['cs', 'en', 'de'])).toBe(
      '<nav class="languages" aria-label="Jazyk"><ul><li><a href="./" hreflang="cs" lang="cs" aria-current="page">Čeština</a></li><li><a href="en/" hreflang="en" lang="en">English</a></li><li><a href="de/" hreflang="de" lang="de">Deutsch</a></li></ul></nav>',
    )
    expect(renderLanguageSwitch('de', ['cs', 'en', 'de'])).toContain('<a href="../" hreflang="cs" lang="cs">Čeština</a></li><li><a href="../en/" hreflang="en"')
    expect(languagePagePath(`credentials/${ID}/`, 'cs', ['cs', 'en'])).toBe(`credentials/${ID}/index.html`)
    expect(languagePagePath(`credentials/${ID}/`, 'en', ['cs', 'en'])).toBe(`credentials/${ID}/en/index.html`)
    const english = renderSharePage(info(() => {}, { lang: 'en' }))
    expect(english).toContain('<script type="module" src="../../../microcert-verify.js"></script>')
    expect(meta(english)['og:url']).toBe(`${SHARE}en/`)
    expect(english).toContain('Add to LinkedIn profile')
  })

  it('keeps credentials/ out of search engines but open to link previews in robots.txt', () => {
    const robots = renderRobotsTxt('https://uni.example/microcerts')
    expect(robots).toContain('User-agent: LinkedInBot\n')
    expect(robots).toContain('User-agent: Twitterbot\n')
    expect(robots).toMatch(/User-agent: \*\nDisallow: \/microcerts\/credentials\/\n/)
    expect(renderRobotsTxt('https://credentials.uni-example.cz')).toMatch(/Disallow: \/credentials\/\n/)
    expect(renderRobotsTxt('https://credentials.uni-example.cz', { indexCredentials: true })).not.toContain('Disallow')
  })
})

describe('share preview image', { timeout: 60_000 }, () => {
  const card: SharePreviewCard = { title: 'Applied Data Ethics', issuerName: 'Univerzita Příkladová', ects: 3, eqfLevel: '6', host: 'credentials.uni-example.cz', lang: 'cs' }

  it('renders a 1200 × 630 PNG without a browser, the same bytes every time', async () => {
    const png = await renderSharePreviewPng(card)
    expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG')
    const view = new DataView(png.buffer, png.byteOffset)
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630])
    expect(Buffer.from(await renderSharePreviewPng(card)).equals(Buffer.from(png))).toBe(true)
    saveScreenshot('share-preview.png', png, fileURLToPath(new URL('../../docs/share-preview.png', import.meta.url)))
  })

  it('names the image after what it shows, so one image serves a course and a change makes a new one', () => {
    expect(sharePreviewName(card)).toMatch(/^[0-9a-f]{20}\.png$/)
    expect(sharePreviewName({ ...card })).toBe(sharePreviewName(card))
    expect(sharePreviewName({ ...card, title: 'Applied Data Ethics II' })).not.toBe(sharePreviewName(card))
    expect(sharePreviewName({ ...card, lang: 'en' })).not.toBe(sharePreviewName(card))
  })
})
