import { MicrocertError } from '../../errors.js'
import type { CredentialState, ListFilter } from '../types.js'
import type { StoreKey } from './store-backend.js'

const STATES: readonly CredentialState[] = ['active', 'revoked', 'suspended']

/** Checks a `list()` filter. Misuse (an unknown state, a filter that is not text) throws TypeError. */
export function checkListFilter(filter: ListFilter | undefined): ListFilter {
  if (filter === undefined) return {}
  if (typeof filter !== 'object' || filter === null) throw new TypeError('list(filter): filter must be an object')
  const { state, course, kid } = filter
  if (state !== undefined && !STATES.includes(state)) throw new TypeError(`list(filter): state must be one of ${STATES.join(', ')}, got "${String(state)}"`)
  for (const [name, value] of [
    ['course', course],
    ['kid', kid],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`list(filter): ${name} must be a non-empty string`)
  }
  return {
    ...(state === undefined ? {} : { state }),
    ...(course === undefined ? {} : { course }),
    ...(kid === undefined ? {} : { kid }),
  }
}

/** ERR_KEY_NOT_FOUND for a kid the store does not have. */
export function keyNotFound(kid: string, location: string): MicrocertError {
  return new MicrocertError('ERR_KEY_NOT_FOUND', `The store "${location}" has no key "${kid.slice(0, 200)}"`, { details: { kid: kid.slice(0, 200) } })
}

/** Throws ERR_STATE_CONFLICT unless `key` may be retired: not the active key, not retired already. */
export function retirable(key: StoreKey, activeKid: string): void {
  if (key.kid === activeKid) {
    throw new MicrocertError('ERR_STATE_CONFLICT', `"${key.kid}" is the active key: rotate to a new key first, then retire this one`, {
      details: { kid: key.kid, reason: 'key-active' },
    })
  }
  if (key.retiredAt !== undefined) {
    throw new MicrocertError('ERR_STATE_CONFLICT', `"${key.kid}" was retired already (${key.retiredAt})`, { details: { kid: key.kid, reason: 'key-retired' } })
  }
}
