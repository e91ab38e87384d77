import { Jwt } from '@sd-jwt/core'
import { StatusList, createHeaderAndPayload, type StatusListJWTHeaderParameters } from '@sd-jwt/jwt-status-list'
import { MicrocertError } from '../errors.js'
import type { Signer } from '../types.js'
import { STATUS_LIST_JWT_TYPE, TOKEN_STATUS } from './constants.js'
import { sdJwtSignerOf } from './lib/sd-jwt-crypto.js'

/** A credential whose status is not "valid": its index and whether it is revoked (for good) or suspended. */
export interface TokenStatusEntry {
  index: number
  status: 'revoked' | 'suspended'
}

/** Options of `buildTokenStatusList`. */
export interface BuildTokenStatusListOptions {
  /** The URL the list is published at; it is the list's `sub` and the `uri` in every credential's `status`. */
  uri: string
  /** The issuer's key; the list is checked against the same keys as the credentials. */
  signer: Signer
  /** The issuer (`iss`), as in the credentials. */
  issuer: string
  /** Number of credentials the list covers (the status index space). Default 131,072. */
  size?: number
  /** Credentials that are revoked or suspended; every other index is valid. */
  entries: Iterable<TokenStatusEntry>
  /** Issue time (`iat`). Default: now. */
  now?: Date
  /** Seconds a verifier may cache the list (`ttl`). Default 300. */
  ttl?: number
  /** Seconds the list stays valid (`exp` = `iat` + this). Default 86,400 (one day): republish at least daily. */
  validFor?: number
}

const DEFAULT_SIZE = 131_072
const MAX_SIZE = 1 << 24

/**
 * Builds the IETF Token Status List JWT (`typ` `statuslist+jwt`, two bits per credential: 0 valid, 1 revoked,
 * 2 suspended) with `@sd-jwt/jwt-status-list`, from the store's revocation and suspension state, and signs it with
 * the issuer's key. Publish it at `uri` with the media type `application/statuslist+jwt`.
 *
 * @example
 * const jwt = await buildTokenStatusList({ uri: 'https://uni.example/microcerts/status/wallet.jwt', signer, issuer: 'https://uni.example/microcerts', entries: [{ index: 94567, status: 'revoked' }] })
 * @throws MicrocertError ERR_STATUS_INDEX_INVALID (an index outside the list, or listed twice), ERR_INPUT_INVALID
 *   (uri, size, ttl); TypeError for malformed options
 */
export async function buildTokenStatusList(options: BuildTokenStatusListOptions): Promise<string> {
  if (typeof options !== 'object' || options === null) throw new TypeError('buildTokenStatusList(options): options must be an object')
  if (typeof options.signer?.sign !== 'function') throw new TypeError('buildTokenStatusList options.signer must be a microcert Signer')
  if (options.entries === null || typeof (options.entries as Iterable<TokenStatusEntry>)?.[Symbol.iterator] !== 'function') {
    throw new TypeError('buildTokenStatusList options.entries must be iterable')
  }
  if (typeof options.uri !== 'string' || !/^https?:\/\/\S+$/.test(options.uri)) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The status list "uri" must be an http(s) URL', { details: { issues: ['uri: http(s) URL'] } })
  }
  const size = options.size ?? DEFAULT_SIZE
  const ttl = options.ttl ?? 300
  const validFor = options.validFor ?? 86_400
  for (const [name, value, max] of [['size', size, MAX_SIZE], ['ttl', ttl, 31_536_000], ['validFor', validFor, 31_536_000]] as const) {
    if (!Number.isSafeInteger(value) || value < 1 || value > max) {
      throw new MicrocertError('ERR_INPUT_INVALID', `The status list "${name}" must be an integer from 1 to ${max}`, { details: { issues: [`${name}: 1…${max}`] } })
    }
  }
  const statuses = new Array<number>(size).fill(TOKEN_STATUS.valid)
  const seen = new Set<number>()
  for (const entry of options.entries) {
    const { index, status } = entry ?? {}
    if (!Number.isSafeInteger(index) || index < 0 || index >= size || seen.has(index)) {
      throw new MicrocertError('ERR_STATUS_INDEX_INVALID', `Status index ${String(index)} is outside the list of ${size} or given twice`, {
        details: { index, size },
      })
    }
    if (status !== 'revoked' && status !== 'suspended') throw new TypeError(`buildTokenStatusList: status of index ${index} must be "revoked" or "suspended"`)
    seen.add(index)
    statuses[index] = status === 'revoked' ? TOKEN_STATUS.invalid : TOKEN_STATUS.suspended
  }
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000)
  const header: StatusListJWTHeaderParameters = { alg: options.signer.alg, typ: STATUS_LIST_JWT_TYPE, kid: options.signer.kid }
  const list = createHeaderAndPayload(new StatusList(statuses, 2), { iss: options.issuer, sub: options.uri, iat, exp: iat + validFor, ttl }, header)
  return new Jwt({ header: list.header, payload: list.payload }).sign(sdJwtSignerOf(options.signer))
}
