import * as z from 'zod/mini'
import { crossFieldChecks, inputShape } from './micro-credential-input.js'
import { objectError } from './lib/fields.js'

/**
 * `MicroCredentialInput` without `issuer`: what an issuer store's `issue()` takes, since the store supplies its
 * own issuer profile. Same fields, same rules, same messages.
 *
 * @example
 * ```ts
 * import { IssueInput } from '@microcert/schemas'
 * const row = IssueInput.parse({ learner: { name: 'Jana Nováková' }, achievement: course })
 * ```
 * Errors: `.parse` throws a ZodError; core reports it as ERR_INPUT_INVALID.
 */
export const IssueInput = z.strictObject(inputShape, objectError('the micro-credential input')).check(crossFieldChecks)

/** The input of one credential issued by an issuer store, see {@link IssueInput}. */
export type IssueInput = z.infer<typeof IssueInput>
