import * as z from 'zod/mini'
import { LIMITS } from '../constants.js'
import type { EuElement } from '../eu-elements.js'
import { countryCode, email, list, objectError, text, uri } from './fields.js'
import { describeValue, euSuffix } from './messages.js'
import { ALIGNMENT_TARGET_TYPES, extensibleEnum, IDENTIFIER_TYPES, RESULT_STATUSES, RESULT_TYPES } from './ob-enums.js'

/**
 * Building blocks of Open Badges 3.0 credentials, mirroring the official JSON Schema: objects accept extra
 * properties (additionalProperties: true) except IdentityObject, IdentifierEntry and Image, which are closed.
 */

/** Plain string with a length cap and no other rule (OB `String`). */
export function plain(label: string, max: number, eu?: EuElement) {
  return z.string({
    error: (issue) =>
      issue.input === undefined ? `${label} is required${euSuffix(eu)}` : `must be text, not ${describeValue(issue.input)}${euSuffix(eu)}`,
  }).check(z.maxLength(max, { error: `must be at most ${max} characters${euSuffix(eu)}` }))
}

/** A `type` array that contains every one of `required` (and may hold more IRIs). */
export function typeArray<const T extends string>(required: readonly T[], label: string, eu?: EuElement) {
  const names = required.map((value) => `"${value}"`).join(' and ')
  return z
    .array(plain('a type', LIMITS.uri), {
      error: (issue) =>
        issue.input === undefined
          ? `${label} is required${euSuffix(eu)}`
          : `must be a list of types containing ${names}, not ${describeValue(issue.input)}${euSuffix(eu)}`,
    })
    .check(
      z.maxLength(LIMITS.listItems, { error: `must have at most ${LIMITS.listItems} types` }),
      z.refine((types: string[]) => required.every((value) => types.includes(value)), {
        error: `must be a list containing ${names}${euSuffix(eu)}`,
      }),
    )
}

/** OB Image: `{ id, type: "Image", caption? }` (closed). */
export const Image = z.strictObject(
  {
    id: plain('the image URL', LIMITS.image),
    type: z.literal('Image', { error: 'must be "Image"' }),
    caption: z.optional(plain('the caption', LIMITS.shortText)),
  },
  objectError('the image'),
)

/** OB IdentifierEntry (closed). */
export const IdentifierEntry = z.strictObject(
  {
    type: z.literal('IdentifierEntry', { error: 'must be "IdentifierEntry"' }),
    identifier: plain('the identifier', LIMITS.shortText),
    identifierType: extensibleEnum(IDENTIFIER_TYPES, 'the identifier type'),
  },
  objectError('the identifier entry'),
)

/** OB IdentityObject (closed): a plaintext or hashed identifier of the learner. */
export const IdentityObject = z
  .strictObject(
    {
      type: z.literal('IdentityObject', { error: 'must be "IdentityObject"' }),
      identityType: extensibleEnum(IDENTIFIER_TYPES, 'the identity type'),
      // A two-value literal: what z.boolean accepts, without a boolean schema class in the widget bundle.
      hashed: z.literal([true, false], { error: (issue) => (issue.input === undefined ? 'hashed is required' : 'must be true or false') }),
      identityHash: plain('the identity value', LIMITS.name, 1),
      salt: z.optional(plain('the salt', LIMITS.shortText)),
    },
    objectError('the identity object', 1),
  )
  .check(
    z.refine((identity) => !identity.hashed || /^(md5|sha256)\$[0-9a-fA-F]+$/.test(identity.identityHash), {
      error: 'a hashed identity must look like "sha256$<hex>"',
      path: ['identityHash'],
    }),
  )

const addressShape = {
  type: typeArray(['Address'], 'the address type'),
  addressCountry: z.optional(plain('the country', LIMITS.shortText, 3)),
  addressRegion: z.optional(plain('the region', LIMITS.shortText, 3)),
  addressLocality: z.optional(plain('the locality', LIMITS.shortText)),
  streetAddress: z.optional(plain('the street address', LIMITS.shortText)),
  postalCode: z.optional(plain('the postal code', LIMITS.shortText)),
}
const addressCountryCode = countryCode({ label: 'the country code of the issuer', eu: 3 })

