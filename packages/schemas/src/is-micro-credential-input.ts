import * as z from 'zod/mini'
import { IssuerProfile } from './issuer-profile.js'
import { knownPartsCheck, path } from './lib/known-parts.js'
import { objectError } from './lib/fields.js'
import { AchievementInput, crossFieldChecks, inputShape, type MicroCredentialInput } from './micro-credential-input.js'

const check = knownPartsCheck(
  [
    { at: path('achievement'), schema: AchievementInput },
    { at: path('issuer'), schema: IssuerProfile },
  ],
  // MicroCredentialInput with the course and the issuer accepted as anything; its rules across fields read the course
  // only when every field, the course included, is valid.
  () =>
    z
      .strictObject(
        { ...inputShape, achievement: z.custom<z.infer<typeof AchievementInput>>(), issuer: z.unknown() },
        objectError('the micro-credential input'),
      )
      .check(crossFieldChecks),
)

/**
 * True when `MicroCredentialInput` accepts `value` — always the same answer as
 * `MicroCredentialInput.safeParse(value).success`, but faster over a batch: the course (`achievement`) and the issuer
 * profile that every row shares are checked once per distinct content (a few copies of each are kept and compared
 * property by property), the learner and the rest of every row in full. The schema transforms nothing, so a value it
 * accepts can be used as it is. Use `MicroCredentialInput.safeParse` to learn what is wrong.
 *
 * @example
 * ```ts
 * import { isMicroCredentialInput, MicroCredentialInput, formatSchemaIssues } from '@microcert/schemas'
 * for (const row of rows) if (!isMicroCredentialInput(row)) console.log(formatSchemaIssues(MicroCredentialInput.safeParse(row).error!))
 * ```
 * Errors: none; it never throws for bad data.
 */
export function isMicroCredentialInput(value: unknown): value is MicroCredentialInput {
  return check(value)
}
