import { isRecord } from '../lib/jwt-claims.js'
import type { TokenStatusReference } from '../sd-jwt/types.js'

const REVOCATION_LIST = /^(https?:\/\/\S+\/status\/(\d+))\.jwt$/

/** Site-relative path of the IETF Token Status List of status list `n`: `status/<n>.tsl.jwt`. */
export function tokenStatusListPath(n: number): string {
  return `status/${n}.tsl.jwt`
}

/**
 * Where `publish` keeps the wallet status of a credential the issuer store issued: the IETF Token Status List beside
 * its Bitstring revocation list (`…/status/<n>.jwt` → `…/status/<n>.tsl.jwt`), at the same index, so one index covers
 * the credential in every format. Hand it to `issueSdJwtVc` (`status`) or return it from an OpenID4VCI server's
 * `loadCredential`. Undefined for a credential without a microcert revocation entry.
 *
 * @example
 * const { credential } = decodeCredential(record.credential) // a VC-JWT store
 * tokenStatusReference(credential) // { idx: 94567, uri: 'https://uni.example/microcerts/status/0.tsl.jwt' }
 */
export function tokenStatusReference(credential: Record<string, unknown>): TokenStatusReference | undefined {
  const status = credential['credentialStatus']
  const entry = Array.isArray(status) ? status.find((item) => isRecord(item) && item['statusPurpose'] === 'revocation') : status
  if (!isRecord(entry) || entry['statusPurpose'] !== 'revocation') return undefined
  const list = typeof entry['statusListCredential'] === 'string' ? REVOCATION_LIST.exec(entry['statusListCredential']) : null
  const index = entry['statusListIndex']
  if (list === null || typeof index !== 'string' || !/^(0|[1-9]\d{0,8})$/.test(index)) return undefined
  return { idx: Number(index), uri: `${list[1]}.tsl.jwt` }
}
