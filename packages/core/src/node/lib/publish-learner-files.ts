import { isMicrocertError } from '../../errors.js'
import type { RenderCertificatePdfOptions } from '../render-certificate-pdf.js'
import type { CourseSummary } from '../site/pages.js'
import { renderSharePage, type SharePageInfo } from '../site/share-page.js'
import { sharePreviewName, type SharePreviewCard } from '../site/share-preview.js'
import type { IssuedRecord, PublishOptions } from '../types.js'
import { readSignedCredential, type SignedCredentialText } from './read-signed-credential.js'
import { credentialUrls, type CredentialUrls } from './credential-urls.js'
import { credentialView, type CredentialView } from './credential-view.js'
import { openDerivedFiles, sha256 } from './derived-files.js'
import { defaultLanguages, parseLanguages, type EuLanguage } from './i18n/eu-languages.js'
import { createRenderPool, type RenderPool } from './pdf/render-pool.js'
import type { IssuerConfig } from './store-backend.js'

/** What the learner-facing files of a publish need from it. */
export interface LearnerFilesContext {
  config: IssuerConfig
  options: PublishOptions
  /** The earlier site (may not exist) and the one being built. */
  outDir: string
  tempDir: string
  write(relative: string, data: string | Uint8Array): void
  warnings: string[]
}

export interface LearnerFilesReport {
  pdfs: number
  pdfsWritten: number
  sharePages: number
  previews: number
  /** The courses of the published credentials, by title. */
  courses: CourseSummary[]
}

/** What a share page links for download: the PDF (when one is published) and the credential's own file. */
interface ShareFiles {
  pdf: boolean
  format: SignedCredentialText['format']
}

/** The learner-facing files of a publish, fed one record at a time while the snapshot is read. */
export interface LearnerFiles {
  /** Takes a record of the snapshot; resolves when the next one may come (renders in flight stay bounded). */
  add(record: IssuedRecord): Promise<void>
  /** Waits for the renders, writes the preview images and the record of rendered files. */
  finish(): Promise<LearnerFilesReport>
  /** Stops the render threads (a publish that failed). */
  abort(): Promise<void>
}

const FINGERPRINT_ID = 'MC-7KQ4-9XJ2-PM3A-W8TD-K'

/**
 * Share pages (`credentials/<ID>/` in each share language), PDF certificates (`credentials/<ID>.pdf`) and link-preview
 * images (`previews/<hash>.png`, one per course) for every credential in the public registry. A PDF or image made
 * from the same input by the earlier publish is carried over (see derived-files.ts); the rest render on every core.
 */
