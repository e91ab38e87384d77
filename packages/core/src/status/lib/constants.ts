/** The W3C Bitstring Status List minimum (16 KiB uncompressed), which gives every entry group privacy. */
export const MIN_STATUS_LIST_ENTRIES = 131_072
/** Default cap on the inflated size of a status list: 2 MiB, 16 Mi entries. Bounds a gzip bomb and a verifier's memory. */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024
/** The most status entries a verifier checks per credential (OB 3.0 allows one; VC 2.0 a list): more is refused unfetched. */
export const MAX_STATUS_ENTRIES = 2
/** Default status list cache lifetime when the list carries no `ttl` (5 minutes, the W3C default). */
export const DEFAULT_STATUS_LIST_TTL_MS = 300_000
