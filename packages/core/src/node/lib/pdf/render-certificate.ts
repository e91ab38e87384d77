import { PDFDocument, rgb, type PDFImage, type RGB } from 'pdf-lib'
import { MicrocertError } from '../../../errors.js'
import { credentialUrls } from '../credential-urls.js'
import { credentialView, type CredentialView } from '../credential-view.js'
import { defaultLanguages, parseLanguages } from '../i18n/eu-languages.js'
import { formatter, type Formatter } from '../i18n/format.js'
import type { Messages } from '../i18n/messages.js'
import { readSignedCredential } from '../read-signed-credential.js'
import { attachCredential } from './attach-credential.js'
import { drawQrCode } from './draw-qr-code.js'
import { fontBytes, pdfFontkit } from './fonts.js'
import { A4, FAINT, INK, Layout, MUTED, widthOf, wrapText, type Fonts } from './layout.js'
import { useNativeDeflate } from './native-deflate.js'

import type { CertificateBranding, RenderCertificatePdfOptions } from '../../render-certificate-pdf.js'

const DEFAULT_ACCENT = '#1d3f73'
const MARGIN = 50
const WIDTH = A4.width - 2 * MARGIN
const FOOTER_TOP = 200

useNativeDeflate()

/** The work of `renderCertificatePdf`, loaded on first use (pdf-lib, fontkit and the fonts stay out of `@microcert/core/node` until then). */
export async function renderCertificate(signedCredential: string, options: RenderCertificatePdfOptions = {}): Promise<Uint8Array> {
  const signed = readSignedCredential(signedCredential)
  const { credential } = signed
  const view = credentialView(credential)
  const issues: string[] = []
  if (view.learner === undefined) issues.push('credentialSubject.identifier: the learner has no name (identityType "name") to print')
  if (view.title === undefined) issues.push('credentialSubject.achievement.name: the credential has no title to print')
  if (issues.length > 0) {
    throw new MicrocertError('ERR_INPUT_INVALID', `The credential cannot be printed: ${issues[0]}`, { details: { issues } })
  }
  const urls = credentialUrls(view.credentialId)
  const verificationUrl = options.verificationUrl ?? urls?.verify
  if (verificationUrl === undefined || !/^https?:\/\/\S+$/.test(verificationUrl)) {
    throw new TypeError(
      'renderCertificatePdf: options.verificationUrl must be an http(s) URL (required when the credential id is not <registry>/credentials/<ID>)',
    )
  }
  const languages = options.languages === undefined ? defaultLanguages(view.country) : parseLanguages(options.languages, 'renderCertificatePdf languages')
  const accent = parseColor(options.branding?.accentColor ?? DEFAULT_ACCENT)
  const created = options.now ?? new Date(Date.parse(String(credential['validFrom'])) || 0)
  if (Number.isNaN(created.getTime())) throw new TypeError('renderCertificatePdf: options.now must be a valid Date')
  const text = languages.map((lang) => formatter(lang, options.timeZone))

  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.registerFontkit(pdfFontkit)
  // A fixed subset tag keeps the output byte-identical across runs (pdf-lib would add a random suffix).
  const fonts: Fonts = {
    regular: await doc.embedFont(fontBytes('regular'), { subset: true, customName: 'MCRTAA+NotoSans-Regular' }),
    bold: await doc.embedFont(fontBytes('bold'), { subset: true, customName: 'MCRTAB+NotoSans-Bold' }),
    italic: await doc.embedFont(fontBytes('italic'), { subset: true, customName: 'MCRTAC+NotoSans-Italic' }),
  }
  const logo = await embedLogo(doc, options.branding?.logo ?? dataUriImage(view.issuerImage))
  const certificateId = urls?.certificateId

  const layout = new Layout(doc, fonts, (l) => {
    l.page.drawRectangle({ x: 0, y: A4.height - 10, width: A4.width, height: 10, color: accent })
    l.page.drawRectangle({ x: 20, y: 20, width: A4.width - 40, height: A4.height - 46, borderColor: accent, borderWidth: 0.5, borderOpacity: 0.35 })
    if (l.pages.length === 1) {
      l.y = A4.height - 44
      l.bottom = FOOTER_TOP + 10
      return
    }
    const running = [certificateId, view.learner, view.title].filter((part) => part !== undefined).join(' · ')
    l.y = A4.height - 34
    l.block(wrapText(running, fonts.regular, 7, WIDTH - 180).slice(0, 1), { font: fonts.regular, size: 7, color: FAINT }, MARGIN, WIDTH - 180)
    l.y -= 16
    l.bottom = 64
  })
  layout.newPage()
  drawHeader(layout, view, logo, text)
  drawCentrePiece(layout, view, text, accent)
  drawFacts(layout, view, text)
  drawList(layout, 'learningOutcomes', view.learningOutcomes, text, true)
  drawList(layout, 'qualityAssurance', view.qualityAssurance, text, false)
  if (options.walletOffer !== undefined && (typeof options.walletOffer !== 'string' || !/^openid-credential-offer:\/\/\S+$/.test(options.walletOffer))) {
    throw new TypeError('renderCertificatePdf: options.walletOffer must be an openid-credential-offer:// URI')
  }
  drawFooters(layout, { certificateId, verificationUrl, walletOffer: options.walletOffer, signatory: options.branding?.signatory, text, accent })

  const primary = text[0]!
  doc.setTitle(`${view.title} — ${view.learner}`)
  doc.setSubject(primary.messages.certificateHeading)
  if (view.issuerName !== undefined) doc.setAuthor(view.issuerName)
  doc.setKeywords([primary.messages.certificateHeading, 'EU micro-credential', 'Open Badges 3.0', ...(certificateId === undefined ? [] : [certificateId])])
  doc.setCreator('microcert')
  doc.setProducer('microcert (pdf-lib)')
  doc.setLanguage(primary.lang)
  doc.setCreationDate(created)
  doc.setModificationDate(created)
  const jwt = signed.format === 'jwt'
  attachCredential(doc, new TextEncoder().encode(signed.text), {
    name: `${certificateId ?? 'credential'}.${jwt ? 'jwt' : 'json'}`,
    mediaType: jwt ? 'application/vc+jwt' : 'application/vc',
    description: `The signed micro-credential (${jwt ? 'VC-JWT' : 'Data Integrity proof'}, Open Badges 3.0) this certificate shows`,
    date: created,
  })
  return doc.save({ useObjectStreams: true })
}

