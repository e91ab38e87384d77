import type { IssuerProfile } from '@microcert/schemas'
import { isMicrocertError, type MicrocertError } from '../../errors.js'
import { generateCertificateId } from '../../generate-certificate-id.js'
import { parseCertificateId } from '../../parse-certificate-id.js'
import { signCredential } from '../../sign-credential.js'
import type { Signer } from '../../types.js'
import type {
  BatchReport,
  BatchRow,
  IssueBatchOptions,
  IssuedRecord,
  IssueInput,
  Issuer,
  PublishOptions,
  PublishReport,
  StateChangeOptions,
} from '../types.js'
import { prepareCredential, type PreparedCredential } from './prepare-credential.js'
import { publishSite } from './publish-site.js'
import { checkReason } from './record-state.js'
import { defaultRowKey, unwrapRow } from './row-key.js'
import type { NewRecord, StateChange, StoreBackend } from './store-backend.js'

interface PendingRow {
  row: number
  rowKey: string
  input: IssueInput
}

interface Committed {
  inserted: IssuedRecord[]
  /** Rows another process stored first (same row key): their records as stored. */
  duplicates: NewRecord[]
}

/**
 * The one `Issuer`: every rule callers see — input checks, certificate IDs, building and signing, idempotent
 * batches, state rules, publishing — on top of a store engine (`StoreBackend`) that only keeps and guards data.
 * Signing happens between reserving status indexes and inserting, never inside a database transaction.
 */
export class StoreIssuer implements Issuer {
  readonly location: string
  readonly profile: IssuerProfile
  readonly registryUrl: string
  readonly did: string
  private closed = false
  private queue: Promise<unknown> = Promise.resolve()
  private readonly running = new Set<Promise<unknown>>()

  constructor(
    private readonly store: StoreBackend,
    readonly signer: Signer,
    private readonly now: () => Date,
  ) {
    this.location = store.location
    this.profile = store.config.profile
    this.registryUrl = store.config.registryUrl
    this.did = store.config.did
  }

  /** Runs an operation: one at a time for engines that need it, always tracked so `close` can wait for it. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new TypeError('The issuer store is closed'))
    const run = this.store.concurrent ? task() : this.queue.then(task)
    if (!this.store.concurrent) this.queue = run.catch(() => undefined)
    const tracked = run.catch(() => undefined)
    this.running.add(tracked)
    void tracked.then(() => this.running.delete(tracked))
    return run
  }

  /** Reserves status indexes for rows and builds their credentials; rows that fail give their index back. */
  private async prepare(rows: readonly PendingRow[]): Promise<{ prepared: PreparedCredential[]; failures: { row: PendingRow; error: MicrocertError }[] }> {
    if (rows.length === 0) return { prepared: [], failures: [] }
    const indexes = await this.store.reserveIndexes(rows.length)
    const prepared: PreparedCredential[] = []
    const failures: { row: PendingRow; error: MicrocertError }[] = []
    const unused: number[] = []
    const ids = new Set<string>()
    const issuedAt = this.now()
    try {
      rows.forEach((row, i) => {
        let certificateId = generateCertificateId()
        while (ids.has(certificateId)) certificateId = generateCertificateId()
        ids.add(certificateId)
        try {
          prepared.push(prepareCredential(this.store.config, row.input, { ...row, certificateId, statusIndex: indexes[i]!, issuedAt }))
        } catch (error) {
          if (!isMicrocertError(error)) throw error
          failures.push({ row, error })
          unused.push(indexes[i]!)
        }
      })
    } catch (error) {
      await this.releaseQuietly(indexes)
      throw error
    }
    if (unused.length > 0) await this.store.releaseIndexes(unused)
    return { prepared, failures }
  }

  private async releaseQuietly(indexes: readonly number[]): Promise<void> {
    // Best effort on a path that is failing already: an index not given back is wasted, never reused.
    await this.store.releaseIndexes(indexes).catch(() => undefined)
  }

