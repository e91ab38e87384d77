import * as z from 'zod/mini'
import { LIMITS } from './constants.js'
import { objectError, uri, whenValid } from './lib/fields.js'
import {
  achievementBaseShape,
  credentialBaseShape,
  ObContext,
  subjectBaseShape,
  validityOrdered,
} from './lib/credential-parts.js'
import { LooseProfile, plain, typeArray } from './lib/ob-parts.js'

const Achievement = z.looseObject(
  {
    ...achievementBaseShape,
    type: typeArray(['Achievement'], 'the achievement type'),
    name: plain('the achievement name', LIMITS.name, 2),
    description: plain('the achievement description', LIMITS.longText),
    creditsAvailable: z.optional(z.number({ error: 'must be a number' })),
  },
  objectError('the achievement'),
)

const AchievementSubject = z.looseObject(
  { ...subjectBaseShape, achievement: Achievement },
  objectError('the credential subject'),
)

/**
 * An Open Badges 3.0 `OpenBadgeCredential` on VC Data Model 2.0, with the shape rules of the official OB JSON
 * Schema and nothing more: EU micro-credential elements are optional here. `verifyCredential` uses it to tell
 * "not an Open Badges credential" (ERR_SCHEMA_INVALID) from "an Open Badges credential that lacks EU elements"
 * (ERR_EU_ELEMENTS_MISSING, see `missingEuElements`).
 *
 * @example
 * ```ts
 * import { OpenBadgeCredential } from '@microcert/schemas'
 * const isOpenBadge = OpenBadgeCredential.safeParse(json).success
 * ```
 * Errors: `.parse` throws a ZodError; core reports it as ERR_SCHEMA_INVALID.
 */
export const OpenBadgeCredential = z
  .looseObject(
    {
      '@context': ObContext,
      ...credentialBaseShape,
      issuer: z.union([uri({ label: 'the issuer' }), LooseProfile], {
        error: (issue) => (issue.input === undefined ? 'the issuer is required' : 'must be the issuer id or an issuer profile object'),
      }),
      credentialSubject: AchievementSubject,
    },
    objectError('the credential'),
  )
  .check(
    z.refine(validityOrdered, { error: 'must not be before validFrom', path: ['validUntil'], when: whenValid }),
  )

/** An Open Badges 3.0 credential, see {@link OpenBadgeCredential}. */
export type OpenBadgeCredential = z.infer<typeof OpenBadgeCredential>
