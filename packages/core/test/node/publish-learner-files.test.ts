// Issue 11 and 15 wired into publish: PDFs, share pages, previews, robots.txt, _headers, registry pages in 24
// languages, and what wallets fetch (Token Status Lists, vct type metadata, JWT VC Issuer Metadata).
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeCredential } from '../../src/decode-credential.js'
import { extractCredentialFromPdf } from '../../src/extract-credential-from-pdf.js'
import { createIssuer, EU_LANGUAGES, type IssuedRecord, type Issuer, type PublishReport } from '../../src/node/index.js'
import { tokenStatusReference } from '../../src/node/token-status-reference.js'
import { courseInput, tempDir } from './helpers.js'
import { decodeQrOnPage, pdftotext } from './pdf-tools.js'

// A registry at the root of its host, as most are (the sub-path case has its own test below).
const REGISTRY = 'https://credentials.uni.example'
const DID = 'did:web:credentials.uni.example'

let root: string
let cleanup: () => void
let issuer: Issuer
let records: IssuedRecord[]
let site: string
let first: PublishReport

beforeAll(async () => {
  ;({ dir: root, cleanup } = tempDir('microcert-learner-files-'))
  issuer = await createIssuer(join(root, 'store'), { did: DID, name: 'Univerzita Příkladová', country: 'CZ', url: REGISTRY })
  records = (await issuer.issueBatch([courseInput(1), courseInput(2), courseInput(3, { id: 'https://uni.example/courses/b', title: 'Řízení rizik' })])).issued
  records[0] = (await issuer.get(records[0]!.certificateId))!
  site = join(root, 'site')
  first = await issuer.publish(site)
}, 60_000)

afterAll(async () => {
  await issuer.close()
  cleanup()
})

/** `<meta property|name="key" content="…">` values, as a link-preview crawler reads them (no JavaScript). */
function meta(html: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) {
    out[match[1]!] = match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
  }
  return out
}

const read = (path: string) => readFileSync(join(site, path), 'utf8')

describe('publish: PDF certificates', { timeout: 60_000 }, () => {
  it('writes a PDF per credential that reads back, whose QR code opens the verification page, with the credential inside', async () => {
    expect(first).toMatchObject({ credentials: 3, pdfs: 3, pdfsWritten: 3, sharePages: 6, previews: 2, tokenStatusLists: 1 })
    for (const record of records) {
      const pdf = new Uint8Array(readFileSync(join(site, 'credentials', `${record.certificateId}.pdf`)))
      const text = pdftotext(pdf)
      expect(text).toContain(`Learner ${records.indexOf(record) + 1}`)
      expect(text).toContain(record.certificateId)
      expect(decodeQrOnPage(pdf)).toBe(`${REGISTRY}/verify/?id=${record.certificateId}`)
      expect((await extractCredentialFromPdf(pdf)).credential).toBe(record.jwt)
    }
  })

  it('carries unchanged PDFs over on the next publish, and renders again what changed', async () => {
    const again = await issuer.publish(site)
    expect(again).toMatchObject({ pdfs: 3, pdfsWritten: 0 })
    // a PDF someone changed in the site is replaced from the store; a new option renders every one again
    const path = join(site, 'credentials', `${records[1]!.certificateId}.pdf`)
    writeFileSync(path, 'not the certificate')
    expect(await issuer.publish(site)).toMatchObject({ pdfs: 3, pdfsWritten: 1 })
    expect(readFileSync(path, 'latin1').startsWith('%PDF-')).toBe(true)
    expect(await issuer.publish(site, { pdfOptions: { branding: { accentColor: '#8a1538' } } })).toMatchObject({ pdfsWritten: 3 })
    expect(await issuer.publish(site)).toMatchObject({ pdfsWritten: 3 })
    expect(lstatSync(path).nlink).toBe(1)
  })

  it('writes no PDF with pdf: false, and the share pages then link none', async () => {
    const other = join(root, 'site-no-pdf')
    expect(await issuer.publish(other, { pdf: false })).toMatchObject({ pdfs: 0, pdfsWritten: 0, sharePages: 6 })
    expect(readdirSync(join(other, 'credentials')).filter((name) => name.endsWith('.pdf'))).toEqual([])
    expect(readFileSync(join(other, 'credentials', records[0]!.certificateId, 'index.html'), 'utf8')).not.toContain('.pdf"')
  })

  it('renders on threads the same bytes as in this thread', async () => {
    const { dir, cleanup: done } = tempDir('microcert-threads-')
    try {
      const many = await createIssuer(join(dir, 'store'), { did: DID, name: 'Univerzita Příkladová', country: 'CZ', url: REGISTRY })
      try {
        // more than the pool renders in-process before it starts threads
        await many.issueBatch(Array.from({ length: 30 }, (_, i) => courseInput(i)))
        await many.publish(join(dir, 'threads'), { pdfThreads: 2 })
        await many.publish(join(dir, 'here'), { pdfThreads: 1 })
      } finally {
        await many.close()
      }
      const pdfs = readdirSync(join(dir, 'here', 'credentials')).filter((name) => name.endsWith('.pdf'))
      expect(pdfs).toHaveLength(30)
      for (const name of pdfs) {
        expect(readFileSync(join(dir, 'threads', 'credentials', name)).equals(readFileSync(join(dir, 'here', 'credentials', name))), name).toBe(true)
      }
    } finally {
      done()
    }
  }, 180_000)
})

