import * as z from 'zod/mini'
import {
  ALIGNMENT_TARGET_TYPE,
  EQF_LEVEL_URL_BASE,
  LIMITS,
  MICRO_CREDENTIAL_ACHIEVEMENT_CLASS,
  MICRO_CREDENTIAL_ACHIEVEMENT_TYPE,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
} from './constants.js'
import {
  achievementBaseShape,
  credentialBaseShape,
  EuContext,
  subjectBaseShape,
  validityOrdered,
} from './lib/credential-parts.js'
import { list, number, objectError, text, whenValid } from './lib/fields.js'
import { euSuffix } from './lib/messages.js'
import { Alignment, CredentialSchemaEntry, CredentialStatus, EuIssuerProfile, plain, typeArray } from './lib/ob-parts.js'
import { BitstringStatusListEntry } from './status-list.js'
import { euAchievementShape } from './lib/eu-achievement-shape.js'
import { isEqfAlignment } from './is-eqf-alignment.js'

const MicroCredentialAchievement = z
  .looseObject(
    {
      ...achievementBaseShape,
      type: typeArray(['Achievement', MICRO_CREDENTIAL_ACHIEVEMENT_CLASS], 'the achievement type'),
      achievementType: z.literal(MICRO_CREDENTIAL_ACHIEVEMENT_TYPE, {
        error: `must be "${MICRO_CREDENTIAL_ACHIEVEMENT_TYPE}"`,
      }),
      name: text({ label: 'the title', eu: 2, max: LIMITS.name }),
      description: plain('the description', LIMITS.longText),
      creditsAvailable: number({ label: 'the number of credits (creditsAvailable)', eu: 7, min: 0, exclusiveMin: true, max: 180, unit: 'ECTS credits' }),
      alignment: list(Alignment, { label: 'the alignments', itemLabel: 'alignment (the EQF level)', eu: 8, max: LIMITS.listItems }).check(
        z.refine((alignments) => alignments.some(isEqfAlignment), {
          error: `an EQF level is required: an alignment with targetType "${ALIGNMENT_TARGET_TYPE.eqfLevel}", targetCode "1"–"8" and targetUrl "${EQF_LEVEL_URL_BASE}<level>"${euSuffix(8)}`,
        }),
      ),
      ...euAchievementShape,
    },
    objectError('the achievement (course)'),
  )
  .check(
    z.refine((achievement) => achievement.creditsAvailable === achievement.ectsCredits, {
      error: `must equal ectsCredits${euSuffix(7)}`,
      path: ['creditsAvailable'],
      when: whenValid,
    }),
  )

const MicroCredentialSubject = z
  .looseObject({ ...subjectBaseShape, achievement: MicroCredentialAchievement }, objectError('the credential subject (learner)', 1))
  .check(
    z.refine((subject) => subject.id !== undefined || (subject.identifier?.length ?? 0) > 0, {
      error: `the learner must be identified by an identifier (e.g. their name) or an id${euSuffix(1)}`,
      path: ['identifier'],
      when: whenValid,
    }),
  )

/**
 * A complete EU micro-credential: an Open Badges 3.0 `OpenBadgeCredential` on VC Data Model 2.0 with
 * `achievementType: "MicroCredential"` and all 11 mandatory elements of the EU Council Recommendation, placed as
 * microcert's design says (OB fields where they exist, the inline EU context for the rest). Whatever it accepts
 * also validates against the official Open Badges 3.0 and W3C VC 2.0 JSON Schemas.
 *
 * @example
 * ```ts
 * import { MicroCredential, formatSchemaIssues } from '@microcert/schemas'
 * const result = MicroCredential.safeParse(credential)
 * if (!result.success) console.log(formatSchemaIssues(result.error))
 * ```
 * Errors: `.parse` throws a ZodError whose issues name the EU element; core reports them as ERR_SCHEMA_INVALID
 * or ERR_EU_ELEMENTS_MISSING.
 */
export const MicroCredential = z
  .looseObject(
    {
      '@context': EuContext,
      ...credentialBaseShape,
      issuer: EuIssuerProfile,
      credentialSubject: MicroCredentialSubject,
      credentialStatus: z.optional(
        CredentialStatus.check(
          z.superRefine(
            (status, ctx) => {
              if (status.type !== 'BitstringStatusListEntry') return
              const entry = BitstringStatusListEntry.safeParse(status)
              for (const issue of entry.error?.issues ?? []) {
                ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message, input: status })
              }
            },
            { when: whenValid },
          ),
        ),
      ),
      credentialSchema: list(CredentialSchemaEntry, { label: 'the credential schemas', itemLabel: 'credential schema', max: 16 }).check(
        z.refine((schemas) => schemas.some((schema) => schema.id === OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID), {
          error: `must include the Open Badges schema "${OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID}"`,
        }),
      ),
    },
    objectError('the credential'),
  )
  .check(z.refine(validityOrdered, { error: 'must not be before validFrom', path: ['validUntil'], when: whenValid }))

/** A complete EU micro-credential, see {@link MicroCredential}. */
export type MicroCredential = z.infer<typeof MicroCredential>
