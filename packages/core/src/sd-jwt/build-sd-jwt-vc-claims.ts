import { ALIGNMENT_TARGET_TYPE, MicroCredential, formatSchemaIssues, isEqfAlignment } from '@microcert/schemas'
import { certificateIdFromCredentialId } from '../certificate-id-from-credential-id.js'
import { MicrocertError } from '../errors.js'
import type { MicroCredentialClaims, SdJwtVcHolderData } from './types.js'

const PARTICIPATION = { online: 'online', onsite: 'on-site', blended: 'blended' } as const
const DATE = /^\d{4}-\d{2}-\d{2}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const MAX_TEXT = 500

/**
 * Maps a micro-credential (an Open Badges 3.0 `MicroCredential`) to the claims of its SD-JWT VC: the course as
 * plain claims (EU elements 2–4, 6–11), the learner, the result and the dates (EU elements 1 and 5, the grade) as
 * claims the issuer makes selectively disclosable. `holder` adds personal data the issuer keeps outside the
 * credential (given and family name, date of birth, e-mail, student number).
 *
 * @example
 * const claims = buildSdJwtVcClaims(credential, { holder: { dateOfBirth: '2001-04-17' } })
 * claims.level // 'EQF-6'
 * @throws MicrocertError ERR_INPUT_INVALID (`details.issues`) when the credential is not a complete micro-credential
 *   or `holder` holds a malformed value; TypeError for non-object arguments
 */
export function buildSdJwtVcClaims(credential: MicroCredential, options: { holder?: SdJwtVcHolderData } = {}): MicroCredentialClaims {
  if (typeof credential !== 'object' || credential === null) throw new TypeError('buildSdJwtVcClaims(credential): credential must be an object')
  if (typeof options !== 'object' || options === null) throw new TypeError('buildSdJwtVcClaims(credential, options): options must be an object')
  const parsed = MicroCredential.safeParse(credential)
  if (!parsed.success) {
    const issues = formatSchemaIssues(parsed.error)
    throw new MicrocertError('ERR_INPUT_INVALID', `The credential is not a complete micro-credential: ${issues[0] ?? 'unknown problem'}`, {
      details: { issues },
    })
  }
  const vc = parsed.data
  const subject = vc.credentialSubject
  const achievement = subject.achievement
  const eqf = achievement.alignment.find(isEqfAlignment)
  const cycle = achievement.alignment.find((a) => a.targetType === ALIGNMENT_TARGET_TYPE.qfEheaCycle)
  const esco = achievement.alignment.filter((a) => a.targetType === ALIGNMENT_TARGET_TYPE.escoSkill).map((a) => a.targetUrl)

  const claims: MicroCredentialClaims = {
    title: achievement.name,
    description: achievement.description,
    achievementId: achievement.id,
    issuerCountry: vc.issuer.address.addressCountryCode,
    awardingBody: vc.issuer.name,
    awardingBodyIdentifier: vc.issuer.id,
    learningOutcomes: [...achievement.learningOutcome],
    notionalWorkload: { value: achievement.ectsCredits, unit: 'ECTS' },
    level: `EQF-${eqf!.targetCode}`,
    typeOfAssessment: [...achievement.typeOfAssessment],
    formOfParticipation: PARTICIPATION[achievement.formOfParticipation],
    qualityAssurance: achievement.qualityAssurance.map((qa) => ({
      name: qa.name,
      ...(qa.qaType === undefined ? {} : { type: qa.qaType }),
      ...(qa.qaBody === undefined ? {} : { body: qa.qaBody }),
      ...(qa.qaUrl === undefined ? {} : { url: qa.qaUrl }),
    })),
  }
  const optional = <K extends keyof MicroCredentialClaims>(key: K, value: MicroCredentialClaims[K] | undefined) => {
    if (value !== undefined) claims[key] = value
  }
  optional('issuerRegion', vc.issuer.address.addressRegion)
  optional('awardingBodyHomepage', vc.issuer.url)
  if (achievement.awardingBody !== undefined && achievement.awardingBody.length > 0) {
    claims.additionalAwardingBodies = achievement.awardingBody.map((body) => {
      const country = (body as { address?: { addressCountryCode?: unknown } }).address?.addressCountryCode
      return { name: body.name, id: body.id, ...(typeof country === 'string' ? { country } : {}) }
    })
  }
  if (esco.length > 0) claims.escoReference = esco
  optional('volumeOfLearning', achievement.volumeOfLearning)
  optional('qfEheaCycle', cycle?.targetCode)
  optional('participationNote', achievement.participationNote)
  optional('fieldOfEducation', achievement.fieldOfStudy)
  optional('languageOfAssessment', achievement.inLanguage)
  if (achievement.prerequisite !== undefined && achievement.prerequisite.length > 0) claims.entryRequirements = [...achievement.prerequisite]
  optional('idVerificationMethod', achievement.supervisionAndIdVerification)
  if (achievement.integrationStackability !== undefined) claims.stackable = achievement.integrationStackability === 'stackable'
  const scheme = achievement.resultDescription?.[0]
  if (scheme !== undefined) {
    claims.gradingScheme = scheme.allowedValue === undefined ? scheme.name : `${scheme.name} (${scheme.allowedValue.join(', ')})`
  }

  optional('identifier', certificateIdFromCredentialId(vc.id) ?? vc.id)
  optional('sub', subject.id)
  optional('name', subject.identifier?.find((i) => i.identityType === 'name' && !i.hashed)?.identityHash)
  Object.assign(claims, holderClaims(options.holder))
  optional('issuanceDate', vc.validFrom.slice(0, 10))
  optional('activityStartDate', subject.activityStartDate?.slice(0, 10))
  optional('activityEndDate', subject.activityEndDate?.slice(0, 10))
  optional('grade', subject.result?.find((r) => r.value !== undefined)?.value)
  optional('creditsEarned', subject.creditsEarned)
  optional('additionalNote', subject.narrative)
  return claims
}

