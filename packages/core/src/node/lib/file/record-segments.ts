import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import type { CredentialFormat } from '../../types.js'
import { credentialFacts } from '../credential-facts.js'
import { writeFileDurable } from '../fs-durable.js'
import type { NewRecord } from '../store-backend.js'
import { corrupt } from './journal.js'

export const RECORDS_DIR = 'records'
// The signed credential is the last member of a line: `jwt` (a compact JWS) or `credential` (JSON text, escaped).
const JWT_MEMBER = Buffer.from(',"jwt":"')
const CREDENTIAL_MEMBER = Buffer.from(',"credential":"')

/** The part of a record line the store keeps in memory; the credential, its id and issue date stay on disk. */
export interface LinePrefix {
  certificateId: string
  rowKey: string
  statusIndex: number
}

/** A record's line as read back. */
export interface StoredLine {
  certificateId: string
  rowKey: string
  credentialId: string
  issuedAt: string
  format: CredentialFormat
  credential: string
  kid: string
  achievementId: string
}

/** A record line as written (older lines lack `kid`, `achievementId` and `format`: VC-JWT). */
interface LineJson {
  certificateId: string
  rowKey: string
  credentialId: string
  issuedAt: string
  kid?: string
  achievementId?: string
  format?: CredentialFormat
  jwt?: string
  credential?: string
}

/** Where a record's line is: segment number, byte offset and length (without the newline). */
export interface LinePosition {
  segment: number
  offset: number
  length: number
}

/**
 * Reads whole segment files into one buffer it reuses (grown when a file is larger), instead of a new buffer per
 * file: opening or publishing a store of 100,000 credentials reads ~700 MB, and that many short-lived buffers would
 * each wait for a garbage collection before their memory is free. The bytes returned are valid until the next read.
 */
export class SegmentFileReader {
  private buffer = Buffer.alloc(0)

  /** The whole file at `path`. Throws the file system's error (ENOENT …). */
  read(path: string): Buffer {
    const fd = openSync(path, 'r')
    try {
      const size = fstatSync(fd).size
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2))
      let read = 0
      while (read < size) {
        const n = readSync(fd, this.buffer, read, size - read, read)
        if (n === 0) break
        read += n
      }
      return this.buffer.subarray(0, read)
    } finally {
      closeSync(fd)
    }
  }
}

