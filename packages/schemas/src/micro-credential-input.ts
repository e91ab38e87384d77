import * as z from 'zod/mini'
import { LIMITS } from './constants.js'
import { IssuerProfile, imageReference } from './issuer-profile.js'
import {
  countryCode,
  dateTimeStamp,
  duration,
  email,
  httpUrl,
  languageTag,
  list,
  number,
  objectError,
  oneOf,
  text,
  uri,
  whenValid,
} from './lib/fields.js'
import { euSuffix } from './lib/messages.js'

const Learner = z.strictObject(
  {
    name: text({ label: "the learner's name", eu: 1, max: LIMITS.name }),
    id: z.optional(uri({ label: "the learner's DID or URL", eu: 1 })),
    email: z.optional(email({ label: "the learner's e-mail address", eu: 1 })),
    studentId: z.optional(text({ label: "the learner's student number", eu: 1, max: LIMITS.shortText })),
  },
  objectError('the learner', 1),
)

const EscoSkill = z.strictObject(
  {
    uri: httpUrl({ label: 'the ESCO skill URI', eu: 6 }),
    name: text({ label: 'the ESCO skill name', eu: 6, max: LIMITS.name }),
  },
  objectError('the ESCO skill', 6),
)

const QualityAssuranceInput = z.strictObject(
  {
    name: text({ label: 'the name of the quality assurance', eu: 11, max: LIMITS.name }),
    type: z.optional(text({ label: 'the type of quality assurance', eu: 11, max: LIMITS.shortText })),
    body: z.optional(text({ label: 'the quality assurance body', eu: 11, max: LIMITS.name })),
    url: z.optional(httpUrl({ label: 'the quality assurance web address', eu: 11 })),
  },
  objectError('the quality assurance', 11),
)

const AwardingBodyInput = z.strictObject(
  {
    id: uri({ label: 'the awarding body identifier (DID or URL)', eu: 4 }),
    name: text({ label: 'the awarding body name', eu: 4, max: LIMITS.name }),
    country: z.optional(countryCode({ label: 'the awarding body country', eu: 3 })),
  },
  objectError('the awarding body', 4),
)

const Grading = z.strictObject(
  {
    name: text({ label: 'the name of the grading scheme', max: LIMITS.name }),
    type: oneOf(['LetterGrade', 'Percent', 'PerformanceLevel', 'RawScore', 'Status', 'GradePointAverage'], {
      label: 'the grading type',
    }),
    allowedValues: z.optional(
      list(text({ label: 'an allowed grade', max: LIMITS.shortText }), {
        label: 'the allowed grades',
        itemLabel: 'allowed grade',
        max: LIMITS.listItems,
      }),
    ),
    requiredValue: z.optional(text({ label: 'the pass grade', max: LIMITS.shortText })),
  },
  objectError('the grading scheme'),
)

export const AchievementInput = z.strictObject(
  {
    id: z.optional(uri({ label: 'the course URL' })),
    title: text({ label: 'the title', eu: 2, max: LIMITS.name }),
    description: text({ label: 'the description', max: LIMITS.longText }),
    criteria: z.optional(text({ label: 'the criteria', max: LIMITS.longText })),
    learningOutcomes: list(text({ label: 'a learning outcome', eu: 6, max: LIMITS.learningOutcome }), {
      label: 'the learning outcomes',
      itemLabel: 'learning outcome',
      eu: 6,
      max: LIMITS.listItems,
    }),
    escoSkills: z.optional(
      list(EscoSkill, { label: 'the ESCO skills', itemLabel: 'ESCO skill', eu: 6, max: LIMITS.listItems, min: 0 }),
    ),
    ects: number({ label: 'the number of ECTS credits', eu: 7, min: 0, exclusiveMin: true, max: 180, unit: 'ECTS credits' }),
    volumeOfLearning: z.optional(duration({ label: 'the volume of learning', eu: 7 })),
    eqfLevel: z.literal([1, 2, 3, 4, 5, 6, 7, 8], {
      error: (issue) =>
        issue.input === undefined
          ? `the EQF level is required${euSuffix(8)}`
          : `must be the EQF level, a whole number from 1 to 8${euSuffix(8)}`,
    }),
    qfEheaCycle: z.optional(oneOf(['short', 'first', 'second', 'third'], { label: 'the QF-EHEA cycle', eu: 8 })),
    assessment: list(text({ label: 'a type of assessment', eu: 9, max: LIMITS.shortText }), {
      label: 'the types of assessment',
      itemLabel: 'type of assessment',
      eu: 9,
      max: LIMITS.listItems,
    }),
    participation: oneOf(['online', 'onsite', 'blended'], { label: 'the form of participation', eu: 10 }),
    participationNote: z.optional(text({ label: 'the participation note', eu: 10, max: LIMITS.shortText })),
    qualityAssurance: list(QualityAssuranceInput, {
      label: 'the quality assurance',
      itemLabel: 'quality assurance entry',
      eu: 11,
      max: LIMITS.listItems,
    }),
    awardingBodies: z.optional(
      list(AwardingBodyInput, { label: 'the awarding bodies', itemLabel: 'awarding body', eu: 4, max: LIMITS.listItems, min: 0 }),
    ),
    language: z.optional(languageTag({ label: 'the language' })),
    fieldOfStudy: z.optional(text({ label: 'the field of study', max: LIMITS.shortText })),
    humanCode: z.optional(text({ label: 'the course code', max: LIMITS.shortText })),
    prerequisites: z.optional(
      list(text({ label: 'a prerequisite', max: LIMITS.shortText }), {
        label: 'the prerequisites',
        itemLabel: 'prerequisite',
        max: LIMITS.listItems,
        min: 0,
      }),
    ),
    supervision: z.optional(
      oneOf(['unsupervised-no-id', 'supervised-no-id', 'supervised-with-id'], { label: 'the supervision and identity verification' }),
    ),
    stackability: z.optional(oneOf(['stand-alone', 'stackable'], { label: 'the integration/stackability option' })),
    grading: z.optional(Grading),
    image: z.optional(imageReference('the course image')),
  },
  objectError('the achievement (course)'),
).check(
  z.superRefine((achievement, ctx) => {
    const grading = achievement.grading
    if (grading?.requiredValue !== undefined && grading.allowedValues && !grading.allowedValues.includes(grading.requiredValue)) {
      ctx.addIssue({
        code: 'custom',
        path: ['grading', 'requiredValue'],
        message: `must be one of the allowed grades (${quotedList(grading.allowedValues)})`,
        input: grading.requiredValue,
      })
    }
  }, { when: whenValid }),
)

