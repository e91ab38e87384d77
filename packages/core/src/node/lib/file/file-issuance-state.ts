import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import { MicrocertError } from '../../../errors.js'
import type { IssuanceStateLookup, IssuanceStateStore, IssuanceStateValue } from '../../../issuance-state-store.js'
import { writeFailed, writeFileDurable } from '../fs-durable.js'

interface Entry {
  value: string
  expiresAt: number
  used: boolean
}

type Line = { op: 'create'; key: string; value: IssuanceStateValue; expiresAt: number } | { op: 'use'; key: string }

const RETENTION_MS = 86_400_000
const MAX_ENTRIES = 100_000
/** Purge and compact at most this often (each purge walks every entry). */
const PURGE_INTERVAL_MS = 60_000

/**
 * The directory store's `IssuanceStateStore`: entries in memory, every change appended to `openid4vci-state.jsonl`
 * (mode 0600) with an fsync before it counts, so a restarted server still knows which offers and codes were used.
 * Only the process holding the store's lock writes here, and each check-and-set happens before any await, so of two
 * concurrent consumers exactly one gets the entry. The file is rewritten without purged entries when it grows.
 */
export class FileIssuanceState implements IssuanceStateStore {
  private entries: Map<string, Entry> | undefined
  private fd: number | undefined
  private lines = 0
  private lastPurge = 0
  private closed = false

  constructor(
    private readonly path: string,
    private readonly clock: () => Date,
  ) {}

  async create(key: string, value: IssuanceStateValue, expiresAt: Date): Promise<boolean> {
    checkKey(key)
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw new TypeError('IssuanceStateStore.create: expiresAt must be a valid Date')
    const entries = this.load()
    this.purge(entries)
    if (entries.has(key)) return false
    const text = JSON.stringify(value)
    const entry: Entry = { value: text, expiresAt: expiresAt.getTime(), used: false }
    entries.set(key, entry)
    try {
      this.append({ op: 'create', key, value: JSON.parse(text) as IssuanceStateValue, expiresAt: entry.expiresAt })
    } catch (error) {
      entries.delete(key)
      throw error
    }
    return true
  }

  async get(key: string, now: Date): Promise<IssuanceStateLookup> {
    checkKey(key)
    return this.lookup(key, now, false)
  }

  async consume(key: string, now: Date): Promise<IssuanceStateLookup> {
    checkKey(key)
    return this.lookup(key, now, true)
  }

  close(): void {
    this.closed = true
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private lookup(key: string, now: Date, use: boolean): IssuanceStateLookup {
    const entry = this.load().get(key)
    if (entry === undefined || entry.expiresAt + RETENTION_MS < now.getTime()) return { state: 'missing' }
    if (entry.used) return { state: 'used' }
    if (entry.expiresAt <= now.getTime()) return { state: 'expired' }
    if (use) {
      // Used in memory first: a failed write below leaves it used (never handed out twice), and says so.
      entry.used = true
      this.append({ op: 'use', key })
    }
    return { state: 'live', value: JSON.parse(entry.value) as IssuanceStateValue, expiresAt: new Date(entry.expiresAt) }
  }

  private load(): Map<string, Entry> {
    if (this.closed) throw new TypeError('The issuer store is closed')
    if (this.entries !== undefined) return this.entries
    const entries = new Map<string, Entry>()
    let text = ''
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') {
        throw new MicrocertError('ERR_STORE_CORRUPT', `The issuance state file "${this.path}" is unreadable`, { cause: error, details: { file: this.path } })
      }
    }
    for (const raw of text.split('\n')) {
      if (raw === '') continue
      let line: Line
      try {
        line = JSON.parse(raw) as Line
      } catch {
        // A line torn by a crash: its operation never returned to a caller, so it never happened.
        continue
      }
      this.lines++
      if (line.op === 'create') entries.set(line.key, { value: JSON.stringify(line.value), expiresAt: line.expiresAt, used: false })
      else if (line.op === 'use') {
        const entry = entries.get(line.key)
        if (entry !== undefined) entry.used = true
      }
    }
    this.entries = entries
    return entries
  }

  private append(line: Line): void {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`)
    try {
      this.fd ??= openSync(this.path, 'a', 0o600)
      let offset = 0
      while (offset < bytes.byteLength) offset += writeSync(this.fd, bytes, offset)
      fsyncSync(this.fd)
    } catch (cause) {
      throw writeFailed(this.path, cause)
    }
    this.lines++
  }

  /** Drops entries past their retention (and the oldest beyond MAX_ENTRIES); rewrites the file when mostly dead lines. */
  private purge(entries: Map<string, Entry>): void {
    const now = this.clock().getTime()
    if (now - this.lastPurge < PURGE_INTERVAL_MS && entries.size < MAX_ENTRIES) return
    this.lastPurge = now
    for (const [key, entry] of entries) if (entry.expiresAt + RETENTION_MS < now) entries.delete(key)
    while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    if (this.lines <= 2 * entries.size + 1000) return
    const text = [...entries]
      .map(([key, entry]) => {
        const created = JSON.stringify({ op: 'create', key, value: JSON.parse(entry.value) as unknown, expiresAt: entry.expiresAt })
        return entry.used ? `${created}\n${JSON.stringify({ op: 'use', key })}\n` : `${created}\n`
      })
      .join('')
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
    writeFileDurable(this.path, text, 0o600)
    this.lines = text.split('\n').length - 1
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new TypeError('IssuanceStateStore key must be a string of 1-512 characters')
}
