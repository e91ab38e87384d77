import { createHash, randomInt } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { EU_EXTENSION_SCHEMA_FILENAME, type IssuerProfile, type MicroCredentialInput } from '@microcert/schemas'
import { buildCredential } from '../../build-credential.js'
import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from '../../errors.js'
import { generateCertificateId } from '../../generate-certificate-id.js'
import { generateKeyPair } from '../../generate-key-pair.js'
import { parseCertificateId } from '../../parse-certificate-id.js'
import { signCredential } from '../../sign-credential.js'
import { statusListPath } from '../../status/lib/companion.js'
import type { Algorithm, Signer } from '../../types.js'
import type {
  BatchFailure,
  BatchReport,
  BatchRow,
  CreateIssuerOptions,
  CredentialState,
  IssueBatchOptions,
  IssuedRecord,
  IssueInput,
  Issuer,
  StateChangeOptions,
  OpenIssuerOptions,
  PublishOptions,
  PublishReport,
} from '../types.js'
import { writeFailed, writeFileDurable } from './fs-durable.js'
import { IndexBitset } from './index-bitset.js'
import { acquireLock, type StoreLock } from './lock.js'
import { createNodeSigner } from './node-signer.js'
import { publishSite } from './publish-site.js'

export const CONFIG_FILE = 'issuer.json'
export const JOURNAL_FILE = 'journal.jsonl'
export const LOCK_FILE = 'store.lock'
export const RECORDS_DIR = 'records'
export const KEYS_DIR = 'keys'
const PRIVATE_KEY_FILE = `${KEYS_DIR}/key-1.private.jwk`
const FORMAT = 'microcert-issuer-store'
const MAX_STATUS_LISTS = 10_000
const JWT_MEMBER = Buffer.from(',"jwt":"')

export interface StoreConfig {
  format: typeof FORMAT
  version: 1
  did: string
  kid: string
  alg: Algorithm
  registryUrl: string
  profile: IssuerProfile
  statusListSize: number
  privateKeyFile: string
  publicJwk: JsonWebKey
  createdAt: string
}

/**
 * What the store keeps in memory per record: a compact index entry. The JWT, the credential id and the issue date
 * stay on disk in the record segment (read by `get`, `list` and `publish`), so memory grows by ~200 bytes per record.
 */
interface RecordMeta {
  certificateId: string
  rowKey: string
  statusIndex: number
  state: CredentialState
  reason?: string
  since?: string
  revokedAt?: string
  suspendedAt?: string
  reasonPrivate?: boolean
  unpublished?: boolean
  /** Number of the record segment file (`records/<8 digits>.jsonl`). */
  segment: number
  offset: number
  length: number
}

/** The on-disk part of a record. */
interface StoredLine {
  credentialId: string
  issuedAt: string
  jwt: string
}

interface Prepared {
  row: number
  record: Omit<IssuedRecord, 'jwt' | 'state'>
  credential: Record<string, unknown>
}

type JournalEntry =
  | { seq: number; at: string; op: 'init' }
  | { seq: number; at: string; op: 'commit'; segment: string; count: number; sha256: string }
  | { seq: number; at: string; op: 'revoke' | 'suspend' | 'reinstate'; certificateId: string; reason?: string; reasonPrivate?: true }
  | { seq: number; at: string; op: 'unpublish'; certificateId: string }

type NewJournalEntry = JournalEntry extends infer E ? (E extends unknown ? Omit<E, 'seq'> : never) : never

const corrupt = (message: string, details: Record<string, unknown>, cause?: unknown) =>
  new MicrocertError('ERR_STORE_CORRUPT', message, { details, ...(cause === undefined ? {} : { cause }) })

