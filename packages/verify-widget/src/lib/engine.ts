// The verifier: everything a verification needs beyond the element (core's verification pipeline with jose and the
// schemas). The element imports this module dynamically as soon as it connects, so a page's first render does not
// wait for it; in the CDN build it is `microcert-verify-chunks/engine-<hash>.js`. What core loads only for some
// inputs (a Data Integrity proof, a wallet presentation, another issuer's key forms, the PDF reader) stays in core's
// own lazy parts, files beside it.
import { extractCredentialFromPdf, verifyCredential, type VerificationResult, type VerifyOptions } from '@microcert/core'

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
 * taken out first by `extractCredentialFromPdf` (core loads its PDF reader, 4.6 KB gzip, only then) and verified by
 * this verifier. `verifyCredential(pdfBytes)` would do the same through core's PDF part, which in the CDN build is a
 * self-contained file carrying a second copy of the verifier (41 KB gzip). A PDF without a credential, with several,
 * damaged or encrypted throws its `ERR_PDF_*` error, which the element shows as a failed format check.
 */
export async function verifyBytes(bytes: Uint8Array, options: VerifyOptions): Promise<VerificationResult> {
  if (!isPdf(bytes)) return verifyCredential(bytes, options)
  const { credential } = await extractCredentialFromPdf(bytes, options.maxPdfBytes === undefined ? {} : { maxBytes: options.maxPdfBytes })
  return verifyCredential(credential, options)
}