function parseColor(value: string): RGB {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value)
  if (match === null) throw new TypeError(`renderCertificatePdf: branding.accentColor must be "#rrggbb", got "${value}"`)
  return rgb(parseInt(match[1]!, 16) / 255, parseInt(match[2]!, 16) / 255, parseInt(match[3]!, 16) / 255)
}

function dataUriImage(image: string | undefined): Uint8Array | undefined {
  const match = image === undefined ? null : /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(image)
  return match === null ? undefined : new Uint8Array(Buffer.from(match[1]!, 'base64'))
}

async function embedLogo(doc: PDFDocument, bytes: Uint8Array | undefined): Promise<PDFImage | undefined> {
  if (bytes === undefined) return undefined
  if (!(bytes instanceof Uint8Array)) throw new TypeError('renderCertificatePdf: branding.logo must be a Uint8Array (PNG or JPEG bytes)')
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8
  try {
    if (png) return await doc.embedPng(bytes)
    if (jpeg) return await doc.embedJpg(bytes)
  } catch (cause) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The logo image is damaged and cannot be embedded', { cause, details: { issues: ['branding.logo: a damaged image'] } })
  }
  throw new MicrocertError('ERR_INPUT_INVALID', 'The logo must be a PNG or JPEG image', { details: { issues: ['branding.logo: not a PNG or JPEG image'] } })
}

/** The message of `key` in the main language, and in the others (skipping repeats) joined by " · ". */
function both(text: readonly Formatter[], pick: (messages: Messages, f: Formatter) => string): { main: string; others: string } {
  const [main, ...rest] = text.map((f) => pick(f.messages, f))
  return { main: main!, others: [...new Set(rest)].filter((value) => value !== main).join(' · ') }
}

