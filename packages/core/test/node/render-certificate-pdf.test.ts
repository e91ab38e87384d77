import { fileURLToPath } from 'node:url'
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildCredential, extractCredentialFromPdf, MicrocertError, signCredential, verifyCredential } from '../../src/index.js'
import { renderCertificatePdf } from '../../src/node/index.js'
import { renderSharePreviewPng } from '../../src/node/site/share-preview.js'
import { CREDENTIAL_ID, fullInput, ISSUER, NOW, signers, staticResolver } from '../helpers.js'
import { decodeQrOnPage, pdfdetachList, pdftotext, renderPng, saveScreenshot } from './pdf-tools.js'

const VERIFY_URL = 'https://credentials.uni-example.cz/verify/?id=MC-7KQ4-9XJ2-PM3A-W8TD-K'

async function signed(change: (input: ReturnType<typeof fullInput>) => void = () => {}, id = CREDENTIAL_ID): Promise<string> {
  const input = fullInput()
  change(input)
  return signCredential(buildCredential(input, { id, now: NOW }), await signers.es())
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<MicrocertError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MicrocertError)
  expect((error as MicrocertError).code).toBe(code)
  return error as MicrocertError
}

// Rendering and poppler round trips take seconds on a loaded machine.
describe('renderCertificatePdf', { timeout: 60_000 }, () => {
  it('prints every EU element in Czech and English, parses back with pdf-lib and poppler, and carries the QR code to the verification page', async () => {
    const jwt = await signed()
    const pdf = await renderCertificatePdf(jwt, {
      languages: 'cs,en',
      branding: { signatory: { name: 'prof. RNDr. Jana Dvořáková, Ph.D.', role: 'rektorka · Rector' } },
    })
    const doc = await PDFDocument.load(pdf)
    expect(doc.getPageCount()).toBe(1)
    const { width, height } = doc.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
    expect(doc.getTitle()).toBe('Applied Data Ethics — Jana Nováková')

    const text = pdftotext(pdf)
    for (const expected of [
      'OSVĚDČENÍ O MIKROCERTIFIKÁTU',
      'Micro-credential certificate',
      'Jana Nováková',
      'Applied Data Ethics',
      'Univerzita Příkladová',
      'Česko · Czechia',
      '15. června 2026',
      '15 June 2026',
      '3 kredity ECTS · 75 hodin',
      '3 ECTS credits · 75 hours',
      'ÚROVEŇ EQF',
      'kombinovaně (online i',
      'written examination; project',
      'Applies core ethical frameworks to data-driven decision making',
      'Evaluates bias and fairness risks in a dataset',
      'Institutional accreditation 2024 (National Accreditation Bureau for Higher Education (NAU))',
      'prof. RNDr. Jana Dvořáková, Ph.D.',
      'MC-7KQ4-9XJ2-PM3A-W8TD-K',
      VERIFY_URL,
    ]) {
      expect(text).toContain(expected)
    }
    expect(decodeQrOnPage(pdf)).toBe(VERIFY_URL)
    saveScreenshot('certificate-page-1.png', renderPng(pdf, 110), fileURLToPath(new URL('../../docs/certificate-page-1.png', import.meta.url)))
  })

  it('attaches the signed credential (PDF/A-3 style, AFRelationship Source), which extracts and verifies', async () => {
    const jwt = await signed()
    const pdf = await renderCertificatePdf(jwt)
    expect(pdfdetachList(pdf)).toContain('MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt')
    const doc = await PDFDocument.load(pdf)
    const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray)
    const spec = af.lookup(0, PDFDict)
    expect(spec.get(PDFName.of('AFRelationship'))).toBe(PDFName.of('Source'))
    const extracted = await extractCredentialFromPdf(pdf)
    expect(extracted).toEqual({
      credential: jwt,
      format: 'jwt',
      name: 'MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt',
      mediaType: 'application/vc+jwt',
      relationship: 'Source',
    })
    const result = await verifyCredential(extracted.credential, { now: NOW, resolver: staticResolver(), trustedIssuers: [ISSUER] })
    expect(result.status).toBe('verified')
  })

  it('prints Greek and Bulgarian text (labels and values) that poppler reads back', async () => {
    const jwt = await signed((input) => {
      input.learner.name = 'Γεώργιος Παπαδόπουλος'
      input.achievement.title = 'Основи на киберсигурността'
      input.achievement.learningOutcomes = ['Разпознава заплахи за информационната сигурност', 'Εφαρμόζει βασικά μέτρα προστασίας']
    })
    const text = pdftotext(await renderCertificatePdf(jwt, { languages: ['el', 'bg'] }))
    for (const expected of [
      'Γεώργιος Παπαδόπουλος',
      'Основи на киберсигурността',
      'Разпознава заплахи за информационната сигурност',
      'Εφαρμόζει βασικά μέτρα προστασίας',
      'Πιστοποιείται ότι',
      'С настоящото се удостоверява, че',
      'ΜΑΘΗΣΙΑΚΑ ΑΠΟΤΕΛΕΣΜΑΤΑ', // Greek capitals drop their accents
      'Резултати от ученето',
      '3 πιστωτικές μονάδες ECTS',
      '3 кредита по ECTS',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('flows a long list of learning outcomes onto further pages without losing one', async () => {
    const outcomes = Array.from({ length: 70 }, (_, i) => `Outcome ${i + 1}: explains a trade-off of data-driven decisions to stakeholders in plain words, with an example`)
    const jwt = await signed((input) => {
      input.achievement.learningOutcomes = outcomes
    })
    const pdf = await renderCertificatePdf(jwt, { languages: 'en' })
    const doc = await PDFDocument.load(pdf)
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2)
    const text = pdftotext(pdf).replace(/\s+/g, ' ')
    for (const outcome of outcomes) expect(text).toContain(outcome)
    expect(text).toContain('LEARNING OUTCOMES (CONTINUED)')
    expect(text).toContain(`Page 1 of ${doc.getPageCount()}`)
    // the certificate ID and QR code stay on page 1
    expect(decodeQrOnPage(pdf)).toBe(VERIFY_URL)
  })

  it('gives the same bytes for the same credential and options (fixed metadata dates, fixed subset tags)', async () => {
    const jwt = await signed()
    const a = await renderCertificatePdf(jwt, { now: new Date('2026-07-01T00:00:00Z') })
    const b = await renderCertificatePdf(jwt, { now: new Date('2026-07-01T00:00:00Z') })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    expect((await PDFDocument.load(a, { updateMetadata: false })).getCreationDate()?.toISOString()).toBe('2026-07-01T00:00:00.000Z')
  })

  it('draws a PNG logo and an accent colour from the branding options', async () => {
    const logo = await renderSharePreviewPng({ title: 'UP', issuerName: 'Logo', host: 'uni.example', lang: 'en' })
    const pdf = await renderCertificatePdf(await signed(), { branding: { logo, accentColor: '#8a1538' } })
    const doc = await PDFDocument.load(pdf)
    const resources = doc.getPage(0).node.Resources()!
    expect(resources.lookup(PDFName.of('XObject'), PDFDict).keys().length).toBe(1)
    expect(pdftotext(pdf)).toContain('Jana Nováková')
  })

  it('reports ERR_INPUT_INVALID for a logo that is not PNG or JPEG, and for a credential without a learner name', async () => {
    const jwt = await signed()
    const error = await expectCode(renderCertificatePdf(jwt, { branding: { logo: new TextEncoder().encode('GIF89a…') } }), 'ERR_INPUT_INVALID')
    expect(error.details?.['issues']).toEqual(['branding.logo: not a PNG or JPEG image'])
    const noName = await signCredential(
      { ...buildCredential(fullInput(), { id: CREDENTIAL_ID }), credentialSubject: { type: ['AchievementSubject'], achievement: { name: 'X' } } } as never,
      await signers.es(),
    )
    await expectCode(renderCertificatePdf(noName), 'ERR_INPUT_INVALID')
  })

  it('reports ERR_JWS_MALFORMED for text that is not a signed credential', async () => {
    await expectCode(renderCertificatePdf('not.a.jwt'), 'ERR_JWS_MALFORMED')
    // JSON is read as a Data Integrity credential: it must parse and carry a proof
    await expectCode(renderCertificatePdf('{"type": ["VerifiableCredential"'), 'ERR_JSON_MALFORMED')
    await expectCode(renderCertificatePdf('{"type": ["VerifiableCredential"]}'), 'ERR_INPUT_INVALID')
  })

  it('throws TypeError for unknown languages, a malformed colour, and a credential outside a registry without verificationUrl', async () => {
    const jwt = await signed()
    await expect(renderCertificatePdf(jwt, { languages: 'cs,xx' })).rejects.toThrow(/"xx" is not one of the 24 EU languages/)
    await expect(renderCertificatePdf(jwt, { branding: { accentColor: 'red' } })).rejects.toThrow(TypeError)
    const outside = await signed(() => {}, 'urn:uuid:5b6f2a52-3d9e-4a7c-9b1e-2f0c8d7e6a41')
    await expect(renderCertificatePdf(outside)).rejects.toThrow(/verificationUrl/)
    const pdf = await renderCertificatePdf(outside, { verificationUrl: 'https://uni.example/check' })
    expect(decodeQrOnPage(pdf)).toBe('https://uni.example/check')
  })
})