/** Creates a new issuer store in `dir` (see `createIssuer`). */
export async function createIssuerStore(dir: string, options: CreateIssuerOptions): Promise<Issuer> {
  const root = resolve(dir)
  const registryUrl = normaliseRegistryUrl(options.url)
  if (typeof options.did !== 'string' || !options.did.startsWith('did:web:')) {
    throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `The issuer store needs a did:web DID, got "${String(options.did)}"`, {
      details: { did: options.did },
    })
  }
  const issues: string[] = []
  if (typeof options.name !== 'string' || options.name.trim() === '') issues.push('name: the awarding body needs a name (EU micro-credential element 4)')
  if (typeof options.country !== 'string' || !/^[A-Z]{2}$/.test(options.country)) {
    issues.push('country: an ISO 3166-1 alpha-2 code in upper case is required (EU micro-credential element 3)')
  }
  if (issues.length > 0) throw new MicrocertError('ERR_INPUT_INVALID', issues[0]!, { details: { issues } })
  const alg = options.alg ?? 'ES256'
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`createIssuer: alg must be "ES256" or "EdDSA", got "${String(alg)}"`)
  const statusListSize = options.statusListSize ?? 131_072
  if (!Number.isSafeInteger(statusListSize) || statusListSize < 131_072 || statusListSize % 8 !== 0) {
    throw new TypeError('createIssuer: statusListSize must be a multiple of 8 and at least 131,072')
  }
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
    const now = options.now ?? (() => new Date())
    const { privateJwk, publicJwk } = await generateKeyPair(alg)
    writeFileDurable(join(root, PRIVATE_KEY_FILE), JSON.stringify(privateJwk), 0o600)
    writeFileDurable(join(root, KEYS_DIR, 'key-1.public.jwk'), JSON.stringify(publicJwk, null, 2) + '\n')
    const profile: IssuerProfile = {
      id: options.did,
      name: options.name,
      country: options.country,
      url: options.issuerUrl ?? registryUrl,
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.email === undefined ? {} : { email: options.email }),
    }
    const config: StoreConfig = {
      format: FORMAT,
      version: 1,
      did: options.did,
      kid: `${options.did}#key-1`,
      alg,
      registryUrl,
      profile,
      statusListSize,
      privateKeyFile: PRIVATE_KEY_FILE,
      publicJwk,
      createdAt: now().toISOString(),
    }
    const journalPath = join(root, JOURNAL_FILE)
    writeFileDurable(journalPath, JSON.stringify({ seq: 1, at: config.createdAt, op: 'init' }) + '\n')
    // The config file is written last: it is what makes the directory a store.
    writeFileDurable(join(root, CONFIG_FILE), JSON.stringify(config, null, 2) + '\n')
    const signer = createNodeSigner(privateJwk, alg, config.kid)
    const store = new IssuerStore(root, config, signer, lock, now)
    store.replay(false)
    return store
  } catch (error) {
    lock.release()
    throw error
  }
}

/** Opens the issuer store in `dir` (see `openIssuer`). */
export async function openIssuerStore(dir: string, options: OpenIssuerOptions = {}): Promise<Issuer> {
  const root = resolve(dir)
  const configPath = join(root, CONFIG_FILE)
  if (!existsSync(configPath)) {
    throw new MicrocertError('ERR_STORE_NOT_FOUND', `"${root}" holds no issuer store (no ${CONFIG_FILE})`, { details: { dir: root } })
  }
  const config = readConfig(configPath)
  const lock = await acquireLock(join(root, LOCK_FILE), options.lockTimeout ?? 0)
  try {
    const signer = await loadSigner(root, config)
    const store = new IssuerStore(root, config, signer, lock, options.now ?? (() => new Date()))
    store.replay(options.repair === true)
    return store
  } catch (error) {
    lock.release()
    throw error
  }
}

function readConfig(path: string): StoreConfig {
  let config: StoreConfig
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as StoreConfig
  } catch (cause) {
    throw corrupt(`The store configuration "${path}" is not readable JSON`, { file: path }, cause)
  }
  if (
    config === null ||
    typeof config !== 'object' ||
    config.format !== FORMAT ||
    config.version !== 1 ||
    typeof config.did !== 'string' ||
    typeof config.kid !== 'string' ||
    typeof config.registryUrl !== 'string' ||
    typeof config.privateKeyFile !== 'string' ||
    typeof config.profile !== 'object' ||
    !Number.isSafeInteger(config.statusListSize)
  ) {
    throw corrupt(`The store configuration "${path}" is not a microcert issuer store (version 1)`, { file: path })
  }
  return config
}

