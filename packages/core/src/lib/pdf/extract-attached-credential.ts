import { MicrocertError } from '../../errors.js'
import { decodeBase64url } from '../base64url.js'
import { inflateCapped } from './inflate.js'
import {
  bytesToBinary,
  decodeTextString,
  isDict,
  isName,
  isPdfString,
  isRef,
  parseObjectStream,
  PdfSyntaxError,
  scanObjects,
  type PdfDict,
  type PdfObject,
  type PdfValue,
} from './pdf-syntax.js'
import type { ExtractCredentialFromPdfOptions, ExtractedCredential } from '../../extract-credential-from-pdf.js'

const DEFAULT_MAX_BYTES = 16 * 1024 * 1024
const DEFAULT_MAX_CREDENTIAL_BYTES = 1024 * 1024
/** Inflated object streams in all; real files need a fraction of this. */
const OBJECT_STREAM_BUDGET = 64 * 1024 * 1024
const MAX_OBJECTS = 1_000_000
/** Attachments that are plainly something else (images, office files, archives) are not even inflated. */
const OTHER_MEDIA = /^(image|audio|video|font|model)\/|^application\/(pdf|zip|gzip|x-|vnd\.|octet-stream|msword|xml)/
const OTHER_EXTENSIONS = /\.(pdf|png|jpe?g|gif|webp|svg|tiff?|docx?|xlsx?|pptx?|odt|ods|zip|gz|7z|xml|html?|csv|mp[34]|wav)$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

interface Attachment {
  name?: string
  mediaType?: string
  relationship?: string
  object: PdfObject
}

/** The implementation of `extractCredentialFromPdf` (see there), loaded only when a PDF arrives. */
export async function extractAttachedCredential(
  bytes: Uint8Array,
  options: ExtractCredentialFromPdfOptions = {},
): Promise<ExtractedCredential> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const maxCredentialBytes = options.maxCredentialBytes ?? DEFAULT_MAX_CREDENTIAL_BYTES
  if (bytes.length > maxBytes) {
    throw new MicrocertError('ERR_INPUT_TOO_LARGE', `The PDF has ${bytes.length} bytes, more than the limit of ${maxBytes}`, {
      details: { maxBytes, size: bytes.length },
    })
  }
  const text = bytesToBinary(bytes)
  if (!text.slice(0, 1024).includes('%PDF-')) throw malformed('The file is not a PDF (no "%PDF-" header)', 'header')

  let scanned: ReturnType<typeof scanObjects>
  try {
    scanned = scanObjects(text, { maxObjects: MAX_OBJECTS })
  } catch (error) {
    if (error instanceof PdfSyntaxError) throw malformed(`The PDF cannot be read: ${error.message}`, error.reason)
    throw error
  }
  const { objects, trailers } = scanned
  if (trailers.some((trailer) => trailer['Encrypt'] !== undefined)) {
    throw new MicrocertError('ERR_PDF_ENCRYPTED', 'The PDF is encrypted, so its attached files cannot be read', { details: { reason: 'encrypted' } })
  }
  await unpackObjectStreams(bytes, objects)

  const attachments = findAttachments(objects)
  const found = new Map<string, ExtractedCredential>()
  let damaged = 0
  for (const attachment of attachments) {
    if (!mayBeCredential(attachment)) continue
    const data = await decodeStream(bytes, attachment.object, maxCredentialBytes).catch(() => 'damaged' as const)
    if (data === 'damaged') {
      damaged++
      continue
    }
    if (data === undefined) continue
    const credential = credentialText(data)
    if (credential === undefined || found.has(credential.text)) continue
    found.set(credential.text, {
      credential: credential.text,
      format: credential.format,
      ...(attachment.name === undefined ? {} : { name: attachment.name }),
      ...(attachment.mediaType === undefined ? {} : { mediaType: attachment.mediaType }),
      ...(attachment.relationship === undefined ? {} : { relationship: attachment.relationship }),
    })
  }
  const credentials = [...found.values()]
  if (credentials.length === 1) return credentials[0]!
  if (credentials.length > 1) {
    const names = credentials.map((c, i) => c.name ?? `attachment ${i + 1}`)
    throw new MicrocertError(
      'ERR_PDF_CREDENTIAL_AMBIGUOUS',
      `The PDF carries ${credentials.length} credentials (${names.map((n) => `"${n}"`).join(', ')}); check each one on its own`,
      { details: { names } },
    )
  }
  if (damaged > 0) throw malformed('The file attached to the PDF is damaged (its compressed data does not inflate)', 'attachment-damaged')
  throw new MicrocertError(
    'ERR_PDF_CREDENTIAL_MISSING',
    attachments.length === 0
      ? 'The PDF has no attached files, so it carries no credential'
      : `The PDF has ${attachments.length} attached file${attachments.length === 1 ? '' : 's'}, none of them a credential`,
    { details: { attachments: attachments.length } },
  )
}

function malformed(message: string, reason: string): MicrocertError {
  return new MicrocertError('ERR_PDF_MALFORMED', message, { details: { reason } })
}

