import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, unlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MicrocertError } from '../../../errors.js'
import type { IssuanceStateStore } from '../../../issuance-state-store.js'
import type { IssuedRecord, ListFilter } from '../../types.js'
import { writeFailed, writeFileDurable } from '../fs-durable.js'
import { placePrivateKeyFile, writePrivateKeyFile } from '../key-files.js'
import { checkListFilter, keyNotFound, retirable } from '../list-filter.js'
import { nextKeyId } from '../next-key-id.js'
import { nextState, stateChangesOf } from '../record-state.js'
import { issuedRecord, type IssuerConfig, type NewRecord, type RecordState, type StateChange, type StoreBackend, type StoreInit, type StoreKey, type StoreSnapshot, type InitKey } from '../store-backend.js'
import { FileIssuanceState } from './file-issuance-state.js'
import { corrupt, Journal, journalEntryOf, stateChangeOf, type NewJournalEntry } from './journal.js'
import { acquireLock, type StoreLock } from './lock.js'
import {
  loadSegment,
  readRecordLine,
  RECORDS_DIR,
  SegmentFileReader,
  segmentName,
  segmentReader,
  writeSegment,
  type LinePosition,
  type LinePrefix,
  type StoredLine,
} from './record-segments.js'
import { CONFIG_FILE, fileStoreConfigText, readFileStoreConfig } from './store-config.js'
import { RecordIndex } from './record-index.js'
import { FileStatusIndexes } from './status-indexes.js'

const JOURNAL_FILE = 'journal.jsonl'
const LOCK_FILE = 'store.lock'
const ISSUANCE_STATE_FILE = 'openid4vci-state.jsonl'
const KEYS_DIR = 'keys'
/** Where a key's files go by default: `keys/key-<n>.private.jwk` and `keys/key-<n>.public.jwk` (n from its kid). */
const keyFileName = (kid: string, half: 'private' | 'public') => `${KEYS_DIR}/${kid.slice(kid.lastIndexOf('#') + 1)}.${half}.jwk`

/** Creates a file store in `dir` (see `createIssuer`). Errors: ERR_STORE_EXISTS, ERR_STORE_LOCKED, ERR_WRITE_FAILED. */
export async function createFileStore(dir: string, init: StoreInit): Promise<FileStore> {
  const root = resolve(dir)
  if (existsSync(join(root, CONFIG_FILE))) {
    throw new MicrocertError('ERR_STORE_EXISTS', `"${root}" already holds an issuer store`, { details: { dir: root } })
  }
  try {
    mkdirSync(join(root, KEYS_DIR), { recursive: true, mode: 0o700 })
    mkdirSync(join(root, RECORDS_DIR), { recursive: true })
  } catch (cause) {
    throw writeFailed(root, cause)
  }
  const lock = await acquireLock(join(root, LOCK_FILE))
  try {
    if (existsSync(join(root, CONFIG_FILE))) {
      throw new MicrocertError('ERR_STORE_EXISTS', `"${root}" already holds an issuer store`, { details: { dir: root } })
    }
    // A new store directory: a key file left there by an earlier create that failed is the store's to replace.
    const keys = init.keys.map((key) => placeKey(root, key, key.privateJwk, { exclusive: false }))
    writeFileDurable(join(root, JOURNAL_FILE), Journal.initialLine(init.config.createdAt))
    // The config file is written last: it is what makes the directory a store.
    writeFileDurable(join(root, CONFIG_FILE), fileStoreConfigText(root, init.config, keys, init.activeKid))
    const store = new FileStore(root, init.config, keys, init.activeKid, lock)
    store.replay(false)
    return store
  } catch (error) {
    lock.release()
    throw error
  }
}

/**
 * Opens the file store in `dir`: takes its lock, replays the journal and checks every committed segment.
 * Errors: ERR_STORE_NOT_FOUND, ERR_STORE_CORRUPT, ERR_STORE_LOCKED, ERR_WRITE_FAILED.
 */
export async function openFileStore(dir: string, options: { lockTimeout?: number; repair?: boolean }): Promise<FileStore> {
  const root = resolve(dir)
  if (!existsSync(join(root, CONFIG_FILE))) {
    throw new MicrocertError('ERR_STORE_NOT_FOUND', `"${root}" holds no issuer store (no ${CONFIG_FILE})`, { details: { dir: root } })
  }
  const { config, keys, activeKid } = readFileStoreConfig(root)
  const lock = await acquireLock(join(root, LOCK_FILE), options.lockTimeout ?? 0)
  try {
    const store = new FileStore(root, config, keys, activeKid, lock)
    store.replay(options.repair === true)
    return store
  } catch (error) {
    lock.release()
    throw error
  }
}