export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.jsonl`
}

/**
 * Writes records as one segment file (temp + fsync + rename), immutable from then on. Returns the SHA-256 the journal
 * commit entry carries and where each record's line is.
 */
export function writeSegment(dir: string, segment: number, records: readonly NewRecord[]): { sha256: string; positions: LinePosition[] } {
  // Each line is encoded straight into one reused buffer (no joined string, no new buffer per segment).
  const positions: LinePosition[] = []
  let offset = 0
  for (const record of records) {
    const line = recordLine(record)
    const needed = offset + Buffer.byteLength(line)
    if (needed > writeBuffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, writeBuffer.length * 2))
      writeBuffer.copy(grown, 0, 0, offset)
      writeBuffer = grown
    }
    const length = writeBuffer.write(line, offset)
    positions.push({ segment, offset, length: length - 1 })
    offset += length
  }
  const bytes = writeBuffer.subarray(0, offset)
  writeFileDurable(join(dir, RECORDS_DIR, segmentName(segment)), bytes)
  return { sha256: createHash('sha256').update(bytes).digest('hex'), positions }
}

/** Reused by every segment written in this process (writes are synchronous, so never two at once). */
let writeBuffer = Buffer.alloc(0)

/**
 * Reads a committed segment, checks it against the journal's checksum and count, and hands each record's metadata
 * to `visit` without parsing its JWT.
 * Errors: ERR_STORE_CORRUPT (`record-missing`, `record-corrupt`).
 */
export function loadSegment(
  dir: string,
  name: string,
  count: number,
  sha256: string,
  visit: (prefix: LinePrefix, position: LinePosition) => void,
  reader = new SegmentFileReader(),
): void {
  const path = join(dir, RECORDS_DIR, name)
  const segment = Number.parseInt(name, 10)
  let bytes: Buffer
  try {
    bytes = reader.read(path)
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
    // The credential is the last member and is only read when needed: parse the small metadata prefix. Inside a JSON
    // string every quote is escaped, so the first `,"jwt":"` or `,"credential":"` is the member boundary.
    const boundary = credentialMemberAt(bytes, offset, end)
    const line = boundary !== -1 ? `${bytes.subarray(offset, boundary).toString('utf8')}}` : bytes.subarray(offset, end).toString('utf8')
    let value: LinePrefix
    try {
      value = JSON.parse(line) as LinePrefix
      if (typeof value.certificateId !== 'string' || !Number.isSafeInteger(value.statusIndex) || typeof value.rowKey !== 'string') {
        throw new Error('not a record')
      }
    } catch (cause) {
      throw corrupt(`The record file "${path}" has an unreadable record`, { file: path, reason: 'record-corrupt' }, cause)
    }
    visit({ certificateId: value.certificateId, rowKey: value.rowKey, statusIndex: value.statusIndex }, { segment, offset, length: end - offset })
    n++
    offset = end + 1
  }
  if (n !== count) throw corrupt(`The record file "${path}" holds ${n} records, the journal says ${count}`, { file: path, reason: 'record-corrupt' })
}

/** Where the credential member of the line `bytes[offset, end)` starts, or -1 (searching that line only). */
function credentialMemberAt(bytes: Buffer, offset: number, end: number): number {
  const line = bytes.subarray(offset, end)
  const jwt = line.indexOf(JWT_MEMBER)
  if (jwt !== -1) return offset + jwt
  const credential = line.indexOf(CREDENTIAL_MEMBER)
  return credential === -1 ? -1 : offset + credential
}

/**
 * A reader of record lines in issue order: each segment file is read once per run of lines from it, so reading many
 * records (publishing 100,000 credentials) does not open 100,000 files.
 * Errors: ERR_STORE_CORRUPT (`record-missing`, `record-corrupt`: the file changed since the store was opened).
 */
export function segmentReader(dir: string, reader = new SegmentFileReader()): (certificateId: string, position: LinePosition) => StoredLine {
  let current: number | undefined
  let bytes: Buffer | undefined
  return (certificateId, position) => {
    const path = join(dir, RECORDS_DIR, segmentName(position.segment))
    if (current !== position.segment) {
      try {
        bytes = reader.read(path)
      } catch (cause) {
        throw corrupt(`The record file "${path}" is missing`, { file: path, reason: 'record-missing' }, cause)
      }
      current = position.segment
    }
    return parseLine(path, bytes!.subarray(position.offset, position.offset + position.length), certificateId)
  }
}

/**
 * Reads one record line where it is, without reading the rest of its segment (a lookup, or a row a batch skips).
 * Errors: ERR_STORE_CORRUPT (`record-missing`, `record-corrupt`).
 */
export function readRecordLine(dir: string, certificateId: string, { segment, offset, length }: LinePosition): StoredLine {
  const path = join(dir, RECORDS_DIR, segmentName(segment))
  const bytes = Buffer.allocUnsafe(length)
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (cause) {
    throw corrupt(`The record file "${path}" is missing`, { file: path, reason: 'record-missing' }, cause)
  }
  let read = 0
  try {
    while (read < length) {
      const n = readSync(fd, bytes, read, length - read, offset + read)
      if (n === 0) break
      read += n
    }
  } finally {
    closeSync(fd)
  }
  return parseLine(path, bytes.subarray(0, read), certificateId)
}

function parseLine(path: string, bytes: Buffer, certificateId: string): StoredLine {
  let value: LineJson
  try {
    value = JSON.parse(bytes.toString('utf8')) as LineJson
    if (value.certificateId !== certificateId || typeof value.rowKey !== 'string') throw new Error('mismatch')
  } catch (cause) {
    throw corrupt(`The record file "${path}" changed since the store was opened`, { file: path, reason: 'record-corrupt' }, cause)
  }
  const format = value.format ?? 'vc+jwt'
  const credential = format === 'vc+jwt' ? value.jwt : value.credential
  if (typeof credential !== 'string') {
    throw corrupt(`The record file "${path}" changed since the store was opened`, { file: path, reason: 'record-corrupt' })
  }
  const facts = value.kid === undefined || value.achievementId === undefined ? credentialFacts(format, credential) : undefined
  return {
    certificateId: value.certificateId,
    rowKey: value.rowKey,
    credentialId: value.credentialId,
    issuedAt: value.issuedAt,
    format,
    credential,
    kid: value.kid ?? facts!.kid,
    achievementId: value.achievementId ?? facts!.achievementId,
  }
}

// Same text as JSON.stringify of the record + '\n'. A VC-JWT goes in as `jwt` without JSON-escaping its 5 KB
// character by character (a compact JWS is base64url and dots; three native scans confirm it); a Data Integrity
// credential goes in as `credential`, escaped JSON text. Either stays last, as the open-time parser expects.
function recordLine(record: NewRecord): string {
  const { certificateId, credentialId, rowKey, statusIndex, issuedAt, kid, achievementId, format, credential } = record
  const head =
    `{"certificateId":${JSON.stringify(certificateId)},"credentialId":${JSON.stringify(credentialId)},"rowKey":${JSON.stringify(rowKey)},` +
    `"statusIndex":${statusIndex},"issuedAt":${JSON.stringify(issuedAt)},"kid":${JSON.stringify(kid)},"achievementId":${JSON.stringify(achievementId)}`
  if (format !== 'vc+jwt') return `${head},"format":${JSON.stringify(format)},"credential":${JSON.stringify(credential)}}\n`
  if (credential.includes('"') || credential.includes('\\') || credential.includes('\n')) {
    throw new TypeError('The signer returned something that is not a compact JWS')
  }
  return `${head},"jwt":"${credential}"}\n`
}
