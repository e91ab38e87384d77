import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { MicrocertError } from '../../../errors.js'
import { writeFailed } from '../fs-durable.js'
import type { StateChange } from '../store-backend.js'

/** One line of `journal.jsonl`. */
export type JournalEntry =
  | { seq: number; at: string; op: 'init' }
  | { seq: number; at: string; op: 'commit'; segment: string; count: number; sha256: string }
  | { seq: number; at: string; op: 'revoke' | 'suspend' | 'reinstate'; certificateId: string; reason?: string; reasonPrivate?: true }
  | { seq: number; at: string; op: 'unpublish'; certificateId: string }

export type NewJournalEntry = JournalEntry extends infer E ? (E extends unknown ? Omit<E, 'seq'> : never) : never

export const corrupt = (message: string, details: Record<string, unknown>, cause?: unknown) =>
  new MicrocertError('ERR_STORE_CORRUPT', message, { details, ...(cause === undefined ? {} : { cause }) })

/** The journal entry of a state change. */
export function journalEntryOf(certificateId: string, change: StateChange): NewJournalEntry {
  const { op, at, reason } = change
  if (op === 'unpublish') return { at, op, certificateId }
  const isPrivate = change.reasonPrivate === true && reason !== undefined
  return { at, op, certificateId, ...(reason === undefined ? {} : { reason }), ...(isPrivate ? { reasonPrivate: true as const } : {}) }
}

/** The state change a journal entry records. */
export function stateChangeOf(entry: Extract<JournalEntry, { certificateId: string }>): StateChange {
  if (entry.op === 'unpublish') return { op: entry.op, at: entry.at }
  return {
    op: entry.op,
    at: entry.at,
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    ...(entry.reasonPrivate === true ? { reasonPrivate: true } : {}),
  }
}

/**
 * The file store's append-only journal: the commit of every record segment and every state change, one JSON line
 * each, numbered. A line is one `write()` followed by fsync, so a killed process never leaves half an entry; a power
 * loss can, and `replay({ repair: true })` drops exactly that torn last line.
 */
export class Journal {
  private fd: number | undefined
  private seq = 0
  private failed: MicrocertError | undefined

  constructor(readonly path: string) {}

  /** Writes the first entry of a new store. */
  static initialLine(at: string): string {
    return JSON.stringify({ seq: 1, at, op: 'init' }) + '\n'
  }

  /**
   * Reads every entry in order and hands each (but `init`) to `apply`, then opens the journal for appending.
   * Errors: ERR_STORE_CORRUPT (`journal-missing`, `journal-truncated`, `journal-corrupt`), ERR_WRITE_FAILED.
   */
  replay(repair: boolean, apply: (entry: Exclude<JournalEntry, { op: 'init' }>, line: number) => void): void {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (cause) {
      throw corrupt(`The store journal "${this.path}" is missing or unreadable`, { file: this.path, reason: 'journal-missing' }, cause)
    }
    const lines = text.split('\n')
    const tail = lines.pop()!
    if (tail !== '') {
      if (!repair) {
        throw corrupt(`The store journal ends in an incomplete entry (line ${lines.length + 1}); open with { repair: true } to drop it`, {
          file: this.path,
          reason: 'journal-truncated',
          line: lines.length + 1,
        })
      }
      const fd = openSync(this.path, 'r+')
      try {
        ftruncateSync(fd, Buffer.byteLength(text) - Buffer.byteLength(tail))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
    }
    lines.forEach((line, i) => {
      let entry: JournalEntry
      try {
        entry = JSON.parse(line) as JournalEntry
      } catch (cause) {
        throw corrupt(`The store journal has an unreadable entry at line ${i + 1}`, { file: this.path, reason: 'journal-corrupt', line: i + 1 }, cause)
      }
      if (entry?.seq !== i + 1) {
        throw corrupt(`The store journal is out of sequence at line ${i + 1}`, { file: this.path, reason: 'journal-corrupt', line: i + 1 })
      }
      this.seq = entry.seq
      if (entry.op === 'init') return
      if (!['commit', 'revoke', 'suspend', 'reinstate', 'unpublish'].includes(entry.op)) {
        throw corrupt(`The store journal has an unknown operation at line ${i + 1}`, { file: this.path, reason: 'journal-corrupt', line: i + 1 })
      }
      apply(entry, i + 1)
    })
    if (this.seq === 0) throw corrupt(`The store journal "${this.path}" is empty`, { file: this.path, reason: 'journal-truncated' })
    try {
      this.fd = openSync(this.path, 'a')
    } catch (cause) {
      throw writeFailed(this.path, cause)
    }
  }

  /**
   * Appends entries with one write and one fsync. After a failed write the journal refuses every later append
   * (ERR_WRITE_FAILED): whether the entry reached the disk only a fresh open, which reads the journal, can tell.
   */
  append(entries: NewJournalEntry[]): void {
    this.assertWritable()
    const text = entries.map((e, i) => JSON.stringify({ seq: this.seq + i + 1, ...e }) + '\n').join('')
    const bytes = Buffer.from(text)
    try {
      let offset = 0
      while (offset < bytes.byteLength) offset += writeSync(this.fd!, bytes, offset)
      fsyncSync(this.fd!)
    } catch (cause) {
      this.failed = writeFailed(this.path, cause)
      throw this.failed
    }
    this.seq += entries.length
  }

  /** Throws when the journal cannot take entries (closed, or a write failed earlier). */
  assertWritable(): void {
    if (this.fd === undefined) throw new TypeError('The issuer store is closed')
    if (this.failed !== undefined) {
      throw new MicrocertError('ERR_WRITE_FAILED', 'A journal write failed earlier; close and reopen the store', { cause: this.failed })
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }
}
