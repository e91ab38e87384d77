import { MicrocertError } from '../../errors.js'
import type { RecordState, StateChange } from './store-backend.js'

const MAX_REASON_LENGTH = 500

/**
 * The state a record moves to under `change`, or ERR_STATE_CONFLICT: revoked is final, only an active credential
 * can be suspended, only a suspended one reinstated, and a credential leaves the public registry once.
 * Every store engine calls this under its own lock, and the file store again when it replays its journal.
 */
export function nextState(certificateId: string, current: RecordState, change: StateChange): RecordState {
  const { op, at } = change
  if (op === 'unpublish') {
    if (current.unpublished === true) {
      throw new MicrocertError('ERR_STATE_CONFLICT', `Credential "${certificateId}" is already withdrawn from the public registry`, {
        details: { certificateId, state: current.state, operation: op },
      })
    }
    return { ...current, unpublished: true }
  }
  const allowed =
    (op === 'revoke' && current.state !== 'revoked') ||
    (op === 'suspend' && current.state === 'active') ||
    (op === 'reinstate' && current.state === 'suspended')
  if (!allowed) {
    throw new MicrocertError('ERR_STATE_CONFLICT', `Cannot ${op} credential "${certificateId}": it is ${current.state}`, {
      details: { certificateId, state: current.state, operation: op },
    })
  }
  const { reason: _r, publishReason: _p, since: _s, ...kept } = current
  if (op === 'reinstate') {
    const { suspendedAt: _a, ...rest } = kept
    return { ...rest, state: 'active' }
  }
  return {
    ...kept,
    state: op === 'revoke' ? 'revoked' : 'suspended',
    since: at,
    ...(op === 'revoke' ? { revokedAt: at } : { suspendedAt: at }),
    ...(change.reason === undefined ? {} : { reason: change.reason, publishReason: change.reasonPrivate !== true }),
  }
}

/** Checks a revocation/suspension reason: text of at most 500 characters (ERR_INPUT_INVALID). */
export function checkReason(reason: unknown): string | undefined {
  if (reason === undefined) return undefined
  if (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH) {
    throw new MicrocertError('ERR_INPUT_INVALID', `The reason must be text of at most ${MAX_REASON_LENGTH} characters`, {
      details: { issues: [`reason: text of at most ${MAX_REASON_LENGTH} characters is required`] },
    })
  }
  return reason
}

/** A new record's state. */
export const ACTIVE: RecordState = Object.freeze({ state: 'active' })

/**
 * The state changes that take a new record to the state of `record` (a record copied from another store), so a
 * store that keeps a journal can replay it like any other: suspend, then revoke, then unpublish, each at its time.
 */
export function stateChangesOf(record: RecordState, importedAt: string): StateChange[] {
  const changes: StateChange[] = []
  const reason = record.reason === undefined ? {} : { reason: record.reason, reasonPrivate: record.publishReason === false }
  if (record.suspendedAt !== undefined) {
    changes.push({ op: 'suspend', at: record.suspendedAt, ...(record.state === 'suspended' ? reason : {}) })
  }
  if (record.state === 'revoked') changes.push({ op: 'revoke', at: record.revokedAt ?? record.since ?? importedAt, ...reason })
  if (record.unpublished === true) changes.push({ op: 'unpublish', at: importedAt })
  return changes
}