describe('publish: share pages', { timeout: 60_000 }, () => {
  it('writes a page per credential and share language with Open Graph tags, noindex, downloads, LinkedIn and the live check', () => {
    const record = records[0]!
    const html = read(`credentials/${record.certificateId}/index.html`)
    const share = `${REGISTRY}/credentials/${record.certificateId}/`
    const tags = meta(html)
    expect(tags).toMatchObject({
      robots: 'noindex, nofollow',
      'og:title': 'Applied Data Ethics',
      'og:url': share,
      'og:site_name': 'Univerzita Příkladová',
      'og:locale': 'cs_CZ',
      'twitter:card': 'summary_large_image',
    })
    expect(tags['og:image']).toMatch(new RegExp(`^${REGISTRY}/previews/[0-9a-f]{20}\\.png$`))
    expect(existsSync(join(site, 'previews', tags['og:image']!.slice(`${REGISTRY}/previews/`.length)))).toBe(true)
    expect(html).toContain(`<a href="../../credentials/${record.certificateId}.pdf" download>`)
    expect(html).toContain(`<a href="../../credentials/${record.certificateId}.jwt" download>`)
    expect(html).toContain(`<microcert-verify certificate-id="${record.certificateId}" lang="cs" registry="${REGISTRY}" trusted-issuers="${DID}">`)
    const linkedIn = /<a href="([^"]+)" rel="noopener" target="_blank">/.exec(html)![1]!.replace(/&#38;/g, '&')
    expect(Object.fromEntries(new URL(linkedIn).searchParams)).toMatchObject({ name: 'Applied Data Ethics', organizationName: 'Univerzita Příkladová', certId: record.certificateId, certUrl: share })
    expect(meta(read(`credentials/${record.certificateId}/en/index.html`))['og:locale']).toBe('en_IE')
    // the learner's name is on the page, never in the cached preview image's name or the OG description
    expect(html).toContain('Learner 1')
    expect(tags['og:description']).not.toContain('Learner 1')
  })

  it('prints "Date of issue" from awardedDate when the credential has one, else validFrom', () => {
    const { credential } = decodeCredential(records[0]!.jwt)
    const shown = credential['awardedDate'] ?? credential['validFrom']
    expect(read(`credentials/${records[0]!.certificateId}/en/index.html`)).toContain(
      new Intl.DateTimeFormat('en-IE', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.parse(String(shown))),
    )
  })

  it('shows "Add to your wallet" only through the learner’s link, when a wallet issuer is named', async () => {
    const other = join(root, 'site-wallet')
    await issuer.publish(other, { pdf: false, walletIssuer: `${REGISTRY}/wallet`, indexCredentials: true })
    const html = readFileSync(join(other, 'credentials', records[0]!.certificateId, 'index.html'), 'utf8')
    expect(html).toContain(`<section id="wallet" class="wallet" hidden data-offers="${REGISTRY}/wallet/offers/${records[0]!.certificateId}/"`)
    expect(html).toContain("history.replaceState(null, '', location.pathname + location.search)")
    expect(meta(html)['robots']).toBe('index, follow')
    expect(readFileSync(join(other, 'robots.txt'), 'utf8')).toContain('Allow: /')
    expect(readFileSync(join(other, '_headers'), 'utf8')).not.toContain('X-Robots-Tag')
    expect(read(`credentials/${records[0]!.certificateId}/index.html`)).not.toContain('id="wallet"')
  })
})

