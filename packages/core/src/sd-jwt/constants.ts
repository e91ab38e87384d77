/** JOSE `typ` of an SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc). */
export const SD_JWT_VC_TYPE = 'dc+sd-jwt'

/** The `typ` SD-JWT VCs carried from July 2023 to November 2024; accepted when verifying, never issued. */
export const SD_JWT_VC_LEGACY_TYPE = 'vc+sd-jwt'

/** JOSE `typ` of a Token Status List JWT (IETF draft-ietf-oauth-status-list). */
export const STATUS_LIST_JWT_TYPE = 'statuslist+jwt'

/** Media type a Token Status List is served with. */
export const STATUS_LIST_MEDIA_TYPE = 'application/statuslist+jwt'

/** Path of the micro-credential type below the registry URL: the `vct` is `<registry>/vct/micro-credential`. */
export const MICRO_CREDENTIAL_VCT_PATH = 'vct/micro-credential'

/**
 * Token Status List values (draft-ietf-oauth-status-list §7.1). Two bits per credential, so one list carries both
 * revocation and suspension.
 */
export const TOKEN_STATUS = { valid: 0, invalid: 1, suspended: 2 } as const

/**
 * Claims that describe the course (EU elements 2–4 and 6–11). They are never selectively disclosable: every
 * presentation shows what makes it a micro-credential.
 */
export const COURSE_CLAIMS = [
  'title',
  'description',
  'achievementId',
  'issuerCountry',
  'issuerRegion',
  'awardingBody',
  'awardingBodyIdentifier',
  'awardingBodyHomepage',
  'additionalAwardingBodies',
  'learningOutcomes',
  'escoReference',
  'notionalWorkload',
  'volumeOfLearning',
  'level',
  'qfEheaCycle',
  'typeOfAssessment',
  'formOfParticipation',
  'participationNote',
  'qualityAssurance',
  'fieldOfEducation',
  'languageOfAssessment',
  'entryRequirements',
  'idVerificationMethod',
  'stackable',
  'gradingScheme',
] as const

/**
 * Claims about the learner, the result and the dates: each is a separate disclosure, so the learner chooses which
 * of them a verifier sees.
 */
export const SELECTIVELY_DISCLOSABLE_CLAIMS = [
  'identifier',
  'sub',
  'name',
  'givenName',
  'familyName',
  'dateOfBirth',
  'mail',
  'studentId',
  'issuanceDate',
  'activityStartDate',
  'activityEndDate',
  'grade',
  'creditsEarned',
  'additionalNote',
] as const

export type CourseClaim = (typeof COURSE_CLAIMS)[number]
export type SelectivelyDisclosableClaim = (typeof SELECTIVELY_DISCLOSABLE_CLAIMS)[number]

/** Course claims every micro-credential carries (the mandatory EU elements that are not about the learner). */
export const REQUIRED_COURSE_CLAIMS = [
  'title',
  'issuerCountry',
  'awardingBody',
  'learningOutcomes',
  'notionalWorkload',
  'level',
  'typeOfAssessment',
  'formOfParticipation',
  'qualityAssurance',
] as const satisfies readonly CourseClaim[]

/** Claims the SD-JWT VC draft forbids in disclosures. */
export const NEVER_DISCLOSABLE_CLAIMS = ['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status', '_sd', '_sd_alg', '...'] as const
