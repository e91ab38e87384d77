// Imports no Zod module, so a verifier can load the schemas only for the credentials this check is not sure about.
import {
  LIMITS,
  MICRO_CREDENTIAL_ACHIEVEMENT_CLASS,
  MICRO_CREDENTIAL_ACHIEVEMENT_TYPE,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
  OB_EXTENSIONS_CONTEXT_URL,
  VC_V2_CONTEXT_URL,
} from './constants.js'
import { isEqfAlignment } from './is-eqf-alignment.js'
import { ISO_3166_1_ALPHA_2 } from './lib/country-codes.js'
import { isRealDate } from './lib/dates.js'
import { ALIGNMENT_TARGET_TYPES, IDENTIFIER_TYPES, RESULT_STATUSES, RESULT_TYPES } from './lib/ob-enum-values.js'
import { ABSOLUTE_URI, BASE10_INDEX, DATE_TIME_STAMP, DURATION, EMAIL, EXT_TERM, HTTP_URL, LANGUAGE_TAG, OB_CONTEXT_URL } from './lib/patterns.js'

/**
 * A hand-written mirror of `MicroCredential` that may only err towards "not sure": each rule below is the schema's
 * rule or a stricter one, and every object takes only the properties listed (an unlisted one — even where the schema
 * would let it pass — means "not sure"). The soundness test (test/fast-check-soundness.test.ts) feeds it the schema's
 * negative cases and random mutations of valid credentials and holds it to "true ⇒ the schema accepts".
 */
type Check = (value: unknown) => boolean
type Record_ = Record<string, unknown>

const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value)

/** Properties a loose object of the schema does not declare: it takes them as they are, and so does this check. */
const unchecked: Check = () => true

const plain =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.length <= max

const text =
  (max: number, pattern?: RegExp): Check =>
  (value) =>
    typeof value === 'string' && value.length <= max && value.trim().length > 0 && (pattern === undefined || pattern.test(value))

const uri = text(2048, ABSOLUTE_URI)
const dateTime: Check = (value) => typeof value === 'string' && value.length <= 64 && DATE_TIME_STAMP.test(value) && isRealDate(value)

const number =
  (min: number, max: number, exclusiveMin: boolean): Check =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && (exclusiveMin ? value > min : value >= min) && value <= max

const oneOf =
  (values: readonly unknown[]): Check =>
  (value) =>
    values.includes(value)

