import type { CredentialState } from '../../types.js'
import { ACTIVE } from '../record-state.js'
import type { RecordState } from '../store-backend.js'
import { DigestTable } from './digest-table.js'
import type { LinePosition } from './record-segments.js'

const STATES: readonly CredentialState[] = ['active', 'revoked', 'suspended']
/** Certificate IDs are `MC-XXXX-XXXX-XXXX-XXXX-C`: 24 ASCII characters, kept in one byte column. */
const ID_WIDTH = 24

/**
 * The file store's in-memory index of every record, rebuilt from the journal at open: where its line is, its status
 * index and lifecycle state, found by certificate ID or row key. Columns of typed arrays and two digest tables, about
 * 100 bytes a record and no object per record (100,000 credentials: ~10 MB, and nothing for the garbage collector to
 * trace); everything else — the IDs themselves, the credential — is read from the record's line on disk.
 */
export class RecordIndex {
  private readonly byId = new DigestTable()
  private readonly byRowKey = new DigestTable()
  private segments = new Int32Array(1024)
  private offsets = new Int32Array(1024)
  private lengths = new Int32Array(1024)
  private statusIndexes = new Int32Array(1024)
  private states = new Uint8Array(1024)
  private ids = Buffer.alloc(1024 * ID_WIDTH)
  /** IDs of another shape than ours (never written by this version; kept working for copied stores). */
  private readonly otherIds = new Map<number, string>()
  /** The state of records that are not simply active (reasons, dates, withdrawn): few, so a Map. */
  private readonly details = new Map<number, RecordState>()
  private count = 0

  /** Records, numbered 0..size-1 in issue order (slots). */
  get size(): number {
    return this.count
  }

  /** Adds a record; undefined when its certificate ID or row key is present already (nothing is added then). */
  add(certificateId: string, rowKey: string, statusIndex: number, position: LinePosition): number | undefined {
    const slot = this.count
    if (this.byId.get(certificateId) !== -1 || this.byRowKey.get(rowKey) !== -1) return undefined
    if (slot === this.segments.length) this.grow()
    this.byId.add(certificateId, slot)
    this.byRowKey.add(rowKey, slot)
    this.segments[slot] = position.segment
    this.offsets[slot] = position.offset
    this.lengths[slot] = position.length
    this.statusIndexes[slot] = statusIndex
    this.states[slot] = 0
    if (certificateId.length === ID_WIDTH && /^[\x20-\x7e]+$/.test(certificateId)) this.ids.write(certificateId, slot * ID_WIDTH, 'latin1')
    else this.otherIds.set(slot, certificateId)
    this.count++
    return slot
  }

  /** The certificate ID of a slot. */
  idOf(slot: number): string {
    return this.otherIds.get(slot) ?? this.ids.toString('latin1', slot * ID_WIDTH, (slot + 1) * ID_WIDTH)
  }

  /** The slot of a certificate ID, or -1. */
  slotOfId(certificateId: string): number {
    return this.byId.get(certificateId)
  }

  /** The slot of a row key, or -1. */
  slotOfRowKey(rowKey: string): number {
    return this.byRowKey.get(rowKey)
  }

  position(slot: number): LinePosition {
    return { segment: this.segments[slot]!, offset: this.offsets[slot]!, length: this.lengths[slot]! }
  }

  statusIndex(slot: number): number {
    return this.statusIndexes[slot]!
  }

  /** The state alone, without building the record's state object (for filters). */
  stateOf(slot: number): CredentialState {
    return STATES[this.states[slot]!]!
  }

  recordState(slot: number): RecordState {
    return this.details.get(slot) ?? ACTIVE
  }

  setState(slot: number, state: RecordState): void {
    this.states[slot] = STATES.indexOf(state.state)
    if (state.state === 'active' && state.reason === undefined && state.since === undefined && state.unpublished !== true && state.suspendedAt === undefined && state.revokedAt === undefined) {
      this.details.delete(slot)
    } else {
      this.details.set(slot, { ...state })
    }
  }

  private grow(): void {
    const capacity = this.segments.length * 2
    const grown = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity)
      next.set(old)
      return next
    }
    this.segments = grown(this.segments, (n) => new Int32Array(n))
    this.offsets = grown(this.offsets, (n) => new Int32Array(n))
    this.lengths = grown(this.lengths, (n) => new Int32Array(n))
    this.statusIndexes = grown(this.statusIndexes, (n) => new Int32Array(n))
    this.states = grown(this.states, (n) => new Uint8Array(n))
    const ids = Buffer.alloc(capacity * ID_WIDTH)
    this.ids.copy(ids)
    this.ids = ids
  }
}