  /** Signs prepared rows (outside any transaction) and stores them in one step. */
  private async commit(prepared: readonly PreparedCredential[]): Promise<Committed> {
    if (prepared.length === 0) return { inserted: [], duplicates: [] }
    let result: { inserted: NewRecord[]; duplicates: NewRecord[] }
    try {
      const jwts = await Promise.all(prepared.map((p) => signCredential(p.credential as never, this.signer)))
      result = await this.store.insert(prepared.map((p, i) => ({ ...p.record, jwt: jwts[i]! })))
    } catch (error) {
      await this.releaseQuietly(prepared.map((p) => p.record.statusIndex))
      throw error
    }
    if (result.duplicates.length > 0) await this.releaseQuietly(result.duplicates.map((r) => r.statusIndex))
    return { inserted: result.inserted.map((r) => ({ ...r, state: 'active' })), duplicates: result.duplicates }
  }

  private async stored(certificateId: string): Promise<IssuedRecord> {
    const record = await this.store.get(certificateId)
    if (record === undefined) throw new TypeError(`The store lost credential "${certificateId}" it just reported`)
    return record
  }

  issue(input: IssueInput, options: { rowKey?: string } = {}): Promise<IssuedRecord> {
    return this.run(async () => {
      const rowKey = options.rowKey ?? defaultRowKey(input)
      const existing = (await this.store.findRowKeys([rowKey])).get(rowKey)
      if (existing !== undefined) return this.stored(existing)
      const { prepared, failures } = await this.prepare([{ row: 1, rowKey, input }])
      if (failures.length > 0) throw failures[0]!.error
      const { inserted, duplicates } = await this.commit(prepared)
      if (duplicates.length > 0) return this.stored((await this.store.findRowKeys([rowKey])).get(rowKey)!)
      return inserted[0]!
    })
  }

  issueBatch(rows: Iterable<BatchRow> | AsyncIterable<BatchRow>, options: IssueBatchOptions = {}): Promise<BatchReport> {
    return this.run(async () => {
      const collect = options.collect !== false
      const atomic = options.atomic === true
      const chunkSize = Math.max(1, options.chunkSize ?? 1000)
      const total = Array.isArray(rows) ? rows.length : undefined
      const report: BatchReport = { issued: [], skipped: [], failed: [], counts: { issued: 0, skipped: 0, failed: 0 } }
      let done = 0
      const progress = () => options.onProgress?.({ done, ...(total === undefined ? {} : { total }), ...report.counts })
      // Row keys read but not yet committed: a second row with one of them in the same batch is a duplicate.
      const pendingKeys = new Set<string>()
      let chunk: PendingRow[] = []
      // One chunk is signed and committed while the next one is read and prepared; commits stay in order.
      let inFlight: Promise<void> | undefined

      const skip = async (certificateId: string) => {
        report.counts.skipped++
        if (collect) report.skipped.push(await this.stored(certificateId))
      }
      const settle = async ({ inserted, duplicates }: Committed) => {
        report.counts.issued += inserted.length
        if (collect) report.issued.push(...inserted)
        if (duplicates.length > 0) {
          const ids = await this.store.findRowKeys(duplicates.map((d) => d.rowKey))
          for (const d of duplicates) await skip(ids.get(d.rowKey)!)
        }
        for (const r of [...inserted, ...duplicates]) pendingKeys.delete(r.rowKey)
        progress()
      }
      /** Drops rows the store holds already, and prepares the rest (reporting invalid ones). */
      const prepareChunk = async (raw: PendingRow[]): Promise<PreparedCredential[]> => {
        const existing = await this.store.findRowKeys(raw.map((r) => r.rowKey))
        const fresh: PendingRow[] = []
        for (const r of raw) {
          const id = existing.get(r.rowKey)
          if (id === undefined) {
            fresh.push(r)
            continue
          }
          pendingKeys.delete(r.rowKey)
          await skip(id)
        }
        const { prepared, failures } = await this.prepare(fresh)
        for (const { row, error } of failures) {
          pendingKeys.delete(row.rowKey)
          const issues = Array.isArray(error.details?.['issues']) ? (error.details['issues'] as string[]) : [error.message]
          report.failed.push({ row: row.row, rowKey: row.rowKey, code: error.code, issues })
          report.counts.failed++
        }
        return prepared
      }
      const flush = async () => {
        const raw = chunk
        chunk = []
        if (raw.length === 0) return
        const prepared = await prepareChunk(raw)
        try {
          if (inFlight !== undefined) await inFlight
        } catch (error) {
          await this.releaseQuietly(prepared.map((p) => p.record.statusIndex))
          throw error
        }
        inFlight = this.commit(prepared).then(settle)
        inFlight.catch(() => undefined)
      }

      try {
        for await (const row of rows as AsyncIterable<BatchRow>) {
          done++
          const pending: PendingRow = { row: done, ...unwrapRow(row) }
          if (pendingKeys.has(pending.rowKey)) {
            report.counts.skipped++
            continue
          }
          pendingKeys.add(pending.rowKey)
          chunk.push(pending)
          if (!atomic && chunk.length >= chunkSize) await flush()
          else if (done % 100 === 0) progress()
        }
        if (atomic) {
          const prepared = await prepareChunk(chunk.splice(0))
          if (report.failed.length > 0) {
            await this.store.releaseIndexes(prepared.map((p) => p.record.statusIndex))
            progress()
            return report
          }
          await settle(await this.commit(prepared))
        } else {
          await flush()
          if (inFlight !== undefined) await inFlight
        }
        progress()
        return report
      } catch (error) {
        if (inFlight !== undefined) await inFlight.catch(() => undefined)
        throw error
      }
    })
  }

