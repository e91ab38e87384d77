import { decodeStatusList, type DecodeStatusListOptions } from '../status/decode-status-list.js'

/**
 * Decodes the `encodedList` of a `StatusList2021Credential`: base64url (no multibase prefix in StatusList2021, unlike
 * Bitstring Status List; standard base64 and a `u` prefix are tolerated) of a GZIP bitstring, most significant bit
 * first. Same limits as `decodeStatusList` (gzip bombs stop at `maxBytes`, at least 131,072 entries).
 *
 * @example
 * const bits = await decodeStatusList2021(list.credentialSubject.encodedList)
 * getStatusBit(bits, entry.statusListIndex) // true = revoked / suspended
 * @throws MicrocertError ERR_STATUS_LIST_INVALID (`details.reason`: base64url, gzip, too-large, too-short)
 */
export async function decodeStatusList2021(encoded: string, options: DecodeStatusListOptions = {}): Promise<Uint8Array> {
  if (typeof encoded !== 'string') return decodeStatusList(encoded, options)
  const base64url = encoded.startsWith('u') ? encoded.slice(1) : encoded.replace(/\+/g, '-').replace(/\//g, '_')
  return decodeStatusList(`u${base64url}`, options)
}
