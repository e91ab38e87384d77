import * as z from 'zod/mini'
import { EXT_TERM } from './patterns.js'

export { ACHIEVEMENT_TYPES, ALIGNMENT_TARGET_TYPES, IDENTIFIER_TYPES, RESULT_STATUSES, RESULT_TYPES } from './ob-enum-values.js'

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