async function loadSigner(root: string, config: StoreConfig): Promise<Signer> {
  const keyPath = join(root, config.privateKeyFile)
  let text: string
  try {
    text = readFileSync(keyPath, 'utf8')
  } catch (cause) {
    throw new MicrocertError('ERR_KEY_FILE_MISSING', `The issuer's private key file "${keyPath}" is missing or unreadable`, {
      cause,
      details: { file: keyPath },
    })
  }
  let jwk: JsonWebKey
  try {
    jwk = JSON.parse(text) as JsonWebKey
  } catch {
    // Never attach the parse error: its message could quote key material.
    throw new MicrocertError('ERR_KEY_INVALID', `The issuer's private key file "${keyPath}" is not a JWK`, { details: { file: keyPath } })
  }
  return createNodeSigner(jwk, config.alg, config.kid)
}

function normaliseRegistryUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`createIssuer: url must be the registry base URL (http: or https:), got "${String(url)}"`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`createIssuer: url must be an http: or https: URL, got "${url}"`)
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new TypeError('createIssuer: url must not carry a query or fragment')
  return parsed.href.replace(/\/+$/, '')
}

/** A stable row key for input without one: the SHA-256 of its canonical JSON. */
function defaultRowKey(input: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(input)).digest('base64url')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function isWrappedRow(row: BatchRow): row is { rowKey: string; input: IssueInput } {
  return typeof row === 'object' && row !== null && 'input' in row && 'rowKey' in row && typeof row.rowKey === 'string'
}

export class IssuerStore implements Issuer {
  readonly dir: string
  readonly profile: IssuerProfile
  readonly registryUrl: string
  readonly did: string
  readonly config: StoreConfig
  private readonly signer: Signer
  private readonly lock: StoreLock
  private readonly now: () => Date
  private readonly records = new Map<string, RecordMeta>()
  private readonly byRowKey = new Map<string, string>()
  private readonly usedIndexes = new IndexBitset()
  private readonly reservedIndexes = new Set<number>()
  private readonly reservedIds = new Set<string>()
  private lists = 1
  private seq = 0
  private nextSegment = 1
  private journalFd: number | undefined
  private closed = false
  private broken: MicrocertError | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(dir: string, config: StoreConfig, signer: Signer, lock: StoreLock, now: () => Date) {
    this.dir = dir
    this.config = config
    this.profile = config.profile
    this.registryUrl = config.registryUrl
    this.did = config.did
    this.signer = signer
    this.lock = lock
    this.now = now
  }

