import * as z from 'zod/mini'
import { LIMITS, OB_EXTENSIONS_CONTEXT_URL, VC_V2_CONTEXT_URL } from '../constants.js'
import { anyObject, dateTimeStamp, languageTag, list, number, objectError, uri } from './fields.js'
import { describeValue } from './messages.js'
import { ACHIEVEMENT_TYPES, extensibleEnum } from './ob-enums.js'
import {
  Alignment,
  Criteria,
  CredentialSchemaEntry,
  CredentialStatus,
  IdentifierEntry,
  IdentityObject,
  Image,
  plain,
  Proof,
  Result,
  ResultDescription,
  typeArray,
} from './ob-parts.js'
import { OB_CONTEXT_URL } from './patterns.js'

/** One `@context` item: a URL or an inline context object. */
const ContextItem = z.union([
  plain('a context URL', LIMITS.uri),
  anyObject({ error: 'must be a context URL or an inline context object' }),
])

/** `@context` of an Open Badges 3.0 credential on VC 2.0. */
export const ObContext = z
  .array(ContextItem, {
    error: (issue) => (issue.input === undefined ? '"@context" is required' : `must be a list of contexts, not ${describeValue(issue.input)}`),
  })
  .check(
    z.maxLength(16, { error: 'must have at most 16 contexts' }),
    z.refine((contexts) => contexts[0] === VC_V2_CONTEXT_URL, {
      error: `must start with "${VC_V2_CONTEXT_URL}" (a VC Data Model 2.0 credential)`,
      abort: true,
    }),
    z.refine((contexts) => typeof contexts[1] === 'string' && OB_CONTEXT_URL.test(contexts[1]), {
      error: 'must have the Open Badges 3.0 context (e.g. "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json") second',
    }),
  )

/** `@context` of a microcert EU micro-credential: OB, the OB extensions context and the inline EU context. */
export const EuContext = ObContext.check(
  z.refine((contexts) => contexts.includes(OB_EXTENSIONS_CONTEXT_URL), {
    error: `must include "${OB_EXTENSIONS_CONTEXT_URL}"`,
  }),
  z.refine((contexts) => contexts.some((item) => typeof item === 'object' && item !== null && 'learningOutcome' in item), {
    error: 'must include the EU micro-credential context object (use CREDENTIAL_CONTEXTS from @microcert/schemas)',
  }),
)

/** Credential `type`: VerifiableCredential plus OpenBadgeCredential or AchievementCredential. */
export const CredentialType = typeArray(['VerifiableCredential'], 'the credential type').check(
  z.refine((types: string[]) => types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'), {
    error: 'must contain "OpenBadgeCredential" (or "AchievementCredential")',
  }),
)

/** Fields every OB Achievement has, EU or not. */
export const achievementBaseShape = {
  id: uri({ label: 'the achievement id' }),
  criteria: Criteria,
  achievementType: z.optional(extensibleEnum(ACHIEVEMENT_TYPES, 'the achievement type')),
  alignment: z.optional(list(Alignment, { label: 'the alignments', itemLabel: 'alignment', max: LIMITS.listItems, min: 0 })),
  resultDescription: z.optional(
    list(ResultDescription, { label: 'the result descriptions', itemLabel: 'result description', max: LIMITS.listItems, min: 0 }),
  ),
  inLanguage: z.optional(languageTag({ label: 'the language' })),
  fieldOfStudy: z.optional(plain('the field of study', LIMITS.shortText)),
  humanCode: z.optional(plain('the course code', LIMITS.shortText)),
  specialization: z.optional(plain('the specialization', LIMITS.shortText)),
  version: z.optional(plain('the version', LIMITS.shortText)),
  tag: z.optional(list(plain('a tag', LIMITS.shortText), { label: 'the tags', itemLabel: 'tag', max: LIMITS.listItems, min: 0 })),
  image: z.optional(Image),
  otherIdentifier: z.optional(list(IdentifierEntry, { label: 'other identifiers', itemLabel: 'identifier', max: LIMITS.listItems, min: 0 })),
}

/** Fields every OB AchievementSubject has (except `achievement`, `id`, `identifier`). */
export const subjectBaseShape = {
  type: typeArray(['AchievementSubject'], 'the credential subject type'),
  result: z.optional(list(Result, { label: 'the results', itemLabel: 'result', max: LIMITS.listItems, min: 0 })),
  creditsEarned: z.optional(number({ label: 'the credits earned', eu: 7, min: 0, max: 10_000, unit: 'credits' })),
  activityStartDate: z.optional(dateTimeStamp({ label: 'the start date' })),
  activityEndDate: z.optional(dateTimeStamp({ label: 'the end date' })),
  narrative: z.optional(plain('the narrative', LIMITS.longText)),
  licenseNumber: z.optional(plain('the license number', LIMITS.shortText)),
  role: z.optional(plain('the role', LIMITS.shortText)),
  image: z.optional(Image),
  id: z.optional(uri({ label: "the learner's id", eu: 1 })),
  identifier: z.optional(list(IdentityObject, { label: "the learner's identifiers", itemLabel: 'identifier', eu: 1, max: LIMITS.listItems, min: 0 })),
}

/** Fields every OB credential has (except `@context`, `issuer`, `credentialSubject`). */
export const credentialBaseShape = {
  id: uri({ label: 'the credential id' }),
  type: CredentialType,
  name: z.optional(plain('the credential name', LIMITS.name)),
  description: z.optional(plain('the credential description', LIMITS.longText)),
  image: z.optional(Image),
  validFrom: dateTimeStamp({ label: 'the date of issuing (validFrom)', eu: 5 }),
  validUntil: z.optional(dateTimeStamp({ label: 'the expiry date (validUntil)' })),
  awardedDate: z.optional(dateTimeStamp({ label: 'the date of award', eu: 5 })),
  credentialSchema: z.optional(
    list(CredentialSchemaEntry, { label: 'the credential schemas', itemLabel: 'credential schema', max: 16, min: 0 }),
  ),
  credentialStatus: z.optional(CredentialStatus),
  proof: z.optional(list(Proof, { label: 'the proofs', itemLabel: 'proof', max: 16, min: 0 })),
  evidence: z.optional(
    list(z.looseObject({}, objectError('the evidence')), { label: 'the evidence', itemLabel: 'evidence item', max: LIMITS.listItems, min: 0 }),
  ),
}

/** True when `validUntil` (if any) is not before `validFrom`. */
export function validityOrdered(credential: { validFrom: string; validUntil?: string | undefined }): boolean {
  return credential.validUntil === undefined || Date.parse(credential.validFrom) <= Date.parse(credential.validUntil)
}

export { IdentityObject }