describe('publish: robots.txt, _headers and the registry pages', { timeout: 60_000 }, () => {
  it('keeps credentials/ out of search engines but open to link previews', () => {
    const robots = read('robots.txt')
    expect(robots).toContain('User-agent: LinkedInBot')
    expect(robots).toMatch(/User-agent: \*\nDisallow: \/credentials\//)
  })

  it('scopes each content type to its files, so no two rules set one header on the same file', () => {
    const headers = read('_headers')
    // Netlify / Cloudflare Pages rules: a path pattern (`*` matches anything), then indented `Name: value` lines.
    const rules = headers
      .split(/\n(?=\/)/)
      .filter((block) => block.startsWith('/'))
      .map((block) => {
        const [path, ...lines] = block.trim().split('\n')
        const pattern = new RegExp(`^${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
        return { pattern, headers: Object.fromEntries(lines.map((line) => line.trim().split(/:\s*/, 2) as [string, string]).map(([k, v]) => [k.toLowerCase(), v])) }
      })
    const served = (file: string) => {
      const matching = rules.filter((rule) => rule.pattern.test(file))
      const out: Record<string, string> = {}
      for (const rule of matching) {
        for (const [name, value] of Object.entries(rule.headers)) {
          expect(out[name], `${file}: two rules set ${name}`).toBeUndefined()
          out[name] = value
        }
      }
      return out
    }
    const id = records[0]!.certificateId
    expect(served(`/credentials/${id}.jwt`)).toMatchObject({ 'content-type': 'application/vc+jwt', 'x-robots-tag': 'noindex' })
    expect(served(`/credentials/${id}.pdf`)).toMatchObject({ 'x-robots-tag': 'noindex', 'cache-control': 'public, max-age=3600' })
    expect(served(`/credentials/${id}/`)['content-type']).toBeUndefined()
    expect(served(`/credentials/${id}/en/`)['content-type']).toBeUndefined()
    expect(served('/status/0.tsl.jwt')['content-type']).toBe('application/statuslist+jwt')
    expect(served('/status/0.jwt')['content-type']).toBe('application/vc+jwt')
    expect(served('/status/0-suspension.jwt')['content-type']).toBe('application/vc+jwt')
    expect(served('/status/0/123.jwt')['content-type']).toBe('application/jwt')
    expect(served('/vct/micro-credential')['content-type']).toBe('application/json')
    expect(served('/.well-known/jwt-vc-issuer')['content-type']).toBe('application/json')
    expect(served('/.well-known/did.json')['content-type']).toBe('application/did+json')
    expect(served('/previews/abc.png')['cache-control']).toBe('public, max-age=86400')
    expect(served('/microcert-verify.js')['access-control-allow-origin']).toBe('*')
  })

  it('writes the registry pages in all 24 languages, the issuer country’s first, linked by a language switch', () => {
    const czech = read('index.html')
    expect(czech).toContain('<html lang="cs">')
    for (const lang of EU_LANGUAGES.filter((l) => l !== 'cs')) {
      for (const page of [`${lang}/index.html`, `verify/${lang}/index.html`, `employer/${lang}/index.html`]) {
        expect(read(page), page).toContain(`<html lang="${lang}">`)
      }
    }
    expect(czech).toContain('<a href="en/" hreflang="en" lang="en">English</a>')
    expect(czech).toContain('<a href="./" hreflang="cs" lang="cs" aria-current="page">Čeština</a>')
    expect(read('verify/de/index.html')).toContain('<a href="../../verify/de/">Zertifikat prüfen</a>')
    expect(read('de/index.html')).toContain('<li><h3>Applied Data Ethics</h3><p class="meta">3 ECTS-Punkte · EQR-Niveau 6 · online · 2 Inhaber</p></li>')
    expect(read('employer.html')).toContain('<meta http-equiv="refresh" content="0; url=employer/">')
  })

  it('publishes the pages in the languages it is given, and refuses a language that is not an EU one', async () => {
    const other = join(root, 'site-languages')
    await issuer.publish(other, { pdf: false, languages: 'en,cs', shareLanguages: ['de'] })
    expect(readdirSync(other).filter((name) => /^[a-z]{2}$/.test(name))).toEqual(['cs'])
    expect(readFileSync(join(other, 'index.html'), 'utf8')).toContain('<html lang="en">')
    expect(readdirSync(join(other, 'credentials', records[0]!.certificateId))).toEqual(['index.html'])
    await expect(issuer.publish(other, { languages: 'en,xx' })).rejects.toThrow(/"xx" is not one of the 24 EU languages/)
  })
})

describe('publish: what wallets fetch', { timeout: 60_000 }, () => {
  it('keeps the Token Status List in step with revoke, suspend and reinstate', async () => {
    const [a, b, c] = records
    const status = () => {
      const list = getListFromStatusListJWT(read('status/0.tsl.jwt'))
      return [a, b, c].map((record) => list.getStatus(tokenStatusReference(decodeCredential(record!.jwt).credential)!.idx))
    }
    expect(status()).toEqual([0, 0, 0])
    await issuer.revoke(a!.certificateId)
    await issuer.suspend(b!.certificateId)
    await issuer.publish(site)
    expect(status()).toEqual([1, 2, 0])
    await issuer.reinstate(b!.certificateId)
    await issuer.publish(site)
    expect(status()).toEqual([1, 0, 0])
    const [header, payload] = read('status/0.tsl.jwt')
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>)
    expect(header).toMatchObject({ typ: 'statuslist+jwt', kid: `${DID}#key-1` })
    expect(payload).toMatchObject({ iss: REGISTRY, sub: `${REGISTRY}/status/0.tsl.jwt`, ttl: 300 })
    expect(tokenStatusReference(decodeCredential(a!.jwt).credential)).toEqual({ idx: a!.statusIndex % 131_072, uri: `${REGISTRY}/status/0.tsl.jwt` })
  })

  it('publishes the vct type metadata and the JWT VC Issuer Metadata with the issuer’s keys', () => {
    expect(JSON.parse(read('vct/micro-credential'))).toMatchObject({ vct: `${REGISTRY}/vct/micro-credential` })
    const metadata = JSON.parse(read('.well-known/jwt-vc-issuer')) as { issuer: string; jwks: { keys: { kid: string; d?: string }[] } }
    expect(metadata.issuer).toBe(REGISTRY)
    expect(metadata.jwks.keys.map((key) => key.kid)).toEqual([`${DID}#key-1`])
    expect(metadata.jwks.keys[0]!.d).toBeUndefined()
  })

  it('tells a registry under a path where robots.txt and the JWT VC Issuer Metadata must go', async () => {
    const { dir, cleanup: done } = tempDir('microcert-path-registry-')
    try {
      const nested = await createIssuer(join(dir, 'store'), { did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts' })
      try {
        const report = await nested.publish(join(dir, 'site'), { pdf: false })
        expect(report.warnings.join('\n')).toContain('https://uni.example/.well-known/jwt-vc-issuer/microcerts')
        expect(report.warnings.join('\n')).toContain('https://uni.example/robots.txt')
        expect(statSync(join(dir, 'site', '.well-known', 'jwt-vc-issuer', 'microcerts')).isFile()).toBe(true)
        expect(readFileSync(join(dir, 'site', 'robots.txt'), 'utf8')).toContain('Disallow: /microcerts/credentials/')
      } finally {
        await nested.close()
      }
    } finally {
      done()
    }
  })
})
