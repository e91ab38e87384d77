/**
 * The 11 mandatory elements of an EU micro-credential (Council Recommendation 2022/C 243/02, Annex I),
 * keyed by their number in the Annex, in words a registrar recognises.
 *
 * @example
 * ```ts
 * import { EU_ELEMENTS } from '@microcert/schemas'
 * EU_ELEMENTS[6] // 'learning outcomes'
 * ```
 * Produces no errors.
 */
export const EU_ELEMENTS = {
  1: 'identification of the learner',
  2: 'title of the micro-credential',
  3: 'country or region of the issuer',
  4: 'awarding body',
  5: 'date of issuing',
  6: 'learning outcomes',
  7: 'notional workload',
  8: 'level (EQF, QF-EHEA cycle)',
  9: 'type of assessment',
  10: 'form of participation',
  11: 'type of quality assurance',
} as const

/** The number (1–11) of one mandatory EU micro-credential element, see {@link EU_ELEMENTS}. */
export type EuElement = keyof typeof EU_ELEMENTS