export async function createLearnerFiles(context: LearnerFilesContext): Promise<LearnerFiles> {
  const { config, options, write, warnings } = context
  const registry = config.registryUrl
  const withPdf = options.pdf !== false
  const shareLanguages =
    options.shareLanguages === undefined ? defaultLanguages(config.profile.country) : parseLanguages(options.shareLanguages, 'publish shareLanguages', 24)
  const pdfOptions = pdfRenderOptions(options)
  const derived = openDerivedFiles(context.outDir, context.tempDir)
  const pool: RenderPool | undefined = withPdf ? createRenderPool(options.pdfThreads === undefined ? {} : { threads: options.pdfThreads }) : undefined
  // A PDF is carried over only when the renderer still draws exactly what it drew: a hash of a reference certificate
  // in these options stands for the renderer's code, fonts and options (it changes when any of them does).
  const fingerprint = pool === undefined ? '' : sha256(await pool.render(fingerprintJwt(registry), pdfOptions))
  const optionsKey = JSON.stringify([fingerprint, pdfOptions.languages ?? null, pdfOptions.timeZone ?? null, brandingKey(pdfOptions)])
  const maxInFlight = 64
  const inFlight = new Set<Promise<void>>()
  const courses = new Map<string, CourseSummary>()
  const previews = new Map<string, SharePreviewCard>()
  const failedPdfs = new Map<string, { credential: Record<string, unknown>; urls: CredentialUrls; preview: string; format: SignedCredentialText['format'] }>()
  let skipped = 0
  /** The first render that failed unexpectedly (a crashed thread): the publish fails with it. */
  let failure: { error: unknown } | undefined
  let pdfs = 0
  let pdfsWritten = 0
  let sharePages = 0

  function sharePage(credential: Record<string, unknown>, urls: CredentialUrls, preview: string, lang: EuLanguage, files: ShareFiles): string {
    const info: SharePageInfo = {
      credential,
      urls,
      did: config.did,
      lang,
      languages: shareLanguages,
      previewImageUrl: `${registry}/previews/${preview}`,
      downloads: { pdf: files.pdf, jwt: files.format === 'jwt', json: files.format === 'json' },
      index: options.indexCredentials === true,
      ...(options.linkedInOrganizationId === undefined ? {} : { linkedInOrganizationId: options.linkedInOrganizationId }),
      ...(options.trustList === undefined ? {} : { trustList: options.trustList }),
      ...(options.walletIssuer === undefined ? {} : { walletIssuer: options.walletIssuer }),
    }
    return renderSharePage(info)
  }

  function writeSharePages(credential: Record<string, unknown>, urls: CredentialUrls, preview: string, files: ShareFiles): void {
    for (const lang of shareLanguages) {
      const folder = `credentials/${urls.certificateId}/`
      write(lang === shareLanguages[0] ? `${folder}index.html` : `${folder}${lang}/index.html`, sharePage(credential, urls, preview, lang, files))
    }
  }

  function countCourse(view: CredentialView, record: IssuedRecord, achievementId: string | undefined): void {
    const key = achievementId ?? view.title ?? ''
    let course = courses.get(key)
    if (course === undefined) {
      course = { title: view.title ?? key, holders: 0 }
      if (view.ects !== undefined) course.ects = view.ects
      if (view.eqfLevel !== undefined) course.eqfLevel = view.eqfLevel
      if (view.participation !== undefined) course.participation = view.participation
      courses.set(key, course)
    }
    if (record.state !== 'revoked') course.holders++
  }

  async function pdfOf(record: IssuedRecord, signed: SignedCredentialText, urls: CredentialUrls, preview: string): Promise<void> {
    const path = `credentials/${urls.certificateId}.pdf`
    const input = sha256(`${optionsKey}\n${record.credential}`)
    if (derived.carry(path, input)) {
      pdfs++
      return
    }
    try {
      const pdf = await pool!.render(record.credential, pdfOptions)
      write(path, pdf)
      derived.wrote(path, input, pdf)
      pdfs++
      pdfsWritten++
    } catch (error) {
      if (!isMicrocertError(error) && !(error instanceof TypeError)) throw error
      warnings.push(`The PDF of ${urls.certificateId} could not be rendered (${error.message}); its share page links no PDF`)
      failedPdfs.set(urls.certificateId, { credential: signed.credential, urls, preview, format: signed.format })
    }
  }

  return {
    async add(record) {
      // Withdrawn from the public registry (GDPR): no page, no PDF.
      if (record.unpublished === true) return
      let signed: SignedCredentialText
      try {
        signed = readSignedCredential(record.credential)
      } catch {
        skipped++
        return
      }
      const { credential } = signed
      const urls = credentialUrls(typeof credential['id'] === 'string' ? credential['id'] : undefined)
      if (urls === undefined) {
        skipped++
        return
      }
      const view = credentialView(credential)
      const subject = credential['credentialSubject'] as { achievement?: { id?: unknown } } | undefined
      const achievementId = typeof subject?.achievement?.id === 'string' ? subject.achievement.id : undefined
      countCourse(view, record, achievementId)
      const card: SharePreviewCard = {
        title: view.title ?? urls.certificateId,
        issuerName: view.issuerName ?? new URL(registry).host,
        host: new URL(registry).host,
        lang: shareLanguages[0]!,
        ...(view.ects === undefined ? {} : { ects: view.ects }),
        ...(view.eqfLevel === undefined ? {} : { eqfLevel: view.eqfLevel }),
        ...(pdfOptions.branding?.accentColor === undefined ? {} : { accentColor: pdfOptions.branding.accentColor }),
      }
      const preview = sharePreviewName(card)
      previews.set(preview, card)
      writeSharePages(credential, urls, preview, { pdf: withPdf, format: signed.format })
      sharePages += shareLanguages.length
      if (!withPdf) return
      const job: Promise<void> = pdfOf(record, signed, urls, preview)
        .catch((error: unknown) => {
          failure ??= { error }
        })
        .finally(() => inFlight.delete(job))
      inFlight.add(job)
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight)
      if (failure !== undefined) throw failure.error
    },

    async finish() {
      try {
        await Promise.all(inFlight)
      } finally {
        await pool?.close()
      }
      if (failure !== undefined) throw failure.error
      for (const { credential, urls, preview, format } of failedPdfs.values()) writeSharePages(credential, urls, preview, { pdf: false, format })
      if (skipped > 0) warnings.push(`${skipped} credential(s) are not signed credentials with a registry id: published without a share page or PDF`)
      const { sharePreviewSvg } = previews.size === 0 ? { sharePreviewSvg: undefined } : await import('../site/share-preview-svg.js')
      for (const [name, card] of previews) {
        const path = `previews/${name}`
        const input = sha256(sharePreviewSvg!(card))
        if (derived.carry(path, input)) continue
        const { renderSharePreviewPng } = await import('../site/share-preview.js')
        const png = await renderSharePreviewPng(card)
        write(path, png)
        derived.wrote(path, input, png)
      }
      derived.save(write)
      const sorted = [...courses.values()].sort((a, b) => a.title.localeCompare(b.title))
      return { pdfs, pdfsWritten, sharePages, previews: previews.size, courses: sorted }
    },

    async abort() {
      await pool?.close()
    },
  }
}