  private changeState(certificateId: string, change: Omit<StateChange, 'at'>): Promise<IssuedRecord> {
    return this.run(async () => {
      const id = parseCertificateId(certificateId)
      const reason = checkReason(change.reason)
      return this.store.changeState(id, {
        op: change.op,
        at: this.now().toISOString(),
        ...(reason === undefined ? {} : { reason }),
        ...(reason !== undefined && change.reasonPrivate === true ? { reasonPrivate: true } : {}),
      })
    })
  }

  revoke(certificateId: string, options: StateChangeOptions = {}): Promise<IssuedRecord> {
    return this.changeState(certificateId, { op: 'revoke', ...reasonOf(options) })
  }

  suspend(certificateId: string, options: StateChangeOptions = {}): Promise<IssuedRecord> {
    return this.changeState(certificateId, { op: 'suspend', ...reasonOf(options) })
  }

  reinstate(certificateId: string): Promise<IssuedRecord> {
    return this.changeState(certificateId, { op: 'reinstate' })
  }

  unpublish(certificateId: string): Promise<IssuedRecord> {
    return this.changeState(certificateId, { op: 'unpublish' })
  }

  get(certificateId: string): Promise<IssuedRecord | undefined> {
    return this.run(async () => this.store.get(parseCertificateId(certificateId)))
  }

  list(): AsyncIterable<IssuedRecord> {
    if (this.closed) throw new TypeError('The issuer store is closed')
    return this.store.list()
  }

  publish(outDir: string, options: PublishOptions = {}): Promise<PublishReport> {
    const { config, keys } = this.store
    return this.run(() => publishSite({ config, keys, signer: this.signer, snapshot: (read) => this.store.snapshot(read) }, outDir, options))
  }

  get publicKeys(): readonly { kid: string; publicJwk: JsonWebKey }[] {
    return this.store.keys.map((key) => ({ kid: key.kid, publicJwk: key.publicJwk }))
  }

  /** The engine under this issuer (for `copyStore`). */
  get backend(): StoreBackend {
    return this.store
  }

  // What JSON.stringify and console.log show: never the signer, the engine or a connection string.
  toJSON(): { location: string; did: string; registryUrl: string; profile: IssuerProfile } {
    return { location: this.location, did: this.did, registryUrl: this.registryUrl, profile: this.profile }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Issuer(${this.did} at ${this.location})`
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all(this.running)
    await this.store.close()
  }
}

function reasonOf(options: StateChangeOptions): { reason?: string; reasonPrivate?: boolean } {
  return {
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(options.publishReason === false ? { reasonPrivate: true } : {}),
  }
}
