import * as z from 'zod/mini'
import { LIMITS } from './constants.js'
import { countryCode, dateTimeStamp, httpUrl, list, objectError, text, uri } from './lib/fields.js'

const TrustedIssuer = z.object(
  {
    id: uri({ label: 'the issuer DID or URL' }),
    name: text({ label: 'the issuer name', max: LIMITS.name }),
    country: z.optional(countryCode({ label: 'the issuer country' })),
    accreditation: z.optional(text({ label: 'the accreditation', max: LIMITS.shortText })),
    url: z.optional(httpUrl({ label: 'the issuer web address' })),
  },
  objectError('the trusted issuer'),
)

/**
 * A published list of trusted (e.g. accredited) issuers that a verifying site points `trustList` at.
 * Unknown fields are ignored, so later versions of the format stay readable.
 *
 * @example
 * ```ts
 * import { TrustList } from '@microcert/schemas'
 * const list = TrustList.parse({ name: 'Accredited universities', issuers: [{ id: 'did:web:uni.example', name: 'Example University', country: 'CZ' }] })
 * ```
 * Errors: `.parse` throws a ZodError; core reports it as ERR_TRUST_LIST_INVALID.
 */
export const TrustList = z.object(
  {
    name: z.optional(text({ label: 'the trust list name', max: LIMITS.name })),
    issuers: list(TrustedIssuer, { label: 'the issuers', itemLabel: 'issuer', max: LIMITS.trustListIssuers, min: 0 }),
    updated: z.optional(dateTimeStamp({ label: 'the update date' })),
  },
  objectError('the trust list'),
)

/** A trust list, see {@link TrustList}. */
export type TrustList = z.infer<typeof TrustList>