const extensibleEnum =
  (values: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && value.length <= 256 && (values.includes(value) || EXT_TERM.test(value))

/** A list of min..max items, each passing `item` (holes included: the schema reads them as undefined). */
const list =
  (item: Check, max: number, min = 1): Check =>
  (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return false
    for (let i = 0; i < value.length; i++) if (!item(value[i])) return false
    return true
  }

const typeArray = (...required: string[]): Check => {
  const items = list(plain(LIMITS.uri), LIMITS.listItems, 0)
  return (value) => items(value) && required.every((name) => (value as unknown[]).includes(name))
}

/** A plain JSON object with only the listed properties, each passing its check, and then `rule` over the whole. */
const object = (shape: Record<string, Check>, rule?: (value: Record_) => boolean): Check => {
  const names = Object.keys(shape)
  const checks = names.map((name) => shape[name]!)
  return (value) => {
    if (!isPlainObject(value)) return false
    // for…in also walks enumerable inherited properties: on a plain object there are none unless Object.prototype was
    // polluted, and then the answer is "not sure".
    for (const key in value) if (!Object.hasOwn(shape, key)) return false
    for (let i = 0; i < names.length; i++) if (!checks[i]!((value as Record_)[names[i]!])) return false
    return rule === undefined || rule(value as Record_)
  }
}

const image = object({ id: plain(LIMITS.image), type: oneOf(['Image']), caption: optional(plain(LIMITS.shortText)) })

const identifierEntry = object({
  type: oneOf(['IdentifierEntry']),
  identifier: plain(LIMITS.shortText),
  identifierType: extensibleEnum(IDENTIFIER_TYPES),
})

const identityObject = object(
  {
    type: oneOf(['IdentityObject']),
    identityType: extensibleEnum(IDENTIFIER_TYPES),
    hashed: oneOf([true, false]),
    identityHash: plain(LIMITS.name),
    salt: optional(plain(LIMITS.shortText)),
  },
  (identity) => identity['hashed'] === false || /^(md5|sha256)\$[0-9a-fA-F]+$/.test(identity['identityHash'] as string),
)

const shortText = optional(plain(LIMITS.shortText))

const issuerProfile = object({
  id: uri,
  type: typeArray('Profile'),
  name: text(LIMITS.name),
  url: optional(plain(LIMITS.uri)),
  email: optional(text(320, EMAIL)),
  description: optional(plain(LIMITS.longText)),
  image: optional(image),
  otherIdentifier: optional(list(identifierEntry, LIMITS.listItems, 0)),
  address: object({
    type: typeArray('Address'),
    addressCountryCode: (value) => typeof value === 'string' && ISO_3166_1_ALPHA_2.has(value),
    addressCountry: shortText,
    addressRegion: shortText,
    addressLocality: shortText,
    streetAddress: shortText,
    postalCode: shortText,
  }),
})

const alignment = object({
  type: typeArray('Alignment'),
  targetName: plain(LIMITS.name),
  targetUrl: uri,
  targetType: optional(extensibleEnum(ALIGNMENT_TARGET_TYPES)),
  targetCode: shortText,
  targetFramework: optional(plain(LIMITS.name)),
  targetDescription: optional(plain(LIMITS.longText)),
})
const alignments = list(alignment, LIMITS.listItems)

const credits = number(0, 180, true)

const achievement = object(
  {
    id: uri,
    type: typeArray('Achievement', MICRO_CREDENTIAL_ACHIEVEMENT_CLASS),
    achievementType: oneOf([MICRO_CREDENTIAL_ACHIEVEMENT_TYPE]),
    name: text(LIMITS.name),
    description: plain(LIMITS.longText),
    criteria: object({ id: optional(uri), narrative: optional(plain(LIMITS.longText)) }),
    creditsAvailable: credits,
    alignment: (value) => alignments(value) && (value as Parameters<typeof isEqfAlignment>[0][]).some(isEqfAlignment),
    resultDescription: optional(
      list(
        object({
          id: uri,
          type: typeArray('ResultDescription'),
          name: plain(LIMITS.name),
          resultType: extensibleEnum(RESULT_TYPES),
          allowedValue: optional(list(plain(LIMITS.shortText), LIMITS.listItems, 0)),
          requiredValue: shortText,
        }),
        LIMITS.listItems,
        0,
      ),
    ),
    inLanguage: optional(text(35, LANGUAGE_TAG)),
    fieldOfStudy: shortText,
    humanCode: shortText,
    specialization: shortText,
    version: shortText,
    tag: optional(list(plain(LIMITS.shortText), LIMITS.listItems, 0)),
    image: optional(image),
    otherIdentifier: optional(list(identifierEntry, LIMITS.listItems, 0)),
    learningOutcome: list(text(LIMITS.learningOutcome), LIMITS.listItems),
    ectsCredits: credits,
    volumeOfLearning: optional(text(64, DURATION)),
    typeOfAssessment: list(text(LIMITS.shortText), LIMITS.listItems),
    formOfParticipation: oneOf(['online', 'onsite', 'blended']),
    participationNote: optional(text(LIMITS.shortText)),
    qualityAssurance: list(
      object({
        type: oneOf(['QualityAssurance']),
        name: text(LIMITS.name),
        qaType: optional(text(LIMITS.shortText)),
        qaBody: optional(text(LIMITS.name)),
        qaUrl: optional(text(2048, HTTP_URL)),
      }),
      LIMITS.listItems,
    ),
    // The schema's awarding body declares id, type and name; buildCredential adds the body's address beside them.
    awardingBody: optional(list(object({ id: uri, type: typeArray('Profile'), name: text(LIMITS.name), address: unchecked }), LIMITS.listItems, 0)),
    prerequisite: optional(list(text(LIMITS.shortText), LIMITS.listItems, 0)),
    supervisionAndIdVerification: optional(oneOf(['unsupervised-no-id', 'supervised-no-id', 'supervised-with-id'])),
    integrationStackability: optional(oneOf(['stand-alone', 'stackable'])),
  },
  (value) => value['creditsAvailable'] === value['ectsCredits'],
)

const subject = object(
  {
    id: optional(uri),
    type: typeArray('AchievementSubject'),
    identifier: optional(list(identityObject, LIMITS.listItems, 0)),
    result: optional(
      list(
        object({
          type: typeArray('Result'),
          resultDescription: optional(uri),
          value: shortText,
          status: optional(oneOf(RESULT_STATUSES)),
          achievedLevel: optional(uri),
        }),
        LIMITS.listItems,
        0,
      ),
    ),
    creditsEarned: optional(number(0, 10_000, false)),
    activityStartDate: optional(dateTime),
    activityEndDate: optional(dateTime),
    narrative: optional(plain(LIMITS.longText)),
    licenseNumber: shortText,
    role: shortText,
    image: optional(image),
    achievement,
  },
  (value) => value['id'] !== undefined || ((value['identifier'] as unknown[] | undefined)?.length ?? 0) > 0,
)

const context: Check = (value) => {
  if (!Array.isArray(value) || value.length > 16) return false
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i]
    if (!(typeof item === 'string' && item.length <= LIMITS.uri) && !isPlainObject(item)) return false
  }
  return (
    value[0] === VC_V2_CONTEXT_URL &&
    typeof value[1] === 'string' &&
    OB_CONTEXT_URL.test(value[1]) &&
    value.includes(OB_EXTENSIONS_CONTEXT_URL) &&
    value.some((item) => isPlainObject(item) && 'learningOutcome' in item)
  )
}