/**
 * The embedded store: a directory with the issuer's configuration, immutable record segments, and an append-only
 * journal that commits segments and state changes. One process at a time holds its lock, so the in-memory index
 * rebuilt from the journal is the truth, and every operation runs one after the other.
 */
export class FileStore implements StoreBackend {
  readonly concurrent = false
  /** Every record: where its line is, its status index and state (the credential and its details stay on disk). */
  private readonly index = new RecordIndex()
  private readonly indexes: FileStatusIndexes
  private readonly journal: Journal
  private nextSegment = 1
  private state: FileIssuanceState | undefined
  /** For reads inside an operation (operations run one at a time); a listing, which outlives one, has its own. */
  private readonly fileReader = new SegmentFileReader()

  constructor(
    readonly location: string,
    readonly config: IssuerConfig,
    private storeKeys: StoreKey[],
    private activeKid: string,
    private readonly lock: StoreLock,
  ) {
    this.indexes = new FileStatusIndexes(config.statusListSize)
    this.journal = new Journal(join(location, JOURNAL_FILE))
  }

  get keys(): readonly StoreKey[] {
    return this.storeKeys
  }

  get activeKey(): StoreKey {
    return this.storeKeys.find((key) => key.kid === this.activeKid)!
  }

  /** Rebuilds the in-memory index from the journal and the committed record segments. */
  replay(repair: boolean): void {
    const committed = new Set<string>()
    let lastSegment = 0
    const reader = new SegmentFileReader()
    this.journal.replay(repair, (entry, line) => {
      if (entry.op === 'commit') {
        loadSegment(this.location, entry.segment, entry.count, entry.sha256, (prefix, position) => this.add(prefix, position, entry.segment), reader)
        committed.add(entry.segment)
        lastSegment = Math.max(lastSegment, Number.parseInt(entry.segment, 10))
        return
      }
      const slot = this.index.slotOfId(entry.certificateId)
      if (slot === -1) {
        throw corrupt(`The store journal changes unknown credential "${entry.certificateId}" at line ${line}`, {
          file: this.journal.path,
          reason: 'journal-corrupt',
          line,
        })
      }
      let next: RecordState
      try {
        next = nextState(entry.certificateId, this.index.recordState(slot), stateChangeOf(entry))
      } catch (cause) {
        throw corrupt(`The store journal makes an impossible change at line ${line}`, { file: this.journal.path, reason: 'journal-corrupt', line }, cause)
      }
      this.index.setState(slot, next)
    })
    this.nextSegment = lastSegment + 1
    this.sweepSegments(committed)
  }

  private add(prefix: LinePrefix, position: LinePosition, segment: string): void {
    const { certificateId, rowKey, statusIndex } = prefix
    if (this.indexes.has(statusIndex) || this.index.add(certificateId, rowKey, statusIndex, position) === undefined) {
      const file = join(this.location, RECORDS_DIR, segment)
      throw corrupt(`The record file "${file}" repeats the certificate ID, row key or status index of another record`, { file, reason: 'record-duplicate' })
    }
    this.indexes.markUsed(statusIndex)
  }

  // A record segment the journal does not name was renamed into place by a run that died before committing it:
  // nobody saw its credentials, so it is dropped. Only the one right after the last commit can be such a leftover.
  private sweepSegments(committed: Set<string>): void {
    const dir = join(this.location, RECORDS_DIR)
    let names: string[]
    try {
      names = readdirSync(dir)
    } catch (cause) {
      throw corrupt(`The records directory "${dir}" is missing`, { file: dir, reason: 'record-missing' }, cause)
    }
    for (const name of names) {
      if (committed.has(name)) continue
      const path = join(dir, name)
      if (name.endsWith('.tmp') || name === segmentName(this.nextSegment)) {
        unlinkSync(path)
        continue
      }
      if (/^\d+\.jsonl$/.test(name)) {
        throw corrupt(`The record file "${path}" is not in the journal (was the journal truncated?)`, { file: path, reason: 'journal-truncated' })
      }
    }
  }

  async findRowKeys(rowKeys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (const key of rowKeys) {
      const slot = this.index.slotOfRowKey(key)
      if (slot !== -1) found.set(key, this.index.idOf(slot))
    }
    return found
  }

  async reserveIndexes(count: number): Promise<number[]> {
    return this.indexes.reserve(count)
  }

  async releaseIndexes(indexes: readonly number[]): Promise<void> {
    this.indexes.release(indexes)
  }

  /**
   * Writes signed rows as one record segment (temp + fsync + rename) and commits it with one journal entry (fsync).
   * Until the journal entry is on disk the segment does not count: a crash in between leaves an orphan that the
   * next open removes, so a re-run issues those rows again instead of losing or doubling them.
   */
  async insert(records: readonly NewRecord[]): Promise<{ inserted: NewRecord[]; duplicates: NewRecord[] }> {
    const inserted = records.filter((r) => this.index.slotOfRowKey(r.rowKey) === -1)
    const duplicates = records.filter((r) => this.index.slotOfRowKey(r.rowKey) !== -1)
    this.commit(inserted, [])
    return { inserted, duplicates }
  }

