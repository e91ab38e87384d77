/** XML Schema dateTimeStamp: a date and time with a mandatory time zone (VC Data Model 2.0, informative regex). */
export const DATE_TIME_STAMP =
  /^-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$/

/** An absolute URI: a scheme, a colon, and no white space (URLs, URNs, DIDs). */
export const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/

/** An http(s) URL with a host. */
export const HTTP_URL = /^https?:\/\/[^\s/?#@]+[^\s]*$/

/** A DID (not a DID URL): `did:<method>:<method-specific-id>`. */
export const DID = /^did:[a-z0-9]+:[A-Za-z0-9._%:-]*[A-Za-z0-9._%-]$/

/** A pragmatic e-mail address check (one @, a dot in the domain, no white space). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** BCP 47 language tag as restricted by the Open Badges 3.0 JSON Schema (`inLanguage`). */
export const LANGUAGE_TAG = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/

/** ISO 8601 duration (xsd:duration without negative values), e.g. `PT125H`, `P2W`. */
export const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/

/** An `ext:` term of an Open Badges extensible enumeration. */
export const EXT_TERM = /^ext:[A-Za-z0-9._-]+$/

/** A salted SHA-256 IdentityObject hash as microcert emits it. */
export const SHA256_IDENTITY_HASH = /^sha256\$[0-9a-fA-F]{64}$/

/** The Open Badges 3.0 context URL pattern (second `@context` item). */
export const OB_CONTEXT_URL = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/

/** A non-negative base-10 integer without leading zeros, as a string (`statusListIndex`). */
export const BASE10_INDEX = /^(0|[1-9][0-9]*)$/

/** Multibase base64url (no padding), prefix `u`. */
export const MULTIBASE_BASE64URL = /^u[A-Za-z0-9_-]+$/
