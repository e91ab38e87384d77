import { loadChunk } from './lib/load-chunk.js'

/** Options of `extractCredentialFromPdf`. */
export interface ExtractCredentialFromPdfOptions {
  /** Largest PDF accepted, in bytes. Default 16 MiB. */
  maxBytes?: number
  /** Largest attached file read as a credential candidate, in bytes once inflated. Default 1 MiB (the verifier's limit). */
  maxCredentialBytes?: number
}

/** The credential found attached to a PDF. */
export interface ExtractedCredential {
  /** The attached file's text, trimmed: a compact JWS (VC-JWT) or JSON credential, ready for `verifyCredential`. */
  credential: string
  format: 'jwt' | 'json'
  /** The attachment's file name, e.g. `MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt`. */
  name?: string
  /** The attachment's media type, e.g. `application/vc+jwt`. */
  mediaType?: string
  /** Its PDF/A-3 `AFRelationship`, e.g. `Source` for a PDF rendered from the credential. */
  relationship?: string
}

/**
 * Finds the credential attached to a PDF certificate — the signed VC-JWT (or JSON credential) that
 * `renderCertificatePdf` embeds, or one attached by any other tool — so the PDF itself can be verified offline.
 * Runs in browsers and Node (inflates with `DecompressionStream`); reads PDFs with broken cross-reference tables,
 * object streams and incremental updates; caps sizes, nesting and inflation against hostile files.
 *
 * @example
 * const { credential } = await extractCredentialFromPdf(new Uint8Array(await file.arrayBuffer()))
 * const result = await verifyCredential(credential)
 * @throws MicrocertError ERR_PDF_MALFORMED (not a PDF, broken structure, damaged attachment), ERR_PDF_ENCRYPTED,
 *   ERR_PDF_CREDENTIAL_MISSING, ERR_PDF_CREDENTIAL_AMBIGUOUS (`details.names`), ERR_INPUT_TOO_LARGE (over `maxBytes`,
 *   or object streams that inflate past the budget); TypeError when `bytes` is not a Uint8Array
 */
export async function extractCredentialFromPdf(
  bytes: Uint8Array,
  options: ExtractCredentialFromPdfOptions = {},
): Promise<ExtractedCredential> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('extractCredentialFromPdf(bytes): bytes must be a Uint8Array')
  // The PDF reader is a separate chunk: a page that imports microcert only to verify JWTs never downloads it.
  const { extractAttachedCredential } = await loadChunk(() => import('./lib/pdf/extract-attached-credential.js'))
  return extractAttachedCredential(bytes, options)
}