function ordered(earlier: string | undefined, later: string | undefined): boolean {
  return earlier === undefined || later === undefined || Date.parse(earlier) <= Date.parse(later)
}

/** Fields of the input besides the issuer (shared with `IssueInput`). */
export const inputShape = {
  learner: Learner,
  achievement: AchievementInput,
  issuedAt: z.optional(dateTimeStamp({ label: 'the date of issuing', eu: 5 })),
  awardedAt: z.optional(dateTimeStamp({ label: 'the date of award', eu: 5 })),
  validUntil: z.optional(dateTimeStamp({ label: 'the expiry date' })),
  grade: z.optional(text({ label: 'the grade', max: LIMITS.shortText })),
  creditsEarned: z.optional(number({ label: 'the ECTS credits earned', eu: 7, min: 0, max: 180, unit: 'ECTS credits' })),
  activityStartDate: z.optional(dateTimeStamp({ label: 'the start date' })),
  activityEndDate: z.optional(dateTimeStamp({ label: 'the end date' })),
  narrative: z.optional(text({ label: 'the further information', max: LIMITS.longText })),
}

interface CrossChecked {
  achievement: { ects: number; grading?: { allowedValues?: string[] | undefined } | undefined }
  issuedAt?: string | undefined
  validUntil?: string | undefined
  activityStartDate?: string | undefined
  activityEndDate?: string | undefined
  creditsEarned?: number | undefined
  grade?: string | undefined
}

/** Rules that involve more than one field (dates in order, credits earned within the course, grade allowed). */
export const crossFieldChecks = z.superRefine((input: CrossChecked, ctx) => {
  if (!ordered(input.issuedAt, input.validUntil)) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be later than the date of issuing (issuedAt)', input: input.validUntil })
  }
  if (!ordered(input.activityStartDate, input.activityEndDate)) {
    ctx.addIssue({ code: 'custom', path: ['activityEndDate'], message: 'must not be before the start date (activityStartDate)', input: input.activityEndDate })
  }
  if (input.creditsEarned !== undefined && input.creditsEarned > input.achievement.ects) {
    ctx.addIssue({
      code: 'custom',
      path: ['creditsEarned'],
      message: `must not exceed the ECTS credits of the course (${input.achievement.ects})${euSuffix(7)}`,
      input: input.creditsEarned,
    })
  }
  const allowed = input.achievement.grading?.allowedValues
  if (input.grade !== undefined && allowed && !allowed.includes(input.grade)) {
    ctx.addIssue({
      code: 'custom',
      path: ['grade'],
      message: `must be one of the allowed grades (${quotedList(allowed)})`,
      input: input.grade,
    })
  }
}, { when: whenValid })

/**
 * What a caller, a CSV row or a JSON file supplies to build one EU micro-credential: the learner, the course
 * (achievement) with every mandatory EU element in friendly form, the issuer profile, and dates. Unknown fields are
 * rejected, so a misspelt column is reported instead of silently dropped.
 *
 * @example
 * ```ts
 * import { MicroCredentialInput, formatSchemaIssues } from '@microcert/schemas'
 * const result = MicroCredentialInput.safeParse(row)
 * if (!result.success) console.error(formatSchemaIssues(result.error).join('\n'))
 * ```
 * Errors: `.parse` throws a ZodError whose issues name the path and EU element; core's `buildCredential` reports
 * them as ERR_INPUT_INVALID with `details.issues` = `formatSchemaIssues(error)`.
 */
export const MicroCredentialInput = z
  .strictObject({ ...inputShape, issuer: IssuerProfile }, objectError('the micro-credential input'))
  .check(crossFieldChecks)

/** The input of one EU micro-credential, see {@link MicroCredentialInput}. */
export type MicroCredentialInput = z.infer<typeof MicroCredentialInput>

// Array.from, not .map: the list reaches here as the caller gave it, and an array carrying a "constructor" property
// makes .map throw a TypeError instead of the schema reporting an issue.
function quotedList(values: readonly string[]): string {
  return Array.from(values, (value) => `"${value}"`).join(', ')
}
