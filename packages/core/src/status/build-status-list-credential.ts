export type StatusPurpose = 'revocation' | 'suspension' | 'refresh' | 'message' | (string & {})

export interface BuildStatusListCredentialOptions {
  /** URL of the list credential; also where it is served (e.g. `https://uni.example/microcerts/status/0.jwt`). */
  id: string
  /** The issuer's DID (must be the issuer of the credentials that point at this list). */
  issuer: string
  /** `statusPurpose` of the list, e.g. `'revocation'` or `'suspension'`. */
  purpose: StatusPurpose | StatusPurpose[]
  /** The `u…` value from `encodeStatusList`. */
  encodedList: string
  /** Start of the list's validity. Default: now. */
  validFrom?: Date | string
  /** End of the list's validity (verifiers treat a list past it as stale). Default: none. */
  validUntil?: Date | string
  /** How long verifiers may cache the list, in milliseconds. Default: none (verifiers assume 5 minutes). */
  ttl?: number
}

export interface BitstringStatusListCredentialObject {
  '@context': string[]
  id: string
  type: ['VerifiableCredential', 'BitstringStatusListCredential']
  issuer: string
  validFrom: string
  validUntil?: string
  credentialSubject: {
    id: string
    type: 'BitstringStatusList'
    statusPurpose: string | string[]
    encodedList: string
    ttl?: number
  }
}

const toTimestamp = (value: Date | string): string =>
  typeof value === 'string' ? value : value.toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * Builds the unsigned W3C `BitstringStatusListCredential` (VC 2.0) for one list; sign it with `signJwt`.
 *
 * @example
 * const list = createStatusList()
 * const credential = buildStatusListCredential({
 *   id: 'https://uni.example/microcerts/status/0.jwt', issuer: 'did:web:uni.example:microcerts',
 *   purpose: 'revocation', encodedList: await encodeStatusList(list), ttl: 300_000,
 * })
 * const jwt = await signJwt(credential, signer)
 *
 * Throws `TypeError` for a missing id/issuer/encodedList, a negative ttl, or an empty purpose (programmer errors).
 */
export function buildStatusListCredential(options: BuildStatusListCredentialOptions): BitstringStatusListCredentialObject {
  const { id, issuer, purpose, encodedList, ttl } = options
  if (typeof id !== 'string' || id === '') throw new TypeError('buildStatusListCredential: id is required')
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('buildStatusListCredential: issuer is required')
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new TypeError('buildStatusListCredential: encodedList must be the "u…" value from encodeStatusList')
  }
  const purposes = Array.isArray(purpose) ? purpose : [purpose]
  if (purposes.length === 0 || purposes.some((p) => typeof p !== 'string' || p === '')) {
    throw new TypeError('buildStatusListCredential: purpose must be a non-empty string or array of strings')
  }
  if (ttl !== undefined && (!Number.isSafeInteger(ttl) || ttl < 0)) {
    throw new TypeError('buildStatusListCredential: ttl must be a non-negative integer of milliseconds')
  }
  const credential: BitstringStatusListCredentialObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: toTimestamp(options.validFrom ?? new Date()),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: Array.isArray(purpose) ? purposes : purposes[0]!,
      encodedList,
    },
  }
  if (options.validUntil !== undefined) credential.validUntil = toTimestamp(options.validUntil)
  if (ttl !== undefined) credential.credentialSubject.ttl = ttl
  return credential
}
