import * as z from 'zod/mini'
import { knownPartsCheck, path } from './lib/known-parts.js'
import { EuIssuerProfile } from './lib/ob-parts.js'
import { type MicroCredential, MicroCredentialAchievement, microCredentialSchema } from './micro-credential.js'

const check = knownPartsCheck(
  [
    { at: path('credentialSubject', 'achievement'), schema: MicroCredentialAchievement },
    { at: path('issuer'), schema: EuIssuerProfile },
  ],
  () => microCredentialSchema(z.unknown(), z.unknown()),
)

/**
 * True when `MicroCredential` accepts `value` — always the same answer as `MicroCredential.safeParse(value).success`,
 * but faster over many credentials of one issuer: the achievement (course) and the issuer profile, most of the work,
 * are checked once per distinct content (a few copies of each are kept and compared property by property), the rest
 * of every credential in full. Use `MicroCredential.safeParse` to learn what is wrong.
 *
 * @example
 * ```ts
 * import { isMicroCredential, MicroCredential, formatSchemaIssues } from '@microcert/schemas'
 * if (!isMicroCredential(json)) console.log(formatSchemaIssues(MicroCredential.safeParse(json).error!))
 * ```
 * Errors: none; it never throws for bad data.
 */
export function isMicroCredential(value: unknown): value is MicroCredential {
  return check(value)
}
