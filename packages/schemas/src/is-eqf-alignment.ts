import { ALIGNMENT_TARGET_TYPE, EQF_LEVEL_URL_BASE } from './constants.js'

/**
 * True when an alignment states an EQF level (EU element 8) the way microcert writes it: `targetType` "ext:EQFLevel",
 * `targetCode` "1"–"8" and `targetUrl` the EU's EQF concept IRI for that level.
 *
 * @example
 * ```ts
 * import { isEqfAlignment } from '@microcert/schemas'
 * const eqf = credential.credentialSubject.achievement.alignment.find(isEqfAlignment)
 * eqf?.targetCode // '6'
 * ```
 * Produces no errors.
 */
export function isEqfAlignment(alignment: { targetType?: string | undefined; targetCode?: string | undefined; targetUrl: string }): boolean {
  return (
    alignment.targetType === ALIGNMENT_TARGET_TYPE.eqfLevel &&
    /^[1-8]$/.test(alignment.targetCode ?? '') &&
    alignment.targetUrl === `${EQF_LEVEL_URL_BASE}${alignment.targetCode}`
  )
}
