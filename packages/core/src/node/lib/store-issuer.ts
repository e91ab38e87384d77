import { resolve } from 'node:path'
import type { IssuerProfile } from '@microcert/schemas'
import { isMicrocertError, MicrocertError } from '../../errors.js'
import { generateCertificateId } from '../../generate-certificate-id.js'
import { generateKeyPair } from '../../generate-key-pair.js'
import type { IssuanceStateStore } from '../../issuance-state-store.js'
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
  IssuerKey,
  ListFilter,
  ProofType,
  PublishOptions,
  PublishReport,
  RetireKeyReport,
  RotateKeyOptions,
  StateChangeOptions,
} from '../types.js'
import { checkedPublicJwk, checkSigner, resolveSigner, storeSigner } from './external-signer.js'
import { loadKeyFileSigner } from './key-files.js'
import { checkListFilter } from './list-filter.js'
import { nextKeyId } from './next-key-id.js'
import { createNodeSigner } from './node-signer.js'
import { prepareCredential } from './prepare-credential.js'
import { publishSite } from './publish-site.js'
import { checkReason } from './record-state.js'
import { defaultRowKey, unwrapRow } from './row-key.js'
import { issuedRecord, type NewRecord, type StateChange, type StoreBackend, type StoreKey } from './store-backend.js'

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

/** Failures that belong to one row; any other error (signer, store) ends the batch. */
const ROW_ERRORS = new Set<string>(['ERR_INPUT_INVALID', 'ERR_CONTEXT_INVALID', 'ERR_CONTEXT_UNKNOWN'])

/** Rows of a chunk signed at once: enough to keep a remote signer (KMS, HSM service) busy, few enough that the credentials built for them die young. */
const SIGNING_WINDOW = 16

/**
 * The one `Issuer`: every rule callers see — input checks, certificate IDs, building and signing, idempotent
 * batches, state rules, keys, publishing — on top of a store engine (`StoreBackend`) that only keeps and guards data.
 * Signing happens between reserving status indexes and inserting, never inside a database transaction.
 */
export class StoreIssuer implements Issuer {
  readonly location: string
  readonly profile: IssuerProfile
  readonly registryUrl: string
  readonly did: string
  readonly proof: ProofType
  private closed = false
  private queue: Promise<unknown> = Promise.resolve()
  private readonly running = new Set<Promise<unknown>>()
  private state: IssuanceStateStore | undefined

  /** `signer` signs for the store's active key under its kid (see `storeSigner`, `createNodeSigner`). */
  constructor(
    private readonly store: StoreBackend,
    private activeSigner: Signer,
    private readonly now: () => Date,
  ) {
    this.location = store.location
    this.profile = store.config.profile
    this.registryUrl = store.config.registryUrl
    this.did = store.config.did
    this.proof = store.config.proof
  }

  /** The active key's signer (see `Issuer.signer`); a rotation in this process replaces it. */
  get signer(): Signer {
    return this.activeSigner
  }

  get keys(): readonly IssuerKey[] {
    const active = this.store.activeKey.kid
    return this.store.keys.map((key) => issuerKey(key, active))
  }

