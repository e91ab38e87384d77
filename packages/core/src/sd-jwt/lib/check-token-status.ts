import { base64UrlToUint8Array } from '@sd-jwt/utils'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { isLocalHost } from '../../did-web-to-url.js'
import { MicrocertError, isMicrocertError } from '../../errors.js'
import { fetchLimited } from '../../lib/fetch-limited.js'
import type { Algorithm } from '../../types.js'
import { STATUS_LIST_JWT_TYPE, TOKEN_STATUS } from '../constants.js'
import type { SdJwtVcCheck } from '../types.js'
import { inflateCapped } from './inflate-capped.js'
import { readTokenStatus } from './read-token-status.js'
import { resolveIssuerKey, type IssuerKeyContext } from './resolve-issuer-key.js'
import { verifyCompactJws } from './verify-compact-jws.js'

export interface TokenStatusContext extends IssuerKeyContext {
  now: Date
  clockTolerance: number
  algorithms: readonly Algorithm[]
}

const MAX_LIST_BYTES = 1024 * 1024
const MAX_UNPACKED_BYTES = 1024 * 1024
const DEFAULT_TTL_SECONDS = 300

/**
 * The `status` check of an SD-JWT VC against its IETF Token Status List: fetch (cached per `ttl`), verify that the
 * credential's issuer signed it, check `sub` and `exp`, unpack with a size cap, read the index. Revoked and suspended
 * fail; a list that cannot be fetched or trusted is "could not check".
 */
export async function checkTokenStatus(reference: unknown, iss: string, context: TokenStatusContext): Promise<{ check: SdJwtVcCheck; purpose?: 'revocation' | 'suspension' }> {
  const { idx, uri } = (reference ?? {}) as { idx?: unknown; uri?: unknown }
  if (!Number.isSafeInteger(idx) || (idx as number) < 0 || typeof uri !== 'string') {
    return { check: { id: 'status', outcome: 'failed', code: 'ERR_STATUS_ENTRY_INVALID', message: 'The credential\'s "status_list" needs an integer "idx" and a "uri"' } }
  }
  let list: UnpackedList
  try {
    list = await loadList(uri, iss, context)
  } catch (error) {
    const e = isMicrocertError(error) ? error : new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list could not be read', { cause: error })
    return { check: { id: 'status', outcome: 'unknown', code: e.code, message: e.message, details: { uri: uri.slice(0, 300) } } }
  }
  const value = readTokenStatus(list.bytes, list.bits, idx as number)
  if (value === undefined) {
    return { check: { id: 'status', outcome: 'failed', code: 'ERR_STATUS_INDEX_INVALID', message: `Status index ${idx} is outside the status list`, details: { idx } } }
  }
  const details = { uri: uri.slice(0, 300), idx }
  if (value === TOKEN_STATUS.valid) return { check: { id: 'status', outcome: 'passed', message: 'The issuer has not revoked or suspended the credential', details } }
  if (value === TOKEN_STATUS.invalid) {
    return { purpose: 'revocation', check: { id: 'status', outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED', message: 'The issuer revoked this credential', details } }
  }
  if (value === TOKEN_STATUS.suspended) {
    return { purpose: 'suspension', check: { id: 'status', outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED', message: 'The issuer suspended this credential', details } }
  }
  return { check: { id: 'status', outcome: 'unknown', code: 'ERR_STATUS_LIST_INVALID', message: `The status list gives status ${value}, which microcert does not know`, details } }
}

interface UnpackedList {
  bits: 1 | 2 | 4 | 8
  bytes: Uint8Array
}

async function loadList(uri: string, iss: string, context: TokenStatusContext): Promise<UnpackedList> {
  let url: URL
  try {
    url = new URL(uri)
  } catch (cause) {
    throw new MicrocertError('ERR_STATUS_ENTRY_INVALID', 'The status list "uri" is not a URL', { cause })
  }
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && context.allowInsecureLocalhost && isLocalHost(url.hostname)))) {
    throw new MicrocertError('ERR_STATUS_UNREACHABLE', 'The status list must be fetched over https:')
  }
  const cacheKey = `token-status-list:${uri}`
  const cached = context.cache.get(cacheKey) as UnpackedList | undefined
  if (cached !== undefined) return cached

  const { text } = await fetchLimited(url.href, {
    fetch: context.fetch,
    timeout: context.timeout,
    maxBytes: MAX_LIST_BYTES,
    signal: context.signal,
    unreachableCode: 'ERR_STATUS_UNREACHABLE',
    tooLargeCode: 'ERR_STATUS_LIST_INVALID',
    what: 'The status list',
  })
  const token = text.trim()
  let header: Record<string, unknown>
  let payload: Record<string, unknown>
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>
    payload = decodeJwt(token) as Record<string, unknown>
  } catch (cause) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not a JWT', { cause })
  }
  if (header['typ'] !== STATUS_LIST_JWT_TYPE) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', `The status list has typ "${String(header['typ']).slice(0, 40)}", not "${STATUS_LIST_JWT_TYPE}"`)
  }
  try {
    const key = await resolveIssuerKey(iss, typeof header['kid'] === 'string' ? header['kid'] : undefined, context)
    await verifyCompactJws(token, header, key.jwk, context.algorithms, 'The status list')
  } catch (error) {
    if (isMicrocertError(error) && /UNREACHABLE$/.test(error.code)) throw new MicrocertError('ERR_STATUS_UNREACHABLE', error.message, { cause: error })
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not signed by the credential\'s issuer', { cause: error })
  }
  const nowSeconds = context.now.getTime() / 1000
  if (payload['sub'] !== uri) throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is published for another "uri" ("sub" differs)')
  if (typeof payload['iat'] !== 'number') throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list has no "iat"')
  const exp = payload['exp']
  if (exp !== undefined && (typeof exp !== 'number' || exp + context.clockTolerance < nowSeconds)) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list has expired; the issuer has not republished it')
  }
  const { bits, lst } = (payload['status_list'] ?? {}) as { bits?: unknown; lst?: unknown }
  if ((bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) || typeof lst !== 'string' || !/^[A-Za-z0-9_-]+$/.test(lst)) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list has no valid "status_list" { bits, lst }')
  }
  const list: UnpackedList = { bits, bytes: await inflateCapped(base64UrlToUint8Array(lst), MAX_UNPACKED_BYTES) }
  const ttl = typeof payload['ttl'] === 'number' && payload['ttl'] > 0 ? payload['ttl'] : DEFAULT_TTL_SECONDS
  const untilExpiry = typeof exp === 'number' ? (exp - nowSeconds) * 1000 : Number.POSITIVE_INFINITY
  const keepMs = Math.min(ttl * 1000, untilExpiry)
  if (keepMs > 0) context.cache.set(cacheKey, list, keepMs)
  return list
}