function drawHeader(layout: Layout, view: CredentialView, logo: PDFImage | undefined, text: readonly Formatter[]): void {
  const { fonts } = layout
  const top = layout.y
  let textX = MARGIN
  let textWidth = WIDTH
  let align: 'left' | 'right' = 'left'
  if (logo !== undefined) {
    const scale = Math.min(52 / logo.height, 170 / logo.width, 1)
    layout.page.drawImage(logo, { x: MARGIN, y: top - logo.height * scale, width: logo.width * scale, height: logo.height * scale })
    textX = MARGIN + logo.width * scale + 20
    textWidth = A4.width - MARGIN - textX
    align = 'right'
  }
  const bodies = view.awardingBodies.length > 0 ? view.awardingBodies : [view.issuerName ?? '']
  layout.block(bodies.flatMap((name) => wrapText(name, fonts.bold, 12, textWidth)).slice(0, 4), { font: fonts.bold, size: 12, align }, textX, textWidth)
  if (view.country !== undefined) {
    const country = both(text, (_, f) => f.country(view.country!))
    const line = country.others === '' ? country.main : `${country.main} · ${country.others}`
    layout.block(wrapText(line, fonts.regular, 9, textWidth), { font: fonts.regular, size: 9, color: MUTED, align }, textX, textWidth)
  }
  layout.y = Math.min(layout.y, top - 52) - 34
}

function drawCentrePiece(layout: Layout, view: CredentialView, text: readonly Formatter[], accent: RGB): void {
  const { fonts } = layout
  const main = text[0]!
  const pair = (pick: (m: Messages) => string, size: number, gapAfter: number) => {
    const value = both(text, pick)
    layout.paragraph(value.main, { font: fonts.regular, size, align: 'center' }, MARGIN, WIDTH)
    if (value.others !== '') layout.paragraph(value.others, { font: fonts.italic, size: size - 2.5, color: MUTED, align: 'center' }, MARGIN, WIDTH)
    layout.y -= gapAfter
  }
  const heading = both(text, (m) => m.certificateHeading)
  layout.paragraph(heading.main.toLocaleUpperCase(main.lang), { font: fonts.bold, size: 12, color: accent, align: 'center' }, MARGIN, WIDTH)
  if (heading.others !== '') layout.paragraph(heading.others, { font: fonts.italic, size: 9, color: MUTED, align: 'center' }, MARGIN, WIDTH)
  layout.y -= 26
  pair((m) => m.certifiesThat, 11, 12)
  const learnerSize = layout.fit(view.learner!, fonts.bold, 26, 14, WIDTH, 2)
  layout.paragraph(view.learner!, { font: fonts.bold, size: learnerSize, leading: 1.2, align: 'center' }, MARGIN, WIDTH)
  layout.y -= 10
  pair((m) => m.hasCompleted, 11, 12)
  const titleSize = layout.fit(view.title!, fonts.bold, 19, 11, WIDTH, 3)
  layout.paragraph(view.title!, { font: fonts.bold, size: titleSize, leading: 1.2, color: accent, align: 'center' }, MARGIN, WIDTH)
  layout.y -= 16
  layout.page.drawLine({ start: { x: MARGIN, y: layout.y }, end: { x: A4.width - MARGIN, y: layout.y }, thickness: 0.6, color: FAINT })
  layout.y -= 16
}

interface Fact {
  label: { main: string; others: string }
  value: string
  /** The value in the other languages, when it is itself language-dependent (a date, a country). */
  others?: string
}