  async importRecords(records: readonly IssuedRecord[]): Promise<void> {
    for (const record of records) {
      if (this.index.slotOfId(record.certificateId) !== -1 || this.index.slotOfRowKey(record.rowKey) !== -1 || this.indexes.has(record.statusIndex)) {
        throw new MicrocertError('ERR_STORE_EXISTS', `The store already holds credential "${record.certificateId}" or its row key or status index`, {
          details: { certificateId: record.certificateId },
        })
      }
    }
    const importedAt = new Date().toISOString()
    const changes = records.map((r) => [r.certificateId, stateChangesOf(r, importedAt)] as const)
    this.commit(
      records,
      changes.flatMap(([id, list]) => list.map((change) => journalEntryOf(id, change))),
    )
    for (const [id, list] of changes) {
      const slot = this.index.slotOfId(id)
      for (const change of list) this.index.setState(slot, nextState(id, this.index.recordState(slot), change))
    }
  }

  /** One segment and its commit entry (plus `after`, in the same journal write). */
  private commit(records: readonly NewRecord[], after: NewJournalEntry[]): void {
    if (records.length === 0) return
    this.journal.assertWritable()
    for (const r of records) {
      if (this.index.slotOfId(r.certificateId) !== -1) {
        throw new MicrocertError('ERR_WRITE_FAILED', `Certificate ID "${r.certificateId}" is taken; run the batch again`, {
          details: { reason: 'certificate-id-collision' },
        })
      }
    }
    const segment = this.nextSegment
    const { sha256, positions } = writeSegment(this.location, segment, records)
    const name = segmentName(segment)
    this.journal.append([{ at: new Date().toISOString(), op: 'commit', segment: name, count: records.length, sha256 }, ...after])
    this.nextSegment++
    records.forEach((r, i) => this.add(r, positions[i]!, name))
  }