  get issuanceState(): IssuanceStateStore {
    if (this.closed) throw new TypeError('The issuer store is closed')
    this.state ??= this.store.issuanceState(this.now)
    return this.state
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

  /**
   * Follows a rotation another process made (PostgreSQL): the active key is read again, and a key held in a file is
   * loaded from where the store says. A rotated-away signer brought by the caller cannot be replaced here.
   */
  private async currentSigner(): Promise<Signer> {
    await this.store.reloadKeys()
    const active = this.store.activeKey
    if (active.kid === this.activeSigner.kid) return this.activeSigner
    if (active.privateKeyFile === undefined) {
      throw new MicrocertError('ERR_STATE_CONFLICT', `Another process rotated the issuer's key to "${active.kid}", held by a signer: open the store again with that signer`, {
        details: { kid: active.kid, reason: 'key-rotated' },
      })
    }
    this.activeSigner = loadKeyFileSigner(active.privateKeyFile, active)
    return this.activeSigner
  }

  /**
   * Reserves status indexes for rows, then builds and signs each row's credential (a few at a time, so a remote
   * signer stays busy while memory holds only a handful of built credentials). Rows with invalid input are reported
   * and give their index back; a signer failure gives every index back and ends the batch.
   */
  private async prepare(rows: readonly PendingRow[], signer: Signer): Promise<{ records: NewRecord[]; failures: { row: PendingRow; error: MicrocertError }[] }> {
    if (rows.length === 0) return { records: [], failures: [] }
    const indexes = await this.store.reserveIndexes(rows.length)
    const slots: (NewRecord | { row: PendingRow; error: MicrocertError })[] = new Array(rows.length)
    const ids = new Set<string>()
    const issuedAt = this.now()
    const config = this.store.config
    let next = 0
    const worker = async () => {
      while (next < rows.length) {
        const i = next++
        const row = rows[i]!
        let certificateId = generateCertificateId()
        while (ids.has(certificateId)) certificateId = generateCertificateId()
        ids.add(certificateId)
        try {
          const prepared = prepareCredential(config, row.input, { ...row, certificateId, statusIndex: indexes[i]!, issuedAt })
          const credential = await this.sign(prepared.credential, signer, issuedAt)
          slots[i] = { ...prepared.record, format: this.proof === 'vc-jwt' ? 'vc+jwt' : 'vc+ld+json', credential, kid: signer.kid }
        } catch (error) {
          // A row's content can fail (input checks, JSON-LD for Data Integrity); anything else ends the batch.
          if (!isMicrocertError(error) || !ROW_ERRORS.has(error.code)) throw error
          slots[i] = { row, error }
        }
      }
    }
    try {
      await Promise.all(Array.from({ length: Math.min(SIGNING_WINDOW, rows.length) }, worker))
    } catch (error) {
      await this.releaseQuietly(indexes)
      throw error
    }
    const records: NewRecord[] = []
    const failures: { row: PendingRow; error: MicrocertError }[] = []
    const unused: number[] = []
    slots.forEach((slot, i) => {
      if ('error' in slot) {
        failures.push(slot)
        unused.push(indexes[i]!)
      } else records.push(slot)
    })
    if (unused.length > 0) await this.store.releaseIndexes(unused)
    return { records, failures }
  }

  /** Signs a built credential in the store's format: a compact JWS, or JSON with a Data Integrity proof. */
  private async sign(credential: Record<string, unknown>, signer: Signer, issuedAt: Date): Promise<string> {
    if (this.proof === 'vc-jwt') return signCredential(credential, signer)
    // The build turns this into the package's own `@microcert/core/data-integrity` subpath (one copy of the JSON-LD stack).
    const { signDataIntegrity } = await import('../../data-integrity/index.js')
    return JSON.stringify(await signDataIntegrity(credential, signer, { created: issuedAt }))
  }

  private async releaseQuietly(indexes: readonly number[]): Promise<void> {
    // Best effort on a path that is failing already: an index not given back is wasted, never reused.
    await this.store.releaseIndexes(indexes).catch(() => undefined)
  }

  /** Stores signed rows in one step. */
  private async commit(records: readonly NewRecord[]): Promise<Committed> {
    if (records.length === 0) return { inserted: [], duplicates: [] }
    let result: { inserted: NewRecord[]; duplicates: NewRecord[] }
    try {
      result = await this.store.insert(records)
    } catch (error) {
      await this.releaseQuietly(records.map((r) => r.statusIndex))
      throw error
    }
    if (result.duplicates.length > 0) await this.releaseQuietly(result.duplicates.map((r) => r.statusIndex))
    return { inserted: result.inserted.map((r) => issuedRecord({ ...r, state: 'active' })), duplicates: result.duplicates }
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
      const { records, failures } = await this.prepare([{ row: 1, rowKey, input }], await this.currentSigner())
      if (failures.length > 0) throw failures[0]!.error
      const { inserted, duplicates } = await this.commit(records)
      if (duplicates.length > 0) return this.stored((await this.store.findRowKeys([rowKey])).get(rowKey)!)
      return inserted[0]!
    })
  }

  issueBatch(rows: Iterable<BatchRow> | AsyncIterable<BatchRow>, options: IssueBatchOptions = {}): Promise<BatchReport> {
    return this.run(async () => {
      const collect = options.collect ?? true
      if (collect !== true && collect !== false && collect !== 'issued') throw new TypeError('issueBatch: collect must be true, false or "issued"')
      const atomic = options.atomic === true
      const chunkSize = Math.max(1, options.chunkSize ?? 1000)
      const total = Array.isArray(rows) ? rows.length : undefined
      const report: BatchReport = { issued: [], skipped: [], failed: [], counts: { issued: 0, skipped: 0, failed: 0 } }
      const signer = await this.currentSigner()
      let done = 0
      const progress = () => options.onProgress?.({ done, ...(total === undefined ? {} : { total }), ...report.counts })
      // Row keys read but not yet committed: a second row with one of them in the same batch is a duplicate.
      const pendingKeys = new Set<string>()
      let chunk: PendingRow[] = []
      // One chunk is committed while the next one is read, built and signed; commits stay in order.
      let inFlight: Promise<void> | undefined

      const skipAll = async (certificateIds: string[]) => {
        report.counts.skipped += certificateIds.length
        if (collect === true && certificateIds.length > 0) report.skipped.push(...(await this.store.getMany(certificateIds)))
      }
      const settle = async ({ inserted, duplicates }: Committed) => {
        report.counts.issued += inserted.length
        if (collect !== false) report.issued.push(...inserted)
        if (duplicates.length > 0) {
          const ids = await this.store.findRowKeys(duplicates.map((d) => d.rowKey))
          await skipAll(duplicates.map((d) => ids.get(d.rowKey)!))
        }
        for (const r of [...inserted, ...duplicates]) pendingKeys.delete(r.rowKey)
        progress()
      }
      /** Drops rows the store holds already, then builds and signs the rest (reporting invalid ones). */
      const prepareChunk = async (raw: PendingRow[]): Promise<NewRecord[]> => {
        const existing = await this.store.findRowKeys(raw.map((r) => r.rowKey))
        const fresh: PendingRow[] = []
        const held: string[] = []
        for (const r of raw) {
          const id = existing.get(r.rowKey)
          if (id === undefined) {
            fresh.push(r)
            continue
          }
          pendingKeys.delete(r.rowKey)
          held.push(id)
        }
        await skipAll(held)
        const { records, failures } = await this.prepare(fresh, signer)
        for (const { row, error } of failures) {
          pendingKeys.delete(row.rowKey)
          const issues = Array.isArray(error.details?.['issues']) ? (error.details['issues'] as string[]) : [error.message]
          report.failed.push({ row: row.row, rowKey: row.rowKey, code: error.code, issues })
          report.counts.failed++
        }
        return records
      }
      const flush = async () => {
        const raw = chunk
        chunk = []
        if (raw.length === 0) return
        const records = await prepareChunk(raw)
        try {
          if (inFlight !== undefined) await inFlight
        } catch (error) {
          await this.releaseQuietly(records.map((r) => r.statusIndex))
          throw error
        }
        inFlight = this.commit(records).then(settle)
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
          const records = await prepareChunk(chunk.splice(0))
          if (report.failed.length > 0) {
            await this.store.releaseIndexes(records.map((r) => r.statusIndex))
            progress()
            return report
          }
          await settle(await this.commit(records))
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

  list(filter: ListFilter = {}): AsyncIterable<IssuedRecord> {
    if (this.closed) throw new TypeError('The issuer store is closed')
    return this.store.list(checkListFilter(filter))
  }

  rotateKey(options: RotateKeyOptions = {}): Promise<IssuerKey> {
    if (typeof options !== 'object' || options === null) return Promise.reject(new TypeError('rotateKey(options): options must be an object'))
    return this.run(async () => {
      await this.store.reloadKeys()
      const createdAt = this.now().toISOString()
      let key: StoreKey
      let signer: Signer
      if (options.signer !== undefined) {
        if (options.publicJwk === undefined) throw new TypeError('rotateKey: a signer needs its publicJwk')
        const { publicJwk, alg } = checkedPublicJwk(options.publicJwk)
        requireProofKey(this.proof, alg)
        const kid = nextKeyId(this.did, this.store.keys.map((k) => k.kid))
        const brought = await resolveSigner(options.signer, { kid, alg, publicJwk, purpose: 'rotate', location: this.location })
        await checkSigner(brought, { kid, alg, publicJwk })
        key = await this.store.addKey({ alg, publicJwk, createdAt })
        signer = storeSigner(brought, key)
      } else {
        if (options.publicJwk !== undefined) throw new TypeError('rotateKey: publicJwk goes with a signer')
        const alg = this.store.activeKey.alg
        requireProofKey(this.proof, alg)
        const { privateJwk, publicJwk } = await generateKeyPair(alg)
        const privateKeyFile = options.keyFile === undefined ? undefined : absolutePath(options.keyFile)
        key = await this.store.addKey({ alg, publicJwk: checkedPublicJwk(publicJwk).publicJwk, createdAt, ...(privateKeyFile === undefined ? {} : { privateKeyFile }) }, privateJwk)
        signer = createNodeSigner(privateJwk, alg, key.kid)
      }
      this.activeSigner = signer
      return issuerKey(key, key.kid)
    })
  }

  retireKey(kid: string): Promise<RetireKeyReport> {
    if (typeof kid !== 'string' || kid === '') return Promise.reject(new TypeError('retireKey(kid): kid must be the DID URL of a key'))
    return this.run(async () => {
      await this.store.reloadKeys()
      const retiredAt = this.now().toISOString()
      await this.store.retireKey(kid, retiredAt)
      const credentials: RetireKeyReport['credentials'] = []
      for await (const record of this.store.list({ kid })) credentials.push({ certificateId: record.certificateId, state: record.state })
      return { kid, retiredAt, credentials }
    })
  }

  publish(outDir: string, options: PublishOptions = {}): Promise<PublishReport> {
    return this.run(async () => {
      const signer = await this.currentSigner()
      return publishSite({ config: this.store.config, signer, snapshot: (read) => this.store.snapshot(read) }, outDir, options)
    })
  }

  get publicKeys(): readonly { kid: string; publicJwk: JsonWebKey }[] {
    return this.store.keys.filter((key) => key.retiredAt === undefined).map((key) => ({ kid: key.kid, publicJwk: key.publicJwk }))
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

function issuerKey(key: StoreKey, activeKid: string): IssuerKey {
  return {
    kid: key.kid,
    alg: key.alg,
    publicJwk: key.publicJwk,
    active: key.kid === activeKid,
    holder: key.privateKeyFile === undefined ? 'signer' : 'file',
    createdAt: key.createdAt,
    ...(key.retiredAt === undefined ? {} : { retiredAt: key.retiredAt }),
  }
}

/** A Data Integrity (eddsa-rdfc-2022) store signs with Ed25519 only. Errors: ERR_KEY_INVALID. */
export function requireProofKey(proof: ProofType, alg: string): void {
  if (proof === 'eddsa-rdfc-2022' && alg !== 'EdDSA') {
    throw new MicrocertError('ERR_KEY_INVALID', `Data Integrity eddsa-rdfc-2022 signs with an Ed25519 (EdDSA) key; this key is for "${alg}"`, {
      details: { proof, alg, reason: 'proof-needs-ed25519' },
    })
  }
}

function absolutePath(path: string): string {
  if (typeof path !== 'string' || path === '') throw new TypeError('keyFile must be a path')
  return resolve(path)
}
