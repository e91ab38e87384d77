import { MicrocertError } from '../errors.js'

/** A `StatusList2021Entry` (W3C CCG Status List 2021, the predecessor of Bitstring Status List), checked. */
export interface StatusList2021Entry {
  type: 'StatusList2021Entry'
  /** `revocation` or `suspension` (the two purposes StatusList2021 defines). */
  statusPurpose: 'revocation' | 'suspension'
  /** The entry's position in the list. */
  statusListIndex: number
  /** URL of the `StatusList2021Credential`. */
  statusListCredential: string
  id?: string
}

const INDEX = /^(0|[1-9][0-9]{0,15})$/

/**
 * Checks a `credentialStatus` entry of type `StatusList2021Entry` and returns it with a numeric index. The index is a
 * base-10 string per the specification; a non-negative integer is accepted too (issuers in the wild write one).
 *
 * @example
 * const entry = parseStatusList2021Entry(credential.credentialStatus)
 * getStatusBit(await decodeStatusList2021(list.credentialSubject.encodedList), entry.statusListIndex)
 * @throws MicrocertError ERR_STATUS_ENTRY_INVALID (`details.reason`: type, purpose, index, list-url)
 */
export function parseStatusList2021Entry(entry: unknown): StatusList2021Entry {
  const invalid = (reason: string, message: string) => new MicrocertError('ERR_STATUS_ENTRY_INVALID', message, { details: { reason } })
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalid('type', 'The status entry is not an object')
  const e = entry as Record<string, unknown>
  if (e['type'] !== 'StatusList2021Entry') throw invalid('type', `The status entry type is "${String(e['type']).slice(0, 60)}", not "StatusList2021Entry"`)
  const purpose = e['statusPurpose']
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    throw invalid('purpose', `The status purpose "${String(purpose).slice(0, 60)}" is neither "revocation" nor "suspension"`)
  }
  const rawIndex = e['statusListIndex']
  const text = typeof rawIndex === 'number' && Number.isSafeInteger(rawIndex) ? String(rawIndex) : rawIndex
  if (typeof text !== 'string' || !INDEX.test(text) || !Number.isSafeInteger(Number(text))) {
    throw invalid('index', `The status list index "${String(rawIndex).slice(0, 40)}" is not a non-negative integer`)
  }
  const url = e['statusListCredential']
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw invalid('list-url', 'The status entry has no http(s) statusListCredential URL')
  const parsed: StatusList2021Entry = { type: 'StatusList2021Entry', statusPurpose: purpose, statusListIndex: Number(text), statusListCredential: url }
  if (typeof e['id'] === 'string') parsed.id = e['id']
  return parsed
}
