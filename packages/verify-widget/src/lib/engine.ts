// The verifier: everything a verification needs beyond the element (core's verification pipeline with jose and the
// schemas). The element imports this module dynamically as soon as it connects, so a page's first render does not
// wait for it; in the CDN build it is a chunk in `microcert-verify-chunks/`.
import { verifyCredential, type VerificationResult, type VerifyOptions } from '@microcert/core'

export { isMicrocertError, linkedInAddToProfileUrl, lookupCredential, parseCertificateId, verifyCredential } from '@microcert/core'

/** True when the bytes are a PDF: `%PDF-` within the first 1024 bytes, where PDF readers look for it. */
function isPdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024)
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true
  }
  return false
}

/**
 * Verifies the bytes of a file: a credential (`.jwt`, `.json`), or a PDF certificate, whose attached credential is
 * taken out first by `extractCredentialFromPdf` (its PDF reader is a chunk of its own, loaded only for a PDF). A PDF
 * without a credential, or with several, throws its `ERR_PDF_*` error, which the element shows as a failed check.
 * When `verifyCredential` reads PDF bytes itself, this becomes `verifyCredential(bytes, options)`.
 */
export async function verifyBytes(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationResult> {
  if (!isPdf(bytes)) return verifyCredential(bytes, options)
  const { extractCredentialFromPdf } = await import('./pdf.js')
  const { credential } = await extractCredentialFromPdf(bytes)
  return verifyCredential(credential, options)
}
