import { isMicrocertError, MicrocertError } from '../errors.js'
import { extractAttachedCredential } from './pdf/extract-attached-credential.js'
import type { CredentialSource, VerificationCheck, VerificationResult, VerifyOptions } from '../types.js'
import { verifyCredential } from '../verify-credential.js'
import { decide, toCheck } from './verdict.js'

const DEFAULT_MAX_PDF_BYTES = 16 * 1024 * 1024

/**
 * `verifyCredential` for the bytes of a PDF certificate (a separate chunk, loaded when a PDF arrives): extracts the one
 * credential attached to it and verifies that, reporting where it came from (`source`). A PDF that cannot be read,
 * is encrypted, carries no credential or several fails the format check with its own code.
 */
export async function verifyPdf(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationResult> {
  const profile = options.profile ?? 'micro-credential'
  let extracted: Awaited<ReturnType<typeof extractAttachedCredential>>
  try {
    extracted = await extractAttachedCredential(bytes, { maxBytes: options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES, maxCredentialBytes: options.maxBytes ?? 1024 * 1024 })
  } catch (error) {
    const e = isMicrocertError(error) ? error : new MicrocertError('ERR_PDF_MALFORMED', 'The PDF could not be read', { cause: error })
    const checks: VerificationCheck[] = [toCheck('format', 'failed', e)]
    for (const id of ['signature', 'issuer', 'schema', 'trust', 'validity', 'status'] as const) {
      checks.push({ id, outcome: 'skipped', message: 'Not checked: no credential could be taken from the PDF' })
    }
    return { ...decide(checks), checks, profile, source: { type: 'pdf' } }
  }
  const source: CredentialSource = { type: 'pdf' }
  if (extracted.name !== undefined) source.name = extracted.name
  if (extracted.mediaType !== undefined) source.mediaType = extracted.mediaType
  if (extracted.relationship !== undefined) source.relationship = extracted.relationship
  const result = await verifyCredential(extracted.credential, options)
  const [format, ...rest] = result.checks
  const from = `attached to the PDF${extracted.name === undefined ? '' : ` as "${extracted.name.slice(0, 120)}"`}`
  const checks = format === undefined ? rest : [{ ...format, message: `${format.message} ${from}`, details: { ...format.details, source } }, ...rest]
  return { ...result, checks, source }
}
