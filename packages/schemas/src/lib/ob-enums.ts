import * as z from 'zod/mini'
import { EXT_TERM } from './patterns.js'

/** Open Badges 3.0 IdentifierTypeEnum (used by IdentityObject and IdentifierEntry), extensible with `ext:` terms. */
export const IDENTIFIER_TYPES = [
  'name', 'sourcedId', 'systemId', 'productId', 'userName', 'accountId', 'emailAddress', 'nationalIdentityNumber',
  'isbn', 'issn', 'lisSourcedId', 'oneRosterSourcedId', 'sisSourcedId', 'ltiContextId', 'ltiDeploymentId',
  'ltiToolId', 'ltiPlatformId', 'ltiUserId', 'identifier',
] as const

/** Open Badges 3.0 ResultDescription `resultType` values. */
export const RESULT_TYPES = [
  'GradePointAverage', 'LetterGrade', 'Percent', 'PerformanceLevel', 'PredictedScore', 'RawScore', 'Result',
  'RubricCriterion', 'RubricCriterionLevel', 'RubricScore', 'ScaledScore', 'Status',
] as const

/** Open Badges 3.0 Alignment `targetType` values (besides `ext:` terms). */
export const ALIGNMENT_TARGET_TYPES = [
  'ceasn:Competency', 'ceterms:Credential', 'CFItem', 'CFRubric', 'CFRubricCriterion', 'CFRubricCriterionLevel', 'CTDL',
] as const

/** Open Badges 3.0 Result `status` values. */
export const RESULT_STATUSES = ['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'] as const

/** A value of an Open Badges extensible enumeration: one of `values`, or an `ext:` term. */
export function extensibleEnum(values: readonly string[], label: string) {
  const shown = values.slice(0, 6).map((value) => `"${value}"`).join(', ')
  return z.string({ error: (issue) => (issue.input === undefined ? `${label} is required` : `${label} must be text`) }).check(
    z.maxLength(256, { error: `${label} must be at most 256 characters`, abort: true }),
    z.refine((value: string) => values.includes(value) || EXT_TERM.test(value), {
      error: `must be one of ${shown}, … or an extension term such as "ext:ErasmusPIC"`,
    }),
  )
}

/** Open Badges 3.0 AchievementType values (besides `ext:` terms). */
export const ACHIEVEMENT_TYPES = [
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award', 'Badge',
  'BachelorDegree', 'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService', 'Competency',
  'Course', 'CoCurricular', 'Degree', 'Diploma', 'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment',
  'JourneymanCertificate', 'LearningProgram', 'License', 'Membership', 'ProfessionalDoctorate',
  'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential', 'ResearchDoctorate',
  'SecondarySchoolDiploma',
] as const