function holderClaims(holder: SdJwtVcHolderData | undefined): Partial<MicroCredentialClaims> {
  if (holder === undefined) return {}
  if (typeof holder !== 'object' || holder === null) throw new TypeError('buildSdJwtVcClaims options.holder must be an object')
  const issues: string[] = []
  const text = (name: keyof SdJwtVcHolderData): string | undefined => {
    const value = holder[name]
    if (value === undefined) return undefined
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_TEXT) {
      issues.push(`holder.${name}: must be a non-empty text of at most ${MAX_TEXT} characters`)
      return undefined
    }
    return value.trim()
  }
  const out: Partial<MicroCredentialClaims> = {}
  const givenName = text('givenName')
  const familyName = text('familyName')
  const dateOfBirth = text('dateOfBirth')
  const email = text('email')
  const studentId = text('studentId')
  if (givenName !== undefined) out.givenName = givenName
  if (familyName !== undefined) out.familyName = familyName
  if (dateOfBirth !== undefined) {
    if (!DATE.test(dateOfBirth) || Number.isNaN(Date.parse(`${dateOfBirth}T00:00:00Z`)) || Date.parse(`${dateOfBirth}T00:00:00Z`) > Date.now()) {
      issues.push(`holder.dateOfBirth: must be a past date written YYYY-MM-DD, not "${dateOfBirth.slice(0, 40)}"`)
    } else out.dateOfBirth = dateOfBirth
  }
  if (email !== undefined) {
    if (!EMAIL.test(email)) issues.push('holder.email: must be an e-mail address')
    else out.mail = email.toLowerCase()
  }
  if (studentId !== undefined) out.studentId = studentId
  if (issues.length > 0) {
    throw new MicrocertError('ERR_INPUT_INVALID', `The holder data is invalid: ${issues[0]}`, { details: { issues } })
  }
  return out
}