function drawFacts(layout: Layout, view: CredentialView, text: readonly Formatter[]): void {
  const facts: Fact[] = []
  const add = (pick: (m: Messages) => string, value: { main: string; others: string } | string | undefined) => {
    if (value === undefined) return
    const label = both(text, pick)
    facts.push(typeof value === 'string' ? { label, value } : { label, value: value.main, others: value.others })
  }
  add((m) => m.issuedOn, view.issuedOn === undefined ? undefined : both(text, (_, f) => f.date(view.issuedOn!)))
  add(
    (m) => m.workload,
    view.ects === undefined && view.hours === undefined
      ? undefined
      : both(text, (m, f) =>
          [view.ects === undefined ? '' : f.plural(m.ectsCredits, view.ects), view.hours === undefined ? '' : f.plural(m.hours, view.hours)]
            .filter((part) => part !== '')
            .join(' · '),
        ),
  )
  add((m) => m.eqfLevel, view.eqfLevel)
  add(
    (m) => m.participation,
    view.participation === undefined
      ? undefined
      : both(text, (m) => m.participationForms[view.participation as keyof Messages['participationForms']] ?? view.participation!),
  )
  if (view.participationNote !== undefined && facts.length > 0 && view.participation !== undefined) {
    facts[facts.length - 1]!.value += ` — ${view.participationNote}`
  }
  add((m) => m.assessment, view.assessment.length === 0 ? undefined : view.assessment.join('; '))
  add((m) => m.grade, view.grade)
  add((m) => m.validUntil, view.validUntil === undefined ? undefined : both(text, (_, f) => f.date(view.validUntil!)))

  const { fonts } = layout
  const columns = 3
  const gap = 18
  const cellWidth = (WIDTH - gap * (columns - 1)) / columns
  for (let row = 0; row < facts.length; row += columns) {
    const cells = facts.slice(row, row + columns).map((fact) => ({
      label: wrapText(fact.label.main.toLocaleUpperCase(text[0]!.lang), fonts.bold, 7, cellWidth),
      labelOthers: fact.label.others === '' ? [] : wrapText(fact.label.others, fonts.italic, 7, cellWidth),
      value: wrapText(fact.value, fonts.regular, 10, cellWidth).slice(0, 6),
      valueOthers: fact.others === undefined || fact.others === '' ? [] : wrapText(fact.others, fonts.italic, 8, cellWidth).slice(0, 3),
    }))
    const height = Math.max(...cells.map((c) => (c.label.length + c.labelOthers.length) * 9.1 + 3 + c.value.length * 13 + c.valueOthers.length * 10.4))
    layout.ensure(height)
    const top = layout.y
    cells.forEach((cell, index) => {
      const x = MARGIN + index * (cellWidth + gap)
      layout.y = top
      layout.block(cell.label, { font: fonts.bold, size: 7, color: MUTED }, x, cellWidth)
      layout.block(cell.labelOthers, { font: fonts.italic, size: 7, color: FAINT }, x, cellWidth)
      layout.y -= 3
      layout.block(cell.value, { font: fonts.regular, size: 10 }, x, cellWidth)
      layout.block(cell.valueOthers, { font: fonts.italic, size: 8, color: MUTED }, x, cellWidth)
    })
    layout.y = top - height - 12
  }
}

/** A labelled list that flows onto further pages, entry by entry and line by line; never cut. */
function drawList(layout: Layout, key: 'learningOutcomes' | 'qualityAssurance', items: readonly string[], text: readonly Formatter[], bullets: boolean): void {
  if (items.length === 0) return
  const { fonts } = layout
  const heading = (continued: boolean) => {
    const label = both(text, (m) => (continued && key === 'learningOutcomes' ? m.learningOutcomesContinued : m[key]))
    layout.block(wrapText(label.main.toLocaleUpperCase(text[0]!.lang), fonts.bold, 7.5, WIDTH), { font: fonts.bold, size: 7.5, color: MUTED }, MARGIN, WIDTH)
    if (label.others !== '') layout.block(wrapText(label.others, fonts.italic, 7.5, WIDTH), { font: fonts.italic, size: 7.5, color: FAINT }, MARGIN, WIDTH)
    layout.y -= 4
  }
  const style = { font: fonts.regular, size: 9.5, leading: 1.32 }
  const line = layout.lineHeight(style)
  const indent = bullets ? 12 : 0
  // the heading never stands alone at the bottom of a page
  layout.ensure(24 + line * 2)
  heading(false)
  for (const item of items) {
    const lines = wrapText(item, fonts.regular, style.size, WIDTH - indent)
    // an entry that fits on a page is kept together; a longer one flows line by line
    if (lines.length * line < 300 && layout.ensure(lines.length * line)) heading(true)
    lines.forEach((text, index) => {
      if (layout.ensure(line)) heading(true)
      if (bullets && index === 0) layout.page.drawText('•', { x: MARGIN + 2, y: layout.y - style.size, size: style.size, font: fonts.regular, color: INK })
      layout.block([text], style, MARGIN + indent, WIDTH - indent)
    })
    layout.y -= 3
  }
  layout.y -= 10
}