function pdfRenderOptions(options: PublishOptions): RenderCertificatePdfOptions {
  const given = options.pdfOptions ?? {}
  const out: RenderCertificatePdfOptions = {}
  if (given.languages !== undefined) out.languages = parseLanguages(given.languages, 'publish pdfOptions.languages')
  if (given.branding !== undefined) out.branding = given.branding
  if (given.timeZone !== undefined) out.timeZone = given.timeZone
  return out
}

function brandingKey(options: RenderCertificatePdfOptions): unknown {
  const branding = options.branding
  if (branding === undefined) return null
  return [branding.accentColor ?? null, branding.signatory ?? null, branding.logo === undefined ? null : sha256(branding.logo)]
}

/**
 * A certificate that exercises every part of the layout (both pages' headings, facts, lists, QR code, attachment),
 * as an unsigned compact JWS: only its rendering matters, never its signature.
 */
function fingerprintJwt(registry: string): string {
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    id: `${registry}/credentials/${FINGERPRINT_ID}`,
    name: 'Řízení rizik · Διαχείριση κινδύνου · Управление на риска',
    issuer: { id: 'did:web:fingerprint.invalid', name: 'Fingerprint University', address: { addressCountryCode: 'CZ' } },
    validFrom: '2026-01-15T09:00:00Z',
    validUntil: '2031-01-15T09:00:00Z',
    credentialSubject: {
      identifier: [{ identityType: 'name', hashed: false, identityHash: 'Žofie Ďurčenková-Šťastná' }],
      achievement: {
        id: 'https://fingerprint.invalid/courses/risk',
        name: 'Řízení rizik · Διαχείριση κινδύνου · Управление на риска',
        ectsCredits: 4,
        volumeOfLearning: 'PT100H',
        alignment: [{ targetType: 'ext:EQFLevel', targetCode: '6', targetName: 'EQF 6', targetUrl: 'http://data.europa.eu/snb/eqf/6' }],
        learningOutcome: Array.from({ length: 40 }, (_, i) => `Outcome ${i + 1}: ĉ ġ ħ ż ș ț ő ű — αβγ — бвг`),
        typeOfAssessment: ['written examination'],
        formOfParticipation: 'blended',
        qualityAssurance: [{ name: 'Institutional accreditation', qaBody: 'National Accreditation Bureau' }],
      },
      result: [{ value: 'A' }],
    },
  }
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'ES256', typ: 'JWT' })}.${part(credential)}.${'A'.repeat(86)}`
}