/** A Bitstring Status List entry, the only status method taken here (others: not sure). */
const status = object({
  id: uri,
  type: oneOf(['BitstringStatusListEntry']),
  statusPurpose: text(64),
  statusListIndex: text(20, BASE10_INDEX),
  statusListCredential: text(2048, HTTP_URL),
  statusSize: optional((value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= 8),
})

const credentialSchemaEntry = object({ id: uri, type: plain(LIMITS.uri) })

const credential = object(
  {
    '@context': context,
    id: uri,
    type: (value) => typeArray('VerifiableCredential')(value) && ((value as unknown[]).includes('OpenBadgeCredential') || (value as unknown[]).includes('AchievementCredential')),
    name: optional(plain(LIMITS.name)),
    description: optional(plain(LIMITS.longText)),
    image: optional(image),
    validFrom: dateTime,
    validUntil: optional(dateTime),
    awardedDate: optional(dateTime),
    issuer: issuerProfile,
    credentialSubject: subject,
    credentialSchema: (value) =>
      list(credentialSchemaEntry, 16)(value) && (value as Record_[]).some((entry) => entry['id'] === OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID),
    credentialStatus: optional(status),
  },
  (value) => value['validUntil'] === undefined || Date.parse(value['validFrom'] as string) <= Date.parse(value['validUntil'] as string),
)

/** An object as JSON.parse makes it (class instances, arrays and null-prototype objects are "not sure"). */
function isPlainObject(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
}

/**
 * A quick check without Zod: `true` means `MicroCredential` accepts `value` (never the other way round); `false`
 * means "not sure" — ask `MicroCredential.safeParse`, which decides and says what is wrong. It answers `true` for the
 * credentials microcert issues (and others of the same plain shape) in a few microseconds, so a verifier can skip the
 * schema for them and load it only for the rest.
 *
 * @example
 * ```ts
 * import { isSurelyMicroCredential, MicroCredential } from '@microcert/schemas'
 * const ok = isSurelyMicroCredential(json) || MicroCredential.safeParse(json).success
 * ```
 * Errors: none; it never throws for bad data.
 */
export function isSurelyMicroCredential(value: unknown): boolean {
  return credential(value)
}
