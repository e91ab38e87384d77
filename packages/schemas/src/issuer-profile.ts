import * as z from 'zod/mini'
import { LIMITS } from './constants.js'
import { countryCode, did, email, httpUrl, list, objectError, text } from './lib/fields.js'
import { extensibleEnum, IDENTIFIER_TYPES } from './lib/ob-enums.js'
import { HTTP_URL } from './lib/patterns.js'

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/

/** An image reference: an http(s) URL or a `data:image/…;base64,` URI. */
export function imageReference(label: string) {
  return text({ label, max: LIMITS.image }).check(
    z.refine((value: string) => HTTP_URL.test(value) || DATA_IMAGE.test(value), {
      error: 'must be an http(s) URL or a data:image/…;base64 URI',
    }),
  )
}

/**
 * The issuing institution (EU elements 3 and 4): its DID, name and country, as the issuer store keeps it and
 * as `buildCredential` turns it into an Open Badges `Profile`.
 *
 * @example
 * ```ts
 * import { IssuerProfile } from '@microcert/schemas'
 * const profile = IssuerProfile.parse({ id: 'did:web:uni.example', name: 'Example University', country: 'CZ' })
 * ```
 * Errors: `.parse` throws a ZodError (format it with `formatSchemaIssues`); core reports it as ERR_INPUT_INVALID.
 */
export const IssuerProfile = z.strictObject(
  {
    id: did({ label: 'the issuer DID', eu: 4 }),
    name: text({ label: 'the name of the awarding body', eu: 4, max: LIMITS.name }),
    url: z.optional(httpUrl({ label: 'the issuer web address' })),
    email: z.optional(email({ label: 'the issuer e-mail address' })),
    country: countryCode({ label: 'the country of the issuer', eu: 3 }),
    region: z.optional(text({ label: 'the region of the issuer', eu: 3, max: LIMITS.shortText })),
    locality: z.optional(text({ label: 'the town or city of the issuer', max: LIMITS.shortText })),
    image: z.optional(imageReference('the issuer logo')),
    otherIdentifiers: z.optional(
      list(
        z.strictObject(
          {
            identifier: text({ label: 'the identifier', max: LIMITS.shortText }),
            identifierType: extensibleEnum(IDENTIFIER_TYPES, 'the identifier type'),
          },
          objectError('the identifier'),
        ),
        { label: 'other identifiers', itemLabel: 'identifier', max: LIMITS.listItems, min: 0 },
      ),
    ),
  },
  objectError('the issuer profile', 4),
)

/** The issuing institution, see {@link IssuerProfile}. */
export type IssuerProfile = z.infer<typeof IssuerProfile>
