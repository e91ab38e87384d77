import { MicrocertError } from '../errors.js'
import { decodeBase64url } from '../lib/base64url.js'
import { DEFAULT_MAX_STATUS_LIST_BYTES, MIN_STATUS_LIST_ENTRIES } from './lib/constants.js'
import { gunzipCapped } from './lib/gzip.js'

export interface DecodeStatusListOptions {
  /** Largest inflated size accepted, in bytes; a larger (or gzip-bomb) list fails. Default 2 MiB (16 Mi entries). */
  maxBytes?: number
  /** Fewest entries accepted; a shorter list fails. Default 131,072 (the W3C minimum). */
  minEntries?: number
}

/**
 * Decodes a W3C `encodedList` (multibase base64url `u…` of a GZIP bitstring) into its bytes, most significant bit first.
 * Inflation stops at `maxBytes`, so a gzip bomb fails cleanly instead of exhausting memory.
 *
 * @example
 * const bits = await decodeStatusList('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA')
 * getStatusBit(bits, 94567) // false
 *
 * Errors: `ERR_STATUS_LIST_INVALID` (not multibase base64url, not GZIP, too large, fewer than `minEntries` entries).
 */
export async function decodeStatusList(encoded: string, options: DecodeStatusListOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES
  const minEntries = options.minEntries ?? MIN_STATUS_LIST_ENTRIES
  if (typeof encoded !== 'string' || !encoded.startsWith('u')) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The encoded status list must be multibase base64url (starting with "u")', {
      details: { reason: 'multibase' },
    })
  }
  // base64 of GZIP: no list legitimately compresses to more than its inflated cap plus GZIP's framing (stored
  // blocks of random bits add 5 bytes per 64 KiB, the header and trailer 18).
  if (encoded.length > Math.ceil(((maxBytes + maxBytes / 1000 + 1024) * 4) / 3) + 16) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', `The encoded status list is longer than ${maxBytes} bytes allow`, {
      details: { reason: 'too-large', maxBytes },
    })
  }
  // Padding is not part of multibase base64url, but some encoders leave it: tolerated at the end.
  const compressed = decodeBase64url(encoded.slice(1).replace(/=+$/, ''))
  if (compressed === undefined) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The encoded status list is not valid base64url', {
      details: { reason: 'base64url' },
    })
  }
  const bits = await gunzipCapped(compressed, maxBytes)
  if (bits.byteLength * 8 < minEntries) {
    throw new MicrocertError(
      'ERR_STATUS_LIST_INVALID',
      `The status list has ${bits.byteLength * 8} entries, fewer than the minimum of ${minEntries}`,
      { details: { reason: 'too-short', entries: bits.byteLength * 8, minEntries } },
    )
  }
  return bits
}
