import { encodeBase64url } from '../lib/base64url.js'
import { gzip } from './lib/gzip.js'

/**
 * Encodes a status list bitstring as the W3C `encodedList` value: GZIP, then multibase base64url without padding (`u…`).
 * GZIP output is not canonical across platforms: compare decoded bits, never encoded strings.
 *
 * @example
 * const list = createStatusList()
 * setStatusBit(list, 7, true)
 * const encodedList = await encodeStatusList(list) // 'uH4sIAAAAAAAA…'
 *
 * Throws `TypeError` when `bits` is not a Uint8Array.
 */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  if (!(bits instanceof Uint8Array)) throw new TypeError('encodeStatusList: bits must be a Uint8Array')
  return 'u' + encodeBase64url(await gzip(bits))
}