function drawFooters(
  layout: Layout,
  options: {
    certificateId: string | undefined
    verificationUrl: string
    walletOffer: string | undefined
    signatory: CertificateBranding['signatory']
    text: readonly Formatter[]
    accent: RGB
  },
): void {
  const { fonts, pages } = layout
  const { text, certificateId, verificationUrl, walletOffer, signatory, accent } = options
  const first = pages[0]!
  const qrSize = 104
  const qrX = A4.width - MARGIN - qrSize + 6
  // the learner's own copy has a second code, left of the verification one
  const walletX = qrX - qrSize - 4
  const leftWidth = WIDTH - qrSize - 16 - (walletOffer === undefined ? 0 : qrSize + 4)
  layout.page = first

  // signature line, name and role
  if (signatory !== undefined) {
    if (typeof signatory !== 'object' || typeof signatory.name !== 'string') throw new TypeError('renderCertificatePdf: branding.signatory must be { name, role? }')
    layout.y = FOOTER_TOP - 6
    first.drawLine({ start: { x: MARGIN, y: layout.y }, end: { x: MARGIN + 190, y: layout.y }, thickness: 0.6, color: INK })
    layout.y -= 4
    layout.block(wrapText(signatory.name, fonts.bold, 9.5, leftWidth).slice(0, 2), { font: fonts.bold, size: 9.5 }, MARGIN, leftWidth)
    if (signatory.role !== undefined) layout.block(wrapText(signatory.role, fonts.regular, 8.5, leftWidth).slice(0, 2), { font: fonts.regular, size: 8.5, color: MUTED }, MARGIN, leftWidth)
  }

  // certificate ID in large type, and where to check it
  layout.y = 124
  if (certificateId !== undefined) {
    const label = both(text, (m) => m.certificateId)
    layout.block([`${label.main.toLocaleUpperCase(text[0]!.lang)}${label.others === '' ? '' : ` · ${label.others}`}`], { font: fonts.bold, size: 7, color: MUTED }, MARGIN, leftWidth)
    layout.y -= 2
    const idSize = layout.fit(certificateId, fonts.bold, 21, 12, leftWidth, 1)
    layout.block([certificateId], { font: fonts.bold, size: idSize, color: accent }, MARGIN, leftWidth)
    layout.y -= 4
  }
  const scan = both(text, (m) => m.scanToVerify)
  layout.block(wrapText(`${scan.main}${scan.others === '' ? '' : ` · ${scan.others}`}:`, fonts.regular, 7.5, leftWidth), { font: fonts.regular, size: 7.5, color: MUTED }, MARGIN, leftWidth)
  layout.block(wrapText(verificationUrl, fonts.regular, 7.5, leftWidth).slice(0, 2), { font: fonts.regular, size: 7.5, color: INK }, MARGIN, leftWidth)
  drawQrCode(first, verificationUrl, qrX, 48, qrSize - 6)
  if (walletOffer !== undefined) {
    drawQrCode(first, walletOffer, walletX, 48, qrSize - 6)
    // above the code: what it does, and that it is the learner's alone
    const messages = text[0]!.messages
    const label = wrapText(messages.addToWallet.toLocaleUpperCase(text[0]!.lang), fonts.bold, 7, qrSize - 6).slice(0, 2)
    const personal = wrapText(messages.walletPrivate, fonts.regular, 6, qrSize - 6).slice(0, 4)
    layout.y = 48 + (qrSize - 6) + 6 + label.length * 9.1 + personal.length * 7.8
    layout.block(label, { font: fonts.bold, size: 7, color: accent }, walletX, qrSize - 6)
    layout.block(personal, { font: fonts.regular, size: 6, color: MUTED }, walletX, qrSize - 6)
  }

  // what rides inside the PDF, in every language
  const note = text.map((f) => f.messages.attachedNote)
  layout.y = 40
  layout.block(wrapText([...new Set(note)].join(' '), fonts.regular, 6.5, WIDTH - qrSize).slice(0, 3), { font: fonts.regular, size: 6.5, color: FAINT, leading: 1.25 }, MARGIN, WIDTH - qrSize)

  // page numbers (top right), only when there is more than one page; later pages repeat where to verify
  if (pages.length > 1) {
    pages.forEach((page, index) => {
      const label = both(text, (m, f) => f.fill(m.pageOf, { page: f.number(index + 1), pages: f.number(pages.length) }))
      const line = label.others === '' ? label.main : `${label.main} · ${label.others}`
      const width = widthOf(fonts.regular, line, 7)
      page.drawText(line, { x: A4.width - MARGIN - width, y: A4.height - 41, size: 7, font: fonts.regular, color: FAINT })
      if (index > 0) {
        const where = wrapText(`${scan.main}: ${verificationUrl}`, fonts.regular, 7, WIDTH)[0]!
        page.drawText(where, { x: MARGIN, y: 34, size: 7, font: fonts.regular, color: FAINT })
      }
    })
  }
}