  /** Rebuilds the in-memory index from the journal and the committed record segments. */
  replay(repair: boolean): void {
    const journalPath = join(this.dir, JOURNAL_FILE)
    let text: string
    try {
      text = readFileSync(journalPath, 'utf8')
    } catch (cause) {
      throw corrupt(`The store journal "${journalPath}" is missing or unreadable`, { file: journalPath, reason: 'journal-missing' }, cause)
    }
    let lines = text.split('\n')
    const tail = lines.pop()!
    if (tail !== '') {
      if (!repair) {
        throw corrupt(
          `The store journal ends in an incomplete entry (line ${lines.length + 1}); open with { repair: true } to drop it`,
          { file: journalPath, reason: 'journal-truncated', line: lines.length + 1 },
        )
      }
      const fd = openSync(journalPath, 'r+')
      try {
        ftruncateSync(fd, Buffer.byteLength(text) - Buffer.byteLength(tail))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    }
    const committed = new Set<string>()
    let lastSegment = 0
    lines.forEach((line, i) => {
      let entry: JournalEntry
      try {
        entry = JSON.parse(line) as JournalEntry
      } catch (cause) {
        throw corrupt(`The store journal has an unreadable entry at line ${i + 1}`, { file: journalPath, reason: 'journal-corrupt', line: i + 1 }, cause)
      }
      if (entry?.seq !== i + 1) {
        throw corrupt(`The store journal is out of sequence at line ${i + 1}`, { file: journalPath, reason: 'journal-corrupt', line: i + 1 })
      }
      this.seq = entry.seq
      if (entry.op === 'init') return
      if (entry.op === 'commit') {
        this.loadSegment(entry.segment, entry.count, entry.sha256)
        committed.add(entry.segment)
        lastSegment = Math.max(lastSegment, Number.parseInt(entry.segment, 10))
        return
      }
      if (entry.op === 'revoke' || entry.op === 'suspend' || entry.op === 'reinstate' || entry.op === 'unpublish') {
        const meta = this.records.get(entry.certificateId)
        if (meta === undefined) {
          throw corrupt(`The store journal changes unknown credential "${entry.certificateId}" at line ${i + 1}`, {
            file: journalPath,
            reason: 'journal-corrupt',
            line: i + 1,
          })
        }
        if (entry.op === 'unpublish') meta.unpublished = true
        else applyState(meta, entry.op, entry.at, entry.reason, entry.reasonPrivate === true)
        return
      }
      throw corrupt(`The store journal has an unknown operation at line ${i + 1}`, { file: journalPath, reason: 'journal-corrupt', line: i + 1 })
    })
    if (this.seq === 0) throw corrupt(`The store journal "${journalPath}" is empty`, { file: journalPath, reason: 'journal-truncated' })
    this.nextSegment = lastSegment + 1
    this.sweepSegments(committed)
    const maxIndex = this.usedIndexes.max
    this.lists = Math.max(1, Math.floor(maxIndex / this.config.statusListSize) + 1)
    try {
      this.journalFd = openSync(journalPath, 'a')
    } catch (cause) {
      throw writeFailed(journalPath, cause)
    }
  }

  private loadSegment(segment: string, count: number, sha256: string): void {
    const path = join(this.dir, RECORDS_DIR, segment)
    const segmentNumber = Number.parseInt(segment, 10)
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch (cause) {
      throw corrupt(`The record file "${path}" is missing`, { file: path, reason: 'record-missing' }, cause)
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw corrupt(`The record file "${path}" is damaged (checksum mismatch)`, { file: path, reason: 'record-corrupt' })
    }
    let offset = 0
    let n = 0
    while (offset < bytes.byteLength) {
      let end = bytes.indexOf(10, offset)
      if (end === -1) end = bytes.byteLength
      // The JWT is the last member and is only read when needed: parse the small metadata prefix. Inside a JSON
      // string every quote is escaped, so the first unescaped `,"jwt":"` is the member boundary.
      const jwtAt = bytes.indexOf(JWT_MEMBER, offset)
      const line = jwtAt !== -1 && jwtAt < end ? `${bytes.subarray(offset, jwtAt).toString('utf8')}}` : bytes.subarray(offset, end).toString('utf8')
      let value: Omit<IssuedRecord, 'state' | 'jwt'>
      try {
        value = JSON.parse(line) as Omit<IssuedRecord, 'state' | 'jwt'>
        if (typeof value.certificateId !== 'string' || !Number.isSafeInteger(value.statusIndex) || typeof value.rowKey !== 'string') {
          throw new Error('not a record')
        }
      } catch (cause) {
        throw corrupt(`The record file "${path}" has an unreadable record`, { file: path, reason: 'record-corrupt' }, cause)
      }
      const meta: RecordMeta = {
        certificateId: value.certificateId,
        rowKey: value.rowKey,
        statusIndex: value.statusIndex,
        state: 'active',
        segment: segmentNumber,
        offset,
        length: end - offset,
      }
      if (this.records.has(meta.certificateId) || this.usedIndexes.has(meta.statusIndex)) {
        throw corrupt(`The record file "${path}" repeats certificate ID or status index of another record`, { file: path, reason: 'record-duplicate' })
      }
      this.records.set(meta.certificateId, meta)
      this.byRowKey.set(meta.rowKey, meta.certificateId)
      this.usedIndexes.add(meta.statusIndex)
      n++
      offset = end + 1
    }
    if (n !== count) throw corrupt(`The record file "${path}" holds ${n} records, the journal says ${count}`, { file: path, reason: 'record-corrupt' })
  }

  // A record segment the journal does not name was renamed into place by a run that died before committing it:
  // nobody saw its credentials, so it is dropped. Only the one right after the last commit can be such a leftover.
  private sweepSegments(committed: Set<string>): void {
    const dir = join(this.dir, RECORDS_DIR)
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
        throw corrupt(`The record file "${path}" is not in the journal (was the journal truncated?)`, {
          file: path,
          reason: 'journal-truncated',
        })
      }
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new TypeError('The issuer store is closed')
      if (this.broken !== undefined) {
        throw new MicrocertError('ERR_WRITE_FAILED', 'A journal write failed earlier; close and reopen the store', { cause: this.broken })
      }
      return task()
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private appendJournal(entries: NewJournalEntry[]): void {
    if (this.journalFd === undefined) throw new TypeError('The issuer store is closed')
    const text = entries.map((e, i) => JSON.stringify({ seq: this.seq + i + 1, ...e }) + '\n').join('')
    const bytes = Buffer.from(text)
    try {
      // One write() per commit: a killed process never leaves half an entry behind.
      let offset = 0
      while (offset < bytes.byteLength) offset += writeSync(this.journalFd, bytes, offset)
      fsyncSync(this.journalFd)
    } catch (cause) {
      // The entry may or may not be on disk now: only a fresh open (which reads the journal) knows.
      this.broken = writeFailed(join(this.dir, JOURNAL_FILE), cause)
      throw this.broken
    }
    this.seq += entries.length
  }

  private allocateIndex(): number {
    const size = this.config.statusListSize
    if ((this.usedIndexes.size + this.reservedIndexes.size + 1) * 4 > this.lists * size * 3) {
      if (this.lists >= MAX_STATUS_LISTS) {
        throw new MicrocertError('ERR_STATUS_LIST_FULL', `All ${MAX_STATUS_LISTS} status lists are in use`, { details: { lists: this.lists } })
      }
      this.lists++
    }
    const capacity = this.lists * size
    for (;;) {
      const index = randomInt(capacity)
      if (!this.usedIndexes.has(index) && !this.reservedIndexes.has(index)) {
        this.reservedIndexes.add(index)
        return index
      }
    }
  }

  private allocateCertificateId(): string {
    for (;;) {
      const id = generateCertificateId()
      if (!this.records.has(id) && !this.reservedIds.has(id)) {
        this.reservedIds.add(id)
        return id
      }
    }
  }

  private release(prepared: Prepared[]): void {
    for (const p of prepared) {
      this.reservedIds.delete(p.record.certificateId)
      this.reservedIndexes.delete(p.record.statusIndex)
    }
  }

  private prepare(input: IssueInput, rowKey: string, row: number): Prepared {
    if (typeof input !== 'object' || input === null) {
      throw new MicrocertError('ERR_INPUT_INVALID', 'The row is not an object', { details: { issues: ['(row): an object is required'] } })
    }
    const issuedAt = this.now()
    const certificateId = this.allocateCertificateId()
    let statusIndex: number
    try {
      statusIndex = this.allocateIndex()
    } catch (error) {
      this.reservedIds.delete(certificateId)
      throw error
    }
    const size = this.config.statusListSize
    const list = Math.floor(statusIndex / size)
    const bit = statusIndex % size
    const listUrl = `${this.registryUrl}/${statusListPath(list, 'revocation')}`
    const credentialId = `${this.registryUrl}/credentials/${certificateId}`
    let credential: Record<string, unknown>
    try {
      credential = buildCredential({ ...(input as Omit<MicroCredentialInput, 'issuer'>), issuer: this.profile } as MicroCredentialInput, {
        id: credentialId,
        now: issuedAt,
        achievementBaseUrl: `${this.registryUrl}/achievements`,
        schemaUrl: `${this.registryUrl}/${EU_EXTENSION_SCHEMA_FILENAME}`,
        credentialStatus: {
          id: `${listUrl}#${bit}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(bit),
          statusListCredential: listUrl,
        },
      }) as unknown as Record<string, unknown>
    } catch (error) {
      this.reservedIds.delete(certificateId)
      this.reservedIndexes.delete(statusIndex)
      throw error
    }
    const validFrom = typeof credential['validFrom'] === 'string' ? credential['validFrom'] : issuedAt.toISOString()
    return { row, credential, record: { certificateId, credentialId, rowKey, statusIndex, issuedAt: validFrom } }
  }

  /** Signs prepared rows (in the crypto thread pool, so the next chunk can be built meanwhile). */
  private async sign(prepared: Prepared[]): Promise<string[]> {
    try {
      return await Promise.all(prepared.map((p) => signCredential(p.credential as never, this.signer)))
    } catch (error) {
      this.release(prepared)
      throw error
    }
  }

  /**
   * Writes signed rows as one record segment (temp + fsync + rename) and commits it with one journal entry (fsync).
   * Until the journal entry is on disk the segment does not count: a crash in between leaves an orphan that the
   * next open removes, so a re-run issues those rows again instead of losing or doubling them.
   */
  private write(prepared: Prepared[], jwts: string[]): IssuedRecord[] {
    if (prepared.length === 0) return []
    const segment = segmentName(this.nextSegment)
    const lines = prepared.map((p, i) => recordLine(p.record, jwts[i]!))
    const bytes = Buffer.from(lines.join(''))
    try {
      writeFileDurable(join(this.dir, RECORDS_DIR, segment), bytes)
      this.appendJournal([
        {
          at: this.now().toISOString(),
          op: 'commit',
          segment,
          count: prepared.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
      ])
    } catch (error) {
      this.release(prepared)
      throw error
    }
    this.nextSegment++
    const issued: IssuedRecord[] = []
    let offset = 0
    prepared.forEach((p, i) => {
      const length = Buffer.byteLength(lines[i]!) - 1
      const { certificateId, rowKey, statusIndex } = p.record
      const meta: RecordMeta = { certificateId, rowKey, statusIndex, state: 'active', segment: this.nextSegment - 1, offset, length }
      offset += length + 1
      this.records.set(meta.certificateId, meta)
      this.byRowKey.set(meta.rowKey, meta.certificateId)
      this.usedIndexes.add(meta.statusIndex)
      this.reservedIds.delete(meta.certificateId)
      this.reservedIndexes.delete(meta.statusIndex)
      issued.push({ ...p.record, state: 'active', jwt: jwts[i]! })
    })
    return issued
  }

  issue(input: IssueInput, options: { rowKey?: string } = {}): Promise<IssuedRecord> {
    return this.serial(async () => {
      const rowKey = options.rowKey ?? defaultRowKey(input)
      const existing = this.byRowKey.get(rowKey)
      if (existing !== undefined) return this.readRecord(this.records.get(existing)!)
      const prepared = [this.prepare(input, rowKey, 1)]
      const [record] = this.write(prepared, await this.sign(prepared))
      return record!
    })
  }

  issueBatch(rows: Iterable<BatchRow> | AsyncIterable<BatchRow>, options: IssueBatchOptions = {}): Promise<BatchReport> {
    return this.serial(async () => {
      const collect = options.collect !== false
      const atomic = options.atomic === true
      const chunkSize = Math.max(1, options.chunkSize ?? 1000)
      const total = Array.isArray(rows) ? rows.length : undefined
      const report: BatchReport = { issued: [], skipped: [], failed: [], counts: { issued: 0, skipped: 0, failed: 0 } }
      const pending: Prepared[] = []
      const batchKeys = new Set<string>()
      let done = 0
      const progress = () => options.onProgress?.({ done, ...(total === undefined ? {} : { total }), ...report.counts })
      // One chunk is signed and committed while the next one is built; commits stay in order.
      let inFlight: Promise<void> | undefined
      let inFlightRows: Prepared[] = []
      const startChunk = async () => {
        if (inFlight !== undefined) await inFlight
        const chunk = pending.splice(0)
        if (chunk.length === 0) return
        inFlightRows = chunk
        const signing = this.sign(chunk)
        inFlight = signing.then((jwts) => {
          const issued = this.write(chunk, jwts)
          inFlightRows = []
          // Committed keys are in the index now: the batch's own set only covers rows not yet committed.
          for (const p of chunk) batchKeys.delete(p.record.rowKey)
          report.counts.issued += issued.length
          if (collect) for (const record of issued) report.issued.push(record)
          progress()
        })
        inFlight.catch(() => undefined)
      }
      try {
        for await (const row of rows as AsyncIterable<BatchRow>) {
          done++
          const wrapped = isWrappedRow(row)
          const input = wrapped ? row.input : (row as IssueInput)
          let rowKey: string | undefined = wrapped ? row.rowKey : undefined
          try {
            rowKey ??= defaultRowKey(input)
            const existing = this.byRowKey.get(rowKey)
            if (existing !== undefined || batchKeys.has(rowKey)) {
              report.counts.skipped++
              if (collect && existing !== undefined) report.skipped.push(await this.readRecord(this.records.get(existing)!))
              continue
            }
            pending.push(this.prepare(input, rowKey, done))
            batchKeys.add(rowKey)
          } catch (error) {
            if (!isMicrocertError(error)) throw error
            report.failed.push(failure(done, rowKey, error.code, error))
            report.counts.failed++
            continue
          }
          if (!atomic && pending.length >= chunkSize) await startChunk()
          else if (done % 100 === 0) progress()
        }
        if (atomic && report.failed.length > 0) {
          this.release(pending.splice(0))
          progress()
          return report
        }
        await startChunk()
        if (inFlight !== undefined) await inFlight
        if (report.counts.issued === 0) progress()
        return report
      } catch (error) {
        if (inFlight !== undefined) await inFlight.catch(() => undefined)
        this.release(pending.splice(0))
        this.release(inFlightRows)
        throw error
      }
    })
  }

  private changeState(
    certificateId: string,
    op: 'revoke' | 'suspend' | 'reinstate',
    reason: string | undefined,
    reasonPrivate = false,
  ): Promise<IssuedRecord> {
    return this.serial(async () => {
      const id = parseCertificateId(certificateId)
      reason = checkReason(reason)
      const meta = this.records.get(id)
      if (meta === undefined) {
        throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential "${id}" in this store`, { details: { certificateId: id } })
      }
      const allowed =
        (op === 'revoke' && meta.state !== 'revoked') ||
        (op === 'suspend' && meta.state === 'active') ||
        (op === 'reinstate' && meta.state === 'suspended')
      if (!allowed) {
        throw new MicrocertError('ERR_STATE_CONFLICT', `Cannot ${op} credential "${id}": it is ${meta.state}`, {
          details: { certificateId: id, state: meta.state, operation: op },
        })
      }
      const at = this.now().toISOString()
      const isPrivate = reasonPrivate && reason !== undefined
      this.appendJournal([{ at, op, certificateId: id, ...(reason === undefined ? {} : { reason }), ...(isPrivate ? { reasonPrivate: true as const } : {}) }])
      applyState(meta, op, at, reason, isPrivate)
      return this.readRecord(meta)
    })
  }

  revoke(certificateId: string, options: StateChangeOptions = {}): Promise<IssuedRecord> {
    return this.changeState(certificateId, 'revoke', options.reason, options.publishReason === false)
  }

  suspend(certificateId: string, options: StateChangeOptions = {}): Promise<IssuedRecord> {
    return this.changeState(certificateId, 'suspend', options.reason, options.publishReason === false)
  }

  unpublish(certificateId: string): Promise<IssuedRecord> {
    return this.serial(async () => {
      const id = parseCertificateId(certificateId)
      const meta = this.records.get(id)
      if (meta === undefined) {
        throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential "${id}" in this store`, { details: { certificateId: id } })
      }
      if (meta.unpublished === true) {
        throw new MicrocertError('ERR_STATE_CONFLICT', `Credential "${id}" is already withdrawn from the public registry`, {
          details: { certificateId: id, state: meta.state, operation: 'unpublish' },
        })
      }
      this.appendJournal([{ at: this.now().toISOString(), op: 'unpublish', certificateId: id }])
      meta.unpublished = true
      return this.readRecord(meta)
    })
  }

  reinstate(certificateId: string): Promise<IssuedRecord> {
    return this.changeState(certificateId, 'reinstate', undefined)
  }

  async get(certificateId: string): Promise<IssuedRecord | undefined> {
    const meta = this.records.get(parseCertificateId(certificateId))
    return meta === undefined ? undefined : this.readRecord(meta)
  }

  async *list(): AsyncIterable<IssuedRecord> {
    const read = this.segmentReader()
    for (const meta of [...this.records.values()]) yield toRecord(meta, read(meta))
  }

  /** Metadata of every record, in issue order, without reading the JWTs. */
  metas(): Iterable<Readonly<RecordMeta>> {
    return this.records.values()
  }

  /** Status lists in use. */
  statusListCount(): number {
    return this.lists
  }

  /** The on-disk part of a record (JWT, credential id, issue date), read from its segment. */
  readLine(meta: Readonly<RecordMeta>): StoredLine {
    return this.segmentReader()(meta)
  }

  /** The credential `id` of a record (what `sub` of its status notice names). */
  credentialIdOf(meta: Readonly<RecordMeta>): string {
    return `${this.registryUrl}/credentials/${meta.certificateId}`
  }

  /**
   * A reader for many records in issue order: each segment file is read once (publishing 100,000 credentials
   * must not open 100,000 files twice).
   */
  segmentReader(): (meta: Readonly<RecordMeta>) => StoredLine {
    let current: number | undefined
    let bytes: Buffer | undefined
    return (meta) => {
      const path = join(this.dir, RECORDS_DIR, segmentName(meta.segment))
      if (current !== meta.segment) {
        try {
          bytes = readFileSync(path)
        } catch (cause) {
          throw corrupt(`The record file "${path}" is missing`, { file: path, reason: 'record-missing' }, cause)
        }
        current = meta.segment
      }
      try {
        const value = JSON.parse(bytes!.subarray(meta.offset, meta.offset + meta.length).toString('utf8')) as StoredLine & { certificateId: string }
        if (value.certificateId !== meta.certificateId || typeof value.jwt !== 'string') throw new Error('mismatch')
        return { credentialId: value.credentialId, issuedAt: value.issuedAt, jwt: value.jwt }
      } catch (cause) {
        throw corrupt(`The record file "${path}" changed since the store was opened`, { file: path, reason: 'record-corrupt' }, cause)
      }
    }
  }

  private async readRecord(meta: RecordMeta): Promise<IssuedRecord> {
    return toRecord(meta, this.readLine(meta))
  }

  /** Signs with the issuer key (status lists). */
  get issuerSigner(): Signer {
    return this.signer
  }

  publish(outDir: string, options: PublishOptions = {}): Promise<PublishReport> {
    return this.serial(() => publishSite(this, outDir, options))
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.queue
    this.closed = true
    if (this.journalFd !== undefined) {
      closeSync(this.journalFd)
      this.journalFd = undefined
    }
    this.lock.release()
  }
}

// Same text as JSON.stringify({ ...record, jwt }) + '\n', without JSON-escaping the 5 KB JWT character by character
// (a compact JWS is base64url and dots; three native scans confirm it); `jwt` stays last, as the open-time parser expects.
function recordLine(record: Prepared['record'], jwt: string): string {
  if (jwt.includes('"') || jwt.includes('\\') || jwt.includes('\n')) throw new TypeError('The signer returned something that is not a compact JWS')
  const { certificateId, credentialId, rowKey, statusIndex, issuedAt } = record
  return `{"certificateId":${JSON.stringify(certificateId)},"credentialId":${JSON.stringify(credentialId)},"rowKey":${JSON.stringify(rowKey)},"statusIndex":${statusIndex},"issuedAt":${JSON.stringify(issuedAt)},"jwt":"${jwt}"}\n`
}

function toRecord(meta: RecordMeta, line: StoredLine): IssuedRecord {
  const { certificateId, rowKey, statusIndex, state, segment: _s, offset: _o, length: _l, reasonPrivate, ...extra } = meta
  return {
    certificateId,
    credentialId: line.credentialId,
    rowKey,
    statusIndex,
    issuedAt: line.issuedAt,
    state,
    ...extra,
    ...(extra.reason === undefined ? {} : { publishReason: reasonPrivate !== true }),
    jwt: line.jwt,
  }
}

function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.jsonl`
}

function applyState(meta: RecordMeta, op: 'revoke' | 'suspend' | 'reinstate', at: string, reason: string | undefined, reasonPrivate: boolean): void {
  meta.state = op === 'revoke' ? 'revoked' : op === 'suspend' ? 'suspended' : 'active'
  delete meta.reasonPrivate
  if (op === 'reinstate') {
    delete meta.reason
    delete meta.since
    delete meta.suspendedAt
  } else {
    meta.since = at
    if (op === 'revoke') meta.revokedAt = at
    else meta.suspendedAt = at
    if (reason === undefined) delete meta.reason
    else meta.reason = reason
    if (reasonPrivate) meta.reasonPrivate = true
  }
}

const MAX_REASON_LENGTH = 500

function checkReason(reason: unknown): string | undefined {
  if (reason === undefined) return undefined
  if (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH) {
    throw new MicrocertError('ERR_INPUT_INVALID', `The reason must be text of at most ${MAX_REASON_LENGTH} characters`, {
      details: { issues: [`reason: text of at most ${MAX_REASON_LENGTH} characters is required`] },
    })
  }
  return reason
}

function failure(row: number, rowKey: string | undefined, code: MicrocertErrorCode, error: MicrocertError): BatchFailure {
  const issues = Array.isArray(error.details?.['issues']) ? (error.details['issues'] as string[]) : [error.message]
  return { row, ...(rowKey === undefined ? {} : { rowKey }), code, issues }
}
