import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import fc from 'fast-check'
import { AFRelationship, PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { buildCredential, extractCredentialFromPdf, isMicrocertError, MicrocertError, signCredential } from '../src/index.js'
import { CREDENTIAL_ID, fullInput, NOW, signers } from './helpers.js'

const encoder = new TextEncoder()

async function credentialJwt(title = 'Applied Data Ethics'): Promise<string> {
  const input = fullInput()
  input.achievement.title = title
  return signCredential(buildCredential(input, { id: CREDENTIAL_ID, now: NOW }), await signers.es())
}

async function pdfWith(files: { name: string; data: string | Uint8Array; mimeType?: string }[], useObjectStreams = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.addPage()
  for (const file of files) {
    await doc.attach(typeof file.data === 'string' ? encoder.encode(file.data) : file.data, file.name, {
      ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
      afRelationship: AFRelationship.Source,
    })
  }
  return doc.save({ useObjectStreams })
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

/** A PDF written by hand: objects in order, a classic xref table, and the trailer given. */
function handPdf(objects: (string | Uint8Array)[], trailer = '<< /Root 1 0 R >>'): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode('%PDF-1.7\n')]
  let offset = parts[0]!.length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(offset)
    const bytes = [encoder.encode(`${i + 1} 0 obj\n`), typeof body === 'string' ? encoder.encode(body) : body, encoder.encode('\nendobj\n')]
    for (const b of bytes) {
      parts.push(b)
      offset += b.length
    }
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n${trailer}\nstartxref\n${offset}\n%%EOF\n`
  parts.push(encoder.encode(xref))
  return Buffer.concat(parts)
}

function streamObject(dict: string, data: Uint8Array): Uint8Array {
  return Buffer.concat([encoder.encode(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, encoder.encode('\nendstream')])
}

// The bomb cases compress 200 MB first: seconds on a loaded machine.
describe('extractCredentialFromPdf', { timeout: 60_000 }, () => {
  it('finds a VC-JWT attached with pdf-lib, with and without object streams', async () => {
    const jwt = await credentialJwt()
    for (const useObjectStreams of [true, false]) {
      const pdf = await pdfWith([{ name: 'credential.jwt', data: jwt, mimeType: 'application/vc+jwt' }], useObjectStreams)
      expect(await extractCredentialFromPdf(pdf)).toEqual({
        credential: jwt,
        format: 'jwt',
        name: 'credential.jwt',
        mediaType: 'application/vc+jwt',
        relationship: 'Source',
      })
    }
  })

  it('finds a credential attached by poppler’s pdfattach (uncompressed, no media type)', async () => {
    const jwt = await credentialJwt()
    const dir = mkdtempSync(join(tmpdir(), 'microcert-attach-'))
    try {
      writeFileSync(join(dir, 'plain.pdf'), await pdfWith([]))
      writeFileSync(join(dir, 'mój certyfikat.jwt'), `${jwt}\n`)
      execFileSync('pdfattach', [join(dir, 'plain.pdf'), join(dir, 'mój certyfikat.jwt'), join(dir, 'out.pdf')])
      const found = await extractCredentialFromPdf(new Uint8Array(readFileSync(join(dir, 'out.pdf'))))
      expect(found.credential).toBe(jwt)
      expect(found.name).toBe('mój certyfikat.jwt')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('finds a JSON credential and ignores attachments that are not credentials', async () => {
    const json = JSON.stringify(buildCredential(fullInput(), { id: CREDENTIAL_ID, now: NOW }))
    const pdf = await pdfWith([
      { name: 'logo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png' },
      { name: 'notes.txt', data: 'Bring the printed certificate.', mimeType: 'text/plain' },
      { name: 'token.jwt', data: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' },
      { name: 'credential.json', data: json, mimeType: 'application/json' },
    ])
    const found = await extractCredentialFromPdf(pdf)
    expect(found.format).toBe('json')
    expect(found.credential).toBe(json)
  })

  it('counts the same credential attached twice once', async () => {
    const jwt = await credentialJwt()
    const pdf = await pdfWith([
      { name: 'a.jwt', data: jwt },
      { name: 'b.jwt', data: `\n${jwt}\n` },
    ])
    expect((await extractCredentialFromPdf(pdf)).credential).toBe(jwt)
  })

  it('reports ERR_PDF_CREDENTIAL_AMBIGUOUS with the names when two different credentials are attached', async () => {
    const pdf = await pdfWith([
      { name: 'first.jwt', data: await credentialJwt('First') },
      { name: 'second.jwt', data: await credentialJwt('Second') },
    ])
    const error = await expectCode(extractCredentialFromPdf(pdf), 'ERR_PDF_CREDENTIAL_AMBIGUOUS')
    expect(error.details?.['names']).toEqual(['first.jwt', 'second.jwt'])
  })

  it('reports ERR_PDF_CREDENTIAL_MISSING for a PDF without attachments and for one whose attachments are no credentials', async () => {
    const none = await expectCode(extractCredentialFromPdf(await pdfWith([])), 'ERR_PDF_CREDENTIAL_MISSING')
    expect(none.message).toBe('The PDF has no attached files, so it carries no credential')
    const other = await expectCode(extractCredentialFromPdf(await pdfWith([{ name: 'cv.txt', data: 'Curriculum vitae' }])), 'ERR_PDF_CREDENTIAL_MISSING')
    expect(other.details).toEqual({ attachments: 1 })
  })

  it('reports ERR_PDF_MALFORMED for bytes that are not a PDF', async () => {
    await expectCode(extractCredentialFromPdf(encoder.encode('PK\u0003\u0004 a zip file')), 'ERR_PDF_MALFORMED')
    await expectCode(extractCredentialFromPdf(new Uint8Array(0)), 'ERR_PDF_MALFORMED')
  })

  it('reports ERR_PDF_MALFORMED for an attachment whose compressed data is damaged', async () => {
    const broken = new Uint8Array(deflateSync(Buffer.from(await credentialJwt())))
    broken.fill(0x41, 20, 60)
    const pdf = handPdf([
      '<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(c.jwt) 2 0 R] >> >> >>',
      '<< /Type /Filespec /F (c.jwt) /EF << /F 3 0 R >> >>',
      streamObject('/Type /EmbeddedFile /Filter /FlateDecode', broken),
    ])
    const error = await expectCode(extractCredentialFromPdf(pdf), 'ERR_PDF_MALFORMED')
    expect(error.details).toEqual({ reason: 'attachment-damaged' })
  })

  it('reads a hand-written PDF whose xref offsets are wrong and whose stream /Length is an indirect object', async () => {
    const jwt = await credentialJwt()
    const data = new Uint8Array(deflateSync(Buffer.from(jwt)))
    const pdf = handPdf([
      '<< /Type /Catalog /AF [2 0 R] >>',
      '<< /Type /Filespec /UF <FEFF0063002E006A00770074> /EF << /UF 3 0 R >> /AFRelationship /Source >>',
      Buffer.concat([encoder.encode('<< /Type /EmbeddedFile /Filter [/FlateDecode] /Length 4 0 R >>\nstream\r\n'), data, encoder.encode('\r\nendstream')]),
      String(data.length),
    ])
    const shifted = Buffer.concat([encoder.encode('garbage before the header\n'), pdf])
    expect(await extractCredentialFromPdf(new Uint8Array(shifted))).toMatchObject({ credential: jwt, name: 'c.jwt', relationship: 'Source' })
  })

  it('reports ERR_PDF_ENCRYPTED for an encrypted PDF', async () => {
    const pdf = handPdf(['<< /Type /Catalog >>', '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'], '<< /Root 1 0 R /Encrypt 2 0 R /ID [<01><01>] >>')
    await expectCode(extractCredentialFromPdf(pdf), 'ERR_PDF_ENCRYPTED')
  })

  it('reports ERR_INPUT_TOO_LARGE for a PDF over maxBytes, before reading it', async () => {
    const pdf = await pdfWith([{ name: 'c.jwt', data: await credentialJwt() }])
    const error = await expectCode(extractCredentialFromPdf(pdf, { maxBytes: 1000 }), 'ERR_INPUT_TOO_LARGE')
    expect(error.details).toEqual({ maxBytes: 1000, size: pdf.length })
  })

  it('stops inflating an attachment bomb at the credential limit (the PDF then carries no credential)', async () => {
    const bomb = new Uint8Array(deflateSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 }))
    expect(bomb.length).toBeLessThan(300_000)
    const pdf = handPdf([
      '<< /Type /Catalog /AF [2 0 R] >>',
      '<< /Type /Filespec /F (huge.json) /EF << /F 3 0 R >> >>',
      streamObject('/Type /EmbeddedFile /Filter /FlateDecode', bomb),
    ])
    const before = process.memoryUsage().rss
    await expectCode(extractCredentialFromPdf(pdf), 'ERR_PDF_CREDENTIAL_MISSING')
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024)
  })

  it('reports ERR_INPUT_TOO_LARGE for object streams that inflate past the budget', async () => {
    const bomb = new Uint8Array(deflateSync(Buffer.alloc(80 * 1024 * 1024, 0x20), { level: 9 }))
    const pdf = handPdf(['<< /Type /Catalog >>', streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb)])
    const error = await expectCode(extractCredentialFromPdf(pdf), 'ERR_INPUT_TOO_LARGE')
    expect(error.details?.['reason']).toBe('inflated-size')
  })

  it('survives deep nesting and unterminated syntax without a stack overflow', async () => {
    const deep = handPdf(['<< /Type /Catalog >>', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, '(an unterminated string', '<< /Key <<'])
    await expectCode(extractCredentialFromPdf(deep), 'ERR_PDF_CREDENTIAL_MISSING')
  })

  it('never throws anything but a MicrocertError for mutated certificates', async () => {
    const pdf = await pdfWith([{ name: 'c.jwt', data: await credentialJwt() }])
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(pdf.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), async (edits) => {
        const copy = pdf.slice()
        for (const [at, value] of edits) copy[at] = value
        try {
          await extractCredentialFromPdf(copy)
        } catch (error) {
          expect(isMicrocertError(error), String(error)).toBe(true)
          expect((error as MicrocertError).code).toMatch(/^ERR_(PDF_|INPUT_TOO_LARGE)/)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('throws TypeError for input that is not a Uint8Array', async () => {
    await expect(extractCredentialFromPdf('%PDF-1.7' as never)).rejects.toThrow(TypeError)
  })
})
