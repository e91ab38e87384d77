import { ALIGNMENT_TARGET_TYPE } from './constants.js'
import type { EuElement } from './eu-elements.js'

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function nonEmptyText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

function nonEmptyList(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0
}

function positiveNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}

/**
 * Lists which of the 11 mandatory EU micro-credential elements (numbers 1–11, see `EU_ELEMENTS`) a credential
 * lacks. It checks presence, not form: use `MicroCredential` to check form. Accepts any value; a non-object lacks all 11.
 *
 * @example
 * ```ts
 * import { missingEuElements, EU_ELEMENTS } from '@microcert/schemas'
 * const missing = missingEuElements(credential) // e.g. [9, 11]
 * missing.map((n) => EU_ELEMENTS[n]) // ['type of assessment', 'type of quality assurance']
 * ```
 * Produces no errors; core reports a non-empty result as the warning ERR_EU_ELEMENTS_MISSING.
 */
export function missingEuElements(credential: unknown): EuElement[] {
  const root = record(credential) ?? {}
  const subject = record(root['credentialSubject']) ?? {}
  const achievement = record(subject['achievement']) ?? {}
  const issuer = record(root['issuer'])
  const address = record(issuer?.['address'])
  // Array.from, not .map: an array given as an object may carry a "constructor" property, which .map would call.
  const alignments = Array.isArray(achievement['alignment']) ? Array.from(achievement['alignment'] as unknown[], record) : []

  const present: Record<EuElement, boolean> = {
    1: nonEmptyText(subject['id']) || nonEmptyList(subject['identifier']),
    2: nonEmptyText(achievement['name']),
    3: nonEmptyText(address?.['addressCountryCode']) || nonEmptyText(address?.['addressCountry']),
    4: nonEmptyText(issuer?.['name']) || nonEmptyList(achievement['awardingBody']),
    5: nonEmptyText(root['validFrom']) || nonEmptyText(root['awardedDate']) || nonEmptyText(root['issuanceDate']),
    6: nonEmptyList(achievement['learningOutcome']) ||
      alignments.some((alignment) => alignment?.['targetType'] === ALIGNMENT_TARGET_TYPE.escoSkill),
    7: positiveNumber(achievement['ectsCredits']) || positiveNumber(achievement['creditsAvailable']) ||
      nonEmptyText(achievement['volumeOfLearning']),
    8: alignments.some(
      (alignment) =>
        alignment?.['targetType'] === ALIGNMENT_TARGET_TYPE.eqfLevel ||
        alignment?.['targetType'] === ALIGNMENT_TARGET_TYPE.qfEheaCycle,
    ),
    9: nonEmptyList(achievement['typeOfAssessment']),
    10: nonEmptyText(achievement['formOfParticipation']),
    11: nonEmptyList(achievement['qualityAssurance']),
  }
  return (Object.keys(present).map(Number) as EuElement[]).filter((element) => !present[element])
}
