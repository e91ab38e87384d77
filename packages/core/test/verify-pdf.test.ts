// verifyCredential of a PDF certificate's bytes (issue 11): the credential attached to it is extracted and verified; a
// PDF without one, with several, encrypted or damaged gets its own code. PDFs made with pdf-lib, as any tool would.
import { randomBytes } from 'node:crypto'
import { AFRelationship, PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import { signDataIntegrity } from '../src/data-integrity/index.js'
import { signCredential } from '../src/sign-credential.js'
import { verifyCredential } from '../src/verify-credential.js'
import { CREDENTIAL_ID, ISSUER, NOW, deterministicInput, signers, staticResolver } from './helpers.js'

const encoder = new TextEncoder()

async function pdfWith(files: { name: string; data: string; mimeType?: string }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.addPage()
  for (const file of files) {
    await doc.attach(encoder.encode(file.data), file.name, { ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }), afRelationship: AFRelationship.Source })
  }
  return doc.save()
}

const credential = () => buildCredential(deterministicInput(), { id: CREDENTIAL_ID, now: NOW })
const options = { now: NOW, resolver: staticResolver(), trustedIssuers: [ISSUER] }

describe('verifyCredential of a PDF', () => {
  it('extracts the attached VC-JWT and verifies it, saying where the credential came from', async () => {
    const pdf = await pdfWith([{ name: 'MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt', data: await signCredential(credential(), await signers.ed()), mimeType: 'application/vc+jwt' }])
    const result = await verifyCredential(pdf, options)
    expect(result).toMatchObject({ status: 'verified', certificateId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K', source: { type: 'pdf', name: 'MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt', mediaType: 'application/vc+jwt', relationship: 'Source' } })
    expect(result.checks[0]).toMatchObject({ id: 'format', outcome: 'passed', message: 'A VC-JWT (compact JWS) attached to the PDF as "MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt"' })
  })

  it('verifies an attached Data Integrity credential (JSON) through its lazy chunk', async () => {
    const signed = await signDataIntegrity(credential(), await signers.ed(), { created: NOW })
    const result = await verifyCredential(await pdfWith([{ name: 'credential.json', data: JSON.stringify(signed), mimeType: 'application/vc+ld+json' }]), options)
    expect(result).toMatchObject({ status: 'verified', source: { type: 'pdf', name: 'credential.json' } })
    expect(result.checks[1]!.details).toMatchObject({ proof: { cryptosuite: 'eddsa-rdfc-2022' } })
  })

  it('reports a forged attachment like any forged credential (ERR_SIGNATURE_INVALID)', async () => {
    const jwt = await signCredential(credential(), await signers.ed())
    const [header, payload, signature] = jwt.split('.') as [string, string, string]
    const changed = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { name: string }
    changed.name = 'Something else'
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`
    const result = await verifyCredential(await pdfWith([{ name: 'credential.jwt', data: forged }]), options)
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_SIGNATURE_INVALID' }, source: { type: 'pdf' } })
  })

  it('reports a PDF without an attached credential as ERR_PDF_CREDENTIAL_MISSING', async () => {
    const result = await verifyCredential(await pdfWith([]), options)
    expect(result).toMatchObject({ verified: false, status: 'failed', reason: { check: 'format', code: 'ERR_PDF_CREDENTIAL_MISSING' }, source: { type: 'pdf' }, profile: 'micro-credential' })
    expect(result.checks.map((c) => [c.id, c.outcome])).toEqual([
      ['format', 'failed'], ['signature', 'skipped'], ['issuer', 'skipped'], ['schema', 'skipped'], ['trust', 'skipped'], ['validity', 'skipped'], ['status', 'skipped'],
    ])
  })

  it('reports a PDF with two credentials as ERR_PDF_CREDENTIAL_AMBIGUOUS, naming them', async () => {
    const first = await signCredential(credential(), await signers.ed())
    const second = await signCredential(credential(), await signers.es())
    const result = await verifyCredential(await pdfWith([{ name: 'a.jwt', data: first }, { name: 'b.jwt', data: second }]), options)
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'format', code: 'ERR_PDF_CREDENTIAL_AMBIGUOUS' } })
    expect(result.checks[0]!.details).toEqual({ names: ['a.jwt', 'b.jwt'] })
  })

  it('reports a damaged PDF as ERR_PDF_MALFORMED and one over the PDF size limit as ERR_INPUT_TOO_LARGE', async () => {
    const broken = encoder.encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF junk')
    expect(await verifyCredential(broken, options)).toMatchObject({ status: 'failed', reason: { check: 'format' } })
    const pdf = await pdfWith([{ name: 'credential.jwt', data: await signCredential(credential(), await signers.ed()) }])
    expect(await verifyCredential(pdf, { ...options, maxPdfBytes: 100 })).toMatchObject({ status: 'failed', reason: { check: 'format', code: 'ERR_INPUT_TOO_LARGE' } })
  })

  it('takes a PDF larger than maxBytes (1 MiB, the credential limit) up to maxPdfBytes', async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    await doc.attach(new Uint8Array(randomBytes(1_200_000)), 'scan.png', { mimeType: 'image/png' })
    await doc.attach(encoder.encode(await signCredential(credential(), await signers.ed())), 'credential.jwt', { mimeType: 'application/vc+jwt' })
    const pdf = await doc.save()
    expect(pdf.byteLength).toBeGreaterThan(1024 * 1024)
    expect((await verifyCredential(pdf, options)).status).toBe('verified')
  })
})