/** OB Address (country code optional). */
export const Address = z.looseObject(
  { ...addressShape, addressCountryCode: z.optional(addressCountryCode) },
  objectError('the address of the issuer', 3),
)

/** OB Address of an EU issuer: the ISO 3166-1 alpha-2 country code is required (element 3). */
export const EuAddress = z.looseObject(
  { ...addressShape, addressCountryCode },
  objectError('the address of the issuer', 3),
)

const profileShape = {
  id: uri({ label: 'the issuer id' }),
  type: typeArray(['Profile'], 'the profile type'),
  url: z.optional(plain('the web address', LIMITS.uri)),
  email: z.optional(email({ label: 'the e-mail address' })),
  description: z.optional(plain('the description', LIMITS.longText)),
  image: z.optional(Image),
  otherIdentifier: z.optional(list(IdentifierEntry, { label: 'other identifiers', itemLabel: 'identifier', max: LIMITS.listItems, min: 0 })),
}

/** OB Profile as the loose OB schema allows it (name and address optional). */
export const LooseProfile = z.looseObject(
  {
    ...profileShape,
    name: z.optional(plain('the name', LIMITS.name)),
    address: z.optional(Address),
  },
  objectError('the issuer profile'),
)

/** OB Profile of an EU micro-credential issuer: name (element 4) and country code (element 3) required. */
export const EuIssuerProfile = z.looseObject(
  {
    ...profileShape,
    name: text({ label: 'the name of the awarding body', eu: 4, max: LIMITS.name }),
    address: EuAddress,
  },
  objectError('the issuer (awarding body)', 4),
)

/** OB Alignment. */
export const Alignment = z.looseObject(
  {
    type: typeArray(['Alignment'], 'the alignment type'),
    targetName: plain('the alignment name', LIMITS.name),
    targetUrl: uri({ label: 'the alignment URL' }),
    targetType: z.optional(extensibleEnum(ALIGNMENT_TARGET_TYPES, 'the alignment target type')),
    targetCode: z.optional(plain('the alignment code', LIMITS.shortText)),
    targetFramework: z.optional(plain('the alignment framework', LIMITS.name)),
    targetDescription: z.optional(plain('the alignment description', LIMITS.longText)),
  },
  objectError('the alignment'),
)

/** OB Criteria. */
export const Criteria = z.looseObject(
  {
    id: z.optional(uri({ label: 'the criteria URL' })),
    narrative: z.optional(plain('the criteria narrative', LIMITS.longText)),
  },
  objectError('the criteria'),
)

/** OB ResultDescription. */
export const ResultDescription = z.looseObject(
  {
    id: uri({ label: 'the result description id' }),
    type: typeArray(['ResultDescription'], 'the result description type'),
    name: plain('the result description name', LIMITS.name),
    resultType: extensibleEnum(RESULT_TYPES, 'the result type'),
    allowedValue: z.optional(list(plain('an allowed value', LIMITS.shortText), { label: 'the allowed values', itemLabel: 'allowed value', max: LIMITS.listItems, min: 0 })),
    requiredValue: z.optional(plain('the required value', LIMITS.shortText)),
  },
  objectError('the result description'),
)

/** OB Result. */
export const Result = z.looseObject(
  {
    type: typeArray(['Result'], 'the result type'),
    resultDescription: z.optional(uri({ label: 'the result description reference' })),
    value: z.optional(plain('the result value', LIMITS.shortText)),
    status: z.optional(z.literal(RESULT_STATUSES, { error: `must be one of ${RESULT_STATUSES.map((s) => `"${s}"`).join(', ')}` })),
    achievedLevel: z.optional(uri({ label: 'the achieved level' })),
  },
  objectError('the result'),
)

/** OB CredentialSchema entry. */
export const CredentialSchemaEntry = z.looseObject(
  {
    id: uri({ label: 'the schema URL' }),
    type: plain('the schema type', LIMITS.uri),
  },
  objectError('the credential schema'),
)

/** OB CredentialStatus: one object with `id` and `type`. */
export const CredentialStatus = z.looseObject(
  {
    id: uri({ label: 'the status id' }),
    type: plain('the status type', LIMITS.uri),
  },
  objectError('the credential status'),
)

/** A proof (embedded Data Integrity proof etc.); only its `type` is checked here. */
export const Proof = z.looseObject({ type: plain('the proof type', LIMITS.uri) }, objectError('the proof'))
