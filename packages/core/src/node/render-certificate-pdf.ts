/** How a certificate carries the issuer's identity. Later also read from the issuer profile (see the README). */
export interface CertificateBranding {
  /**
   * The logo, PNG or JPEG bytes, drawn at most 52 pt high and 170 pt wide at the top left.
   * Default: the issuer profile's `image` when it is a PNG or JPEG `data:` URI; else no logo.
   */
  logo?: Uint8Array
  /** Colour of the top band, the heading and the title, `#rrggbb`. Default `#1d3f73` (a dark blue). */
  accentColor?: string
  /** Who signs for the awarding body, printed under a signature line. Default: no signature block. */
  signatory?: { name: string; role?: string }
}

/** Options of `renderCertificatePdf`. */
export interface RenderCertificatePdfOptions {
  /**
   * Languages of the labels, first the main one, e.g. `['cs', 'en']` or `'cs,en'` (1–4 of the 24 EU languages).
   * Default: the language of the issuer's country, then English.
   */
  languages?: string | readonly string[]
  /**
   * The URL in the QR code. Default: `<registry>/verify/?id=<certificate ID>` when the credential id is
   * `<registry>/credentials/<ID>`; required otherwise.
   */
  verificationUrl?: string
  branding?: CertificateBranding
  /** Creation date written into the PDF's metadata. Default: the credential's `validFrom` (so the same credential gives the same bytes). */
  now?: Date
  /** Time zone of the printed dates. Default `UTC`. */
  timeZone?: string
  /**
   * An `openid-credential-offer://` URI (the learner's wallet link, `@microcert/openid4vci` `walletLink`): printed as
   * a second QR code, "Add to your wallet". Only for the learner's own copy — the link is personal, so a PDF with it
   * must not be published. Default: none.
   */
  walletOffer?: string
}

/**
 * Renders an A4 PDF certificate of a signed micro-credential: learner, title, awarding body, country, date, ECTS,
 * EQF level, learning outcomes, assessment, participation, quality assurance, grade, the certificate ID and a QR
 * code to its verification page, with labels in one to four EU languages. The signed credential is attached inside
 * (PDF/A-3 style, `AFRelationship /Source`), so `extractCredentialFromPdf` or any PDF tool gets it back and the PDF
 * verifies offline. Long lists flow onto further pages. Fonts (Noto Sans, subset) cover Latin, Greek and Cyrillic.
 *
 * @example
 * const record = await issuer.get('MC-7KQ4-9XJ2-PM3A-W8TD-K')
 * const pdf = await renderCertificatePdf(record.credential, { languages: 'cs,en', branding: { signatory: { name: 'prof. Jana Dvořáková', role: 'Rector' } } })
 * writeFileSync('certificate.pdf', pdf)
 * `signedCredential` is a VC-JWT or the JSON of a Data Integrity credential (what `record.credential` holds); it is
 * attached as `<ID>.jwt` or `<ID>.json`.
 *
 * @throws MicrocertError ERR_JWS_MALFORMED / ERR_JSON_MALFORMED / ERR_JWT_PAYLOAD_INVALID (not a VC-JWT),
 *   ERR_INPUT_INVALID (JSON without a proof),
 *   ERR_INPUT_INVALID (no learner or title; a logo that is not PNG/JPEG; `details.issues`); TypeError for malformed
 *   options (languages, colour, a missing `verificationUrl` for a credential outside a registry)
 */
export async function renderCertificatePdf(signedCredential: string, options: RenderCertificatePdfOptions = {}): Promise<Uint8Array> {
  // loaded on first use: `@microcert/core/node` stays quick to import for everything else (the CLI's verify, the store)
  const { renderCertificate } = await import('./lib/pdf/render-certificate.js')
  return renderCertificate(signedCredential, options)
}
