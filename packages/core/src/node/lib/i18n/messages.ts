/**
 * A message that depends on a count: one form per plural category of the language (`Intl.PluralRules`); `{n}` is
 * replaced by the formatted number. `other` is always required; a test checks that every language has a form for
 * each category its rules produce.
 */
export type Plural = { readonly other: string } & { readonly [category in 'zero' | 'one' | 'two' | 'few' | 'many']?: string }

/**
 * The text of PDF certificates, share pages and registry pages in one language. Every language file is typed with
 * this interface, so a missing key is a type error. `{name}` placeholders are filled in (and escaped) by the caller.
 */
export interface Messages {
  // --- the certificate (PDF) ---
  /** The document's heading, e.g. "Micro-credential certificate". */
  certificateHeading: string
  /** Before the learner's name: "This is to certify that". */
  certifiesThat: string
  /** Between the learner's name and the title: "has successfully completed the micro-credential". */
  hasCompleted: string
  /** Label: the awarding body (EU element 4). */
  awardingBody: string
  /** Label: the country of the awarding body (EU element 3). */
  country: string
  /** Label: the date of issue (EU element 5). */
  issuedOn: string
  /** Label: the expiry date. */
  validUntil: string
  /** Label: the notional workload (EU element 7). */
  workload: string
  /** "{n} ECTS credits". */
  ectsCredits: Plural
  /** "{n} hours" (the volume of learning). */
  hours: Plural
  /** Label: the EQF level (EU element 8). */
  eqfLevel: string
  /** Label: the learning outcomes (EU element 6). */
  learningOutcomes: string
  /** Heading of the learning outcomes that flow onto the next page. */
  learningOutcomesContinued: string
  /** Label: the type of assessment (EU element 9). */
  assessment: string
  /** Label: the form of participation (EU element 10). */
  participation: string
  /** The three forms of participation of the EU Recommendation. */
  participationForms: { readonly online: string; readonly onsite: string; readonly blended: string }
  /** Label: quality assurance (EU element 11). */
  qualityAssurance: string
  /** Label: the learner's grade. */
  grade: string
  /** Label: the certificate ID a person types. */
  certificateId: string
  /** Beside the QR code: "Scan to verify, or open". */
  scanToVerify: string
  /** Footer: the signed credential rides inside the PDF. */
  attachedNote: string
  /** "Page {page} of {pages}". */
  pageOf: string

  // --- the share page ---
  /** Label before the learner's name: "Awarded to". */
  awardedTo: string
  /** "Awarded by {issuer}". */
  awardedBy: string
  /** Heading of the download links. */
  downloads: string
  /** The signed credential file. */
  downloadJwt: string
  /** The credential's data as JSON. */
  downloadJson: string
  /** The PDF certificate. */
  downloadPdf: string
  /** The LinkedIn button. */
  addToLinkedIn: string
  /** Heading of the live verification. */
  liveCheck: string
  /** What the live check does. */
  liveCheckNote: string
  /** Shown without JavaScript. */
  needsJavaScript: string
  /** Label of the language switch. */
  language: string

  // --- registry pages ---
  /** "Micro-credential registry". */
  registry: string
  /** Link / heading: "Check a certificate". */
  checkCertificate: string
  /** Link: "For employers". */
  forEmployers: string
  /** "{issuer} publishes its micro-credentials here. …" */
  registryIntro: string
  /** "This registry holds {n} credentials." */
  credentialCount: Plural
  /** Heading of the employer page. */
  employerHeading: string
  /** The employer page's introduction; `{example}` is a certificate ID, `{issuer}` the issuer's name. */
  employerIntro: string
  /** Heading: "What the result means". */
  resultMeaning: string
  /** [verdict, explanation] of each outcome of a check. */
  resultVerified: readonly [string, string]
  resultWarning: readonly [string, string]
  resultFailed: readonly [string, string]
  resultUnknown: readonly [string, string]
  /** Footer: what the credentials are. */
  footerNote: string
  /** Label: the issuer's DID. */
  issuer: string
  /** Link to the issuer's DID document (its public keys). */
  didDocument: string

  // --- wallet (share page and the learner's own PDF) ---
  /** Heading / label: "Add to your wallet". */
  addToWallet: string
  /** How to use the wallet QR code. */
  walletNote: string
  /** The wallet code is a personal capability: do not share it. */
  walletPrivate: string
  /** Link that opens the offer in a wallet app on the same device. */
  openInWallet: string

  // --- registry pages (continued) ---
  /** Heading of the list of courses on the home page. */
  courses: string
  /** "{n} holders" of a course's micro-credential. */
  holders: Plural
  /** Shown without JavaScript on the verification page, followed by the credential file's URL pattern. */
  verifyNeedsJavaScript: string
}
