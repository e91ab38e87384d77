/** The W3C Bitstring Status List minimum (16 KiB uncompressed), which gives every entry group privacy. */
export const MIN_STATUS_LIST_ENTRIES = 131_072
/** Default cap on the inflated size of a status list (16 MiB = 134 million entries): bounds a gzip bomb. */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024
/** Default status list cache lifetime when the list carries no `ttl` (5 minutes, the W3C default). */
export const DEFAULT_STATUS_LIST_TTL_MS = 300_000