  async changeState(certificateId: string, change: StateChange): Promise<IssuedRecord> {
    const slot = this.index.slotOfId(certificateId)
    if (slot === -1) {
      throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential "${certificateId}" in this store`, { details: { certificateId } })
    }
    const next = nextState(certificateId, this.index.recordState(slot), change)
    this.journal.append([journalEntryOf(certificateId, change)])
    this.index.setState(slot, next)
    return this.read(slot)
  }

  async get(certificateId: string): Promise<IssuedRecord | undefined> {
    const slot = this.index.slotOfId(certificateId)
    return slot === -1 ? undefined : this.read(slot)
  }

  async getMany(certificateIds: readonly string[]): Promise<IssuedRecord[]> {
    const slots = certificateIds.map((id) => {
      const slot = this.index.slotOfId(id)
      if (slot === -1) throw new TypeError(`The store lost credential "${id}" it just reported`)
      return slot
    })
    // In slot (= file) order, so each segment is read once however the IDs are ordered.
    const order = slots.map((_, i) => i).sort((a, b) => slots[a]! - slots[b]!)
    const read = segmentReader(this.location, this.fileReader)
    const records: IssuedRecord[] = new Array(slots.length)
    for (const i of order) records[i] = this.toRecord(slots[i]!, read(certificateIds[i]!, this.index.position(slots[i]!)))
    return records
  }

  /**
   * Records in issue order. The state filter is answered from memory; course and key from each record's line (read
   * segment by segment, so memory holds one segment at a time). A snapshot of the index is taken first: records
   * issued while a caller is still iterating are not in this listing.
   */
  async *list(filter: ListFilter = {}): AsyncIterable<IssuedRecord> {
    const { state, course, kid } = checkListFilter(filter)
    const read = segmentReader(this.location)
    const end = this.index.size
    for (let slot = 0; slot < end; slot++) {
      if (state !== undefined && this.index.stateOf(slot) !== state) continue
      const line = read(this.index.idOf(slot), this.index.position(slot))
      if ((course !== undefined && line.achievementId !== course) || (kid !== undefined && line.kid !== kid)) continue
      yield this.toRecord(slot, line)
    }
  }

  // Operations run one at a time (`concurrent: false`), so while `read` runs nothing else changes the store.
  async snapshot<T>(read: (snapshot: StoreSnapshot) => Promise<T>): Promise<T> {
    return read({ statusLists: this.indexes.listCount, keys: this.storeKeys, records: () => this.list() })
  }

  private read(slot: number): IssuedRecord {
    return this.toRecord(slot, readRecordLine(this.location, this.index.idOf(slot), this.index.position(slot)))
  }

  private toRecord(slot: number, line: StoredLine): IssuedRecord {
    const { state, reason, publishReason, since, revokedAt, suspendedAt, unpublished } = this.index.recordState(slot)
    return issuedRecord({
      certificateId: line.certificateId,
      credentialId: line.credentialId,
      rowKey: line.rowKey,
      statusIndex: this.index.statusIndex(slot),
      issuedAt: line.issuedAt,
      state,
      ...(reason === undefined ? {} : { reason, publishReason: publishReason !== false }),
      ...(since === undefined ? {} : { since }),
      ...(revokedAt === undefined ? {} : { revokedAt }),
      ...(suspendedAt === undefined ? {} : { suspendedAt }),
      ...(unpublished === true ? { unpublished } : {}),
      format: line.format,
      credential: line.credential,
      kid: line.kid,
      achievementId: line.achievementId,
    })
  }

  async addKey(newKey: Omit<StoreKey, 'kid'>, privateJwk?: JsonWebKey): Promise<StoreKey> {
    this.journal.assertWritable()
    const key = { ...newKey, kid: nextKeyId(this.config.did, this.storeKeys.map((k) => k.kid)) }
    const placed = placeKey(this.location, key, privateJwk, { exclusive: true })
    try {
      this.writeConfig([...this.storeKeys, placed], placed.kid)
    } catch (error) {
      if (privateJwk !== undefined && placed.privateKeyFile !== undefined && key.privateKeyFile === undefined) rmSync(placed.privateKeyFile, { force: true })
      throw error
    }
    return placed
  }

  async retireKey(kid: string, at: string): Promise<void> {
    this.journal.assertWritable()
    const key = this.storeKeys.find((k) => k.kid === kid)
    if (key === undefined) throw keyNotFound(kid, this.location)
    retirable(key, this.activeKid)
    this.writeConfig(
      this.storeKeys.map((k) => (k.kid === kid ? { ...k, retiredAt: at } : k)),
      this.activeKid,
    )
  }

  /** Nobody else writes this store while we hold its lock: the keys in memory are the truth. */
  async reloadKeys(): Promise<void> {}

  private writeConfig(keys: StoreKey[], activeKid: string): void {
    writeFileDurable(join(this.location, CONFIG_FILE), fileStoreConfigText(this.location, this.config, keys, activeKid))
    this.storeKeys = keys
    this.activeKid = activeKid
  }

  issuanceState(now: () => Date): IssuanceStateStore {
    this.state ??= new FileIssuanceState(join(this.location, ISSUANCE_STATE_FILE), now)
    return this.state
  }

  async close(): Promise<void> {
    this.state?.close()
    this.journal.close()
    this.lock.release()
  }

  // Removes only what the store wrote (the configuration first: from then on the directory is no store).
  async destroy(): Promise<void> {
    this.state?.close()
    this.journal.close()
    const root = this.location
    try {
      rmSync(join(root, CONFIG_FILE), { force: true })
      rmSync(join(root, JOURNAL_FILE), { force: true })
      rmSync(join(root, ISSUANCE_STATE_FILE), { force: true })
      rmSync(join(root, RECORDS_DIR), { recursive: true, force: true })
      for (const key of this.storeKeys) {
        rmSync(join(root, keyFileName(key.kid, 'public')), { force: true })
        if (key.privateKeyFile === join(root, keyFileName(key.kid, 'private'))) rmSync(key.privateKeyFile, { force: true })
      }
    } catch (cause) {
      throw writeFailed(root, cause)
    } finally {
      this.lock.release()
    }
    for (const dir of [join(root, KEYS_DIR), root]) {
      try {
        rmdirSync(dir)
      } catch {
        // not empty: something else lives there
      }
    }
  }
}

/**
 * Writes a key's public JWK beside the store's other keys and, given the private half, its 0600 private key file: at
 * `key.privateKeyFile` (an existing file must hold this very key) or `keys/<fragment>.private.jwk`. Returns the key
 * with the absolute path of its private key file.
 */
function placeKey(root: string, key: InitKey, privateJwk: JsonWebKey | undefined, { exclusive }: { exclusive: boolean }): StoreKey {
  const { privateJwk: _secret, ...placed } = key
  if (privateJwk !== undefined) {
    if (key.privateKeyFile === undefined) {
      placed.privateKeyFile = join(root, keyFileName(key.kid, 'private'))
      writePrivateKeyFile(placed.privateKeyFile, privateJwk, { exclusive })
    } else {
      placePrivateKeyFile(key.privateKeyFile, privateJwk)
    }
  }
  writeFileDurable(join(root, keyFileName(key.kid, 'public')), JSON.stringify(key.publicJwk, null, 2) + '\n')
  return placed
}
