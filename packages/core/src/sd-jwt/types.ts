import type { MicrocertErrorCode } from '../errors.js'
import type { VerificationCheck, VerificationCheckId, VerificationStatus } from '../types.js'

/**
 * Personal data of the learner that the issuer holds outside the Open Badges credential (which carries only the
 * learner's name in plain text and salted hashes of e-mail and student number). Each becomes its own disclosure.
 */
export interface SdJwtVcHolderData {
  givenName?: string
  familyName?: string
  /** ISO 8601 date, e.g. `2001-04-17`. */
  dateOfBirth?: string
  email?: string
  studentId?: string
}

/** A quality assurance entry of the micro-credential (EU element 11). */
export interface SdJwtQualityAssurance {
  name: string
  type?: string
  body?: string
  url?: string
}

/**
 * The claims of a microcert SD-JWT VC (`vct` `<registry>/vct/micro-credential`), before selective disclosure.
 * Names follow the WE BUILD micro-credential attestation rulebook where it has one (see docs/decisions).
 */
export interface MicroCredentialClaims {
  // --- the course: always disclosed ---
  title: string
  description?: string
  achievementId?: string
  issuerCountry: string
  issuerRegion?: string
  awardingBody: string
  awardingBodyIdentifier?: string
  awardingBodyHomepage?: string
  additionalAwardingBodies?: { name: string; id: string; country?: string }[]
  learningOutcomes: string[]
  escoReference?: string[]
  notionalWorkload: { value: number; unit: 'ECTS' }
  volumeOfLearning?: string
  /** `EQF-1` … `EQF-8`. */
  level: string
  qfEheaCycle?: string
  typeOfAssessment: string[]
  formOfParticipation: 'online' | 'on-site' | 'blended'
  participationNote?: string
  qualityAssurance: SdJwtQualityAssurance[]
  fieldOfEducation?: string
  languageOfAssessment?: string
  entryRequirements?: string[]
  idVerificationMethod?: string
  stackable?: boolean
  gradingScheme?: string
  // --- the learner, the result and the dates: each selectively disclosable ---
  /** The certificate ID (or the credential id when it holds none). */
  identifier?: string
  /** The learner's DID. */
  sub?: string
  name?: string
  givenName?: string
  familyName?: string
  dateOfBirth?: string
  mail?: string
  studentId?: string
  /** Date of issuing (EU element 5), `YYYY-MM-DD`. */
  issuanceDate?: string
  activityStartDate?: string
  activityEndDate?: string
  grade?: string
  creditsEarned?: number
  additionalNote?: string
}

/** Where the status of an SD-JWT VC is kept: index `idx` of the Token Status List at `uri`. */
export interface TokenStatusReference {
  idx: number
  uri: string
}

/** The check ids of an SD-JWT VC verification: those of `verifyCredential` plus `holder` (key binding). */
export type SdJwtVcCheckId = VerificationCheckId | 'holder'

/** One step of an SD-JWT VC verification. */
export interface SdJwtVcCheck extends Omit<VerificationCheck, 'id'> {
  id: SdJwtVcCheckId
  code?: MicrocertErrorCode
}

/** What a verifier learns from an SD-JWT VC presentation. */
export interface SdJwtVcPresentation {
  vct: string
  /** The issuer (`iss`): an https URL or a DID. */
  iss: string
  /** Claims the presentation shows: the course, and the learner's claims the holder chose to disclose. */
  claims: Partial<MicroCredentialClaims> & Record<string, unknown>
  /** Selectively disclosable claims the holder disclosed. */
  disclosed: string[]
  /** Selectively disclosable claims of the type the holder did not disclose (shown as "not disclosed"). */
  notDisclosed: string[]
  /** The holder key (`cnf.jwk`) and what the key-binding JWT said, when there was one that verified. */
  keyBinding?: { audience: string; nonce: string; issuedAt: string }
  /** Validity of the signature (`exp`), ISO 8601. */
  expiresAt?: string
}

/** The result of `verifySdJwtVc`: the `VerificationResult` shape with SD-JWT VC checks and the disclosed claims. */
export interface SdJwtVcVerificationResult {
  verified: boolean
  status: VerificationStatus
  checks: SdJwtVcCheck[]
  /** Present once the issuer signature verified; never for a forged presentation. */
  presentation?: SdJwtVcPresentation
  issuer?: { id: string; name?: string; country?: string; trusted: boolean }
  /** The certificate ID, when the holder disclosed it. */
  certificateId?: string
  statusInfo?: { purpose: 'revocation' | 'suspension' }
}