async function unpackObjectStreams(bytes: Uint8Array, objects: Map<number, PdfObject>): Promise<void> {
  let budget = OBJECT_STREAM_BUDGET
  for (const object of [...objects.values()]) {
    const dict = object.value
    if (object.stream === undefined || !isDict(dict) || !isName(dict['Type']) || dict['Type'].name !== 'ObjStm') continue
    const count = dict['N']
    const first = dict['First']
    if (typeof count !== 'number' || typeof first !== 'number' || count < 0 || count > MAX_OBJECTS) continue
    let data: Uint8Array | undefined
    try {
      data = await decodeStream(bytes, object, budget)
    } catch {
      continue // a damaged object stream hides its objects, as in any reader
    }
    if (data === undefined) {
      throw new MicrocertError('ERR_INPUT_TOO_LARGE', `The PDF's object streams inflate to more than ${OBJECT_STREAM_BUDGET} bytes`, {
        details: { reason: 'inflated-size', maxBytes: OBJECT_STREAM_BUDGET },
      })
    }
    budget -= data.length
    try {
      parseObjectStream(bytesToBinary(data), count, first, objects)
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error
    }
  }
}

/** Every file specification with an embedded file (§7.11.3), wherever it sits: name tree, /AF arrays, annotations. */
function findAttachments(objects: Map<number, PdfObject>): Attachment[] {
  const seen = new Set<number>()
  const out: Attachment[] = []
  const visit = (value: PdfValue, depth: number): void => {
    if (depth > 40 || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1)
      return
    }
    if (!isDict(value)) return
    const ef = resolve(objects, value['EF'])
    if (isDict(ef)) {
      const target = ef['UF'] ?? ef['F']
      if (isRef(target) && !seen.has(target.ref)) {
        const object = objects.get(target.ref)
        if (object?.stream !== undefined && isDict(object.value)) {
          seen.add(target.ref)
          const nameValue = resolve(objects, value['UF'] ?? value['F'])
          const subtype = object.value['Subtype']
          const relationship = value['AFRelationship']
          const attachment: Attachment = { object }
          if (isPdfString(nameValue)) attachment.name = decodeTextString(nameValue)
          if (isName(subtype)) attachment.mediaType = subtype.name.toLowerCase()
          if (isName(relationship)) attachment.relationship = relationship.name
          out.push(attachment)
        }
      }
      return
    }
    for (const key in value) if (key !== 'Parent' && key !== 'P') visit(value[key]!, depth + 1)
  }
  for (const object of objects.values()) visit(object.value, 0)
  return out
}

function resolve(objects: Map<number, PdfObject>, value: PdfValue | undefined): PdfValue | undefined {
  return isRef(value) ? objects.get(value.ref)?.value : value
}

function mayBeCredential(attachment: Attachment): boolean {
  if (attachment.mediaType !== undefined && OTHER_MEDIA.test(attachment.mediaType)) return false
  return attachment.name === undefined || !OTHER_EXTENSIONS.test(attachment.name)
}

/** The stream's data with its filters undone; undefined when it inflates past `maxBytes`. Throws for damaged or unsupported data. */
async function decodeStream(bytes: Uint8Array, object: PdfObject, maxBytes: number): Promise<Uint8Array | undefined> {
  const { start, end } = object.stream!
  const raw = bytes.subarray(start, end)
  const dict = object.value as PdfDict
  const filter = dict['Filter']
  const filters = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter]
  const parms = dict['DecodeParms']
  if (filters.length === 0) return raw.length > maxBytes ? undefined : raw
  if (filters.length > 1 || !isName(filters[0]) || filters[0].name !== 'FlateDecode') throw new Error('unsupported filter')
  if (isDict(parms) && typeof parms['Predictor'] === 'number' && parms['Predictor'] > 1) throw new Error('unsupported predictor')
  return inflateCapped(raw, maxBytes)
}

/** The attachment's text when it is a credential: a compact JWS carrying one, or a JSON credential. */
function credentialText(data: Uint8Array): { text: string; format: 'jwt' | 'json' } | undefined {
  let text: string
  try {
    text = utf8.decode(data).replace(/^\ufeff/, '').trim()
  } catch {
    return undefined
  }
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) {
    const payload = decodeBase64url(text.slice(text.indexOf('.') + 1, text.lastIndexOf('.')))
    const claims = payload === undefined ? undefined : parseObject(utf8Decode(payload))
    return claims !== undefined && (isCredentialObject(claims) || isCredentialObject(claims['vc'])) ? { text, format: 'jwt' } : undefined
  }
  if (text.startsWith('{')) {
    const json = parseObject(text)
    return json !== undefined && isCredentialObject(json) ? { text, format: 'json' } : undefined
  }
  return undefined
}

function utf8Decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    return ''
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function isCredentialObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  return (Array.isArray(type) ? type : [type]).includes('VerifiableCredential') && 'credentialSubject' in value
}
