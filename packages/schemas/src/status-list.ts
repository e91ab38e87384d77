import * as z from 'zod/mini'
import { LIMITS, VC_V2_CONTEXT_URL } from './constants.js'
import { anyObject, dateTimeStamp, httpUrl, list, number, objectError, text, uri } from './lib/fields.js'
import { plain, typeArray } from './lib/ob-parts.js'
import { BASE10_INDEX, MULTIBASE_BASE64URL } from './lib/patterns.js'

/**
 * A credential's `credentialStatus` entry in a W3C Bitstring Status List (one object, with `id`, as Open
 * Badges requires). `statusListIndex` is a base-10 string, as microcert emits it.
 *
 * @example
 * ```ts
 * import { BitstringStatusListEntry } from '@microcert/schemas'
 * BitstringStatusListEntry.parse({ id: 'https://uni.example/status/1.jwt#94567', type: 'BitstringStatusListEntry',
 *   statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://uni.example/status/1.jwt' })
 * ```
 * Errors: `.parse` throws a ZodError.
 */
export const BitstringStatusListEntry = z.looseObject(
  {
    id: uri({ label: 'the status entry id' }),
    type: z.literal('BitstringStatusListEntry', { error: 'must be "BitstringStatusListEntry"' }),
    statusPurpose: text({ label: 'the status purpose', max: 64 }),
    statusListIndex: text({ label: 'the status list index', max: 20, pattern: BASE10_INDEX, format: 'a whole number written as text, such as "94567"' }),
    statusListCredential: httpUrl({ label: 'the status list URL' }),
    statusSize: z.optional(z.number({ error: 'must be a whole number' }).check(z.refine(Number.isInteger, { error: 'must be a whole number', abort: true }), z.refine(Number.isSafeInteger, { error: 'must be a whole number' }), z.gte(1, { error: 'must be at least 1' }), z.lte(8, { error: 'must be at most 8' }))),
    statusMessage: z.optional(
      list(z.looseObject({ status: plain('the status value', 16), message: plain('the status message', LIMITS.shortText) }, objectError('the status message')), {
        label: 'the status messages',
        itemLabel: 'status message',
        max: 256,
      }),
    ),
  },
  objectError('the credential status'),
)

/** A Bitstring Status List entry, see {@link BitstringStatusListEntry}. */
export type BitstringStatusListEntry = z.infer<typeof BitstringStatusListEntry>

/**
 * A `BitstringStatusListCredential` (W3C Bitstring Status List 1.0): the published list whose bits say which
 * credentials are revoked or suspended. The signature and the decoded length are checked by core, not here.
 *
 * @example
 * ```ts
 * import { BitstringStatusListCredential } from '@microcert/schemas'
 * const list = BitstringStatusListCredential.parse(payload)
 * list.credentialSubject.encodedList // 'uH4sI…'
 * ```
 * Errors: `.parse` throws a ZodError.
 */
export const BitstringStatusListCredential = z.looseObject(
  {
    '@context': z.array(z.union([plain('a context URL', LIMITS.uri), anyObject()]), { error: 'must be a list of contexts' }).check(
      z.refine((contexts) => contexts[0] === VC_V2_CONTEXT_URL, { error: `must start with "${VC_V2_CONTEXT_URL}"` }),
    ),
    id: uri({ label: 'the status list id' }),
    type: typeArray(['VerifiableCredential', 'BitstringStatusListCredential'], 'the status list type'),
    issuer: z.union([uri({ label: 'the issuer' }), z.looseObject({ id: uri({ label: 'the issuer id' }) })], {
      error: (issue) => (issue.input === undefined ? 'the issuer is required' : 'must be the issuer id or an object with an id'),
    }),
    validFrom: z.optional(dateTimeStamp({ label: 'validFrom' })),
    validUntil: z.optional(dateTimeStamp({ label: 'validUntil' })),
    credentialSubject: z.looseObject(
      {
        id: z.optional(uri({ label: 'the status list subject id' })),
        type: z.literal('BitstringStatusList', { error: 'must be "BitstringStatusList"' }),
        statusPurpose: z.union([text({ label: 'the status purpose', max: 64 }), list(text({ label: 'a status purpose', max: 64 }), { label: 'the status purposes', itemLabel: 'status purpose', max: 8 })], {
          error: 'must be a status purpose such as "revocation", or a list of them',
        }),
        encodedList: text({
          label: 'the encoded list',
          max: LIMITS.encodedList,
          pattern: MULTIBASE_BASE64URL,
          format: 'multibase base64url text starting with "u"',
        }),
        ttl: z.optional(number({ label: 'the time to live', min: 0, max: 31_536_000_000, unit: 'milliseconds' })),
      },
      objectError('the status list subject'),
    ),
  },
  objectError('the status list credential'),
)

/** A Bitstring Status List credential, see {@link BitstringStatusListCredential}. */
export type BitstringStatusListCredential = z.infer<typeof BitstringStatusListCredential>
