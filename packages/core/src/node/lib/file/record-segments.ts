import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileDurable } from '../fs-durable.js'
import type { NewRecord } from '../store-backend.js'
import { corrupt } from './journal.js'

export const RECORDS_DIR = 'records'
const JWT_MEMBER = Buffer.from(',"jwt":"')

/** The part of a record line the store keeps in memory; the JWT, credential id and issue date stay on disk. */
export interface LinePrefix {
  certificateId: string
  rowKey: string
  statusIndex: number
}

/** The on-disk part of a record. */
export interface StoredLine {
  credentialId: string
  issuedAt: string
  jwt: string
}

/** Where a record's line is: segment number, byte offset and length (without the newline). */
export interface LinePosition {
  segment: number
  offset: number
  length: number
}

export function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.jsonl`
}

/**
 * Writes records as one segment file (temp + fsync + rename), immutable from then on. Returns the SHA-256 the journal
 * commit entry carries and where each record's line is.
 */
export function writeSegment(dir: string, segment: number, records: readonly NewRecord[]): { sha256: string; positions: LinePosition[] } {
  const lines = records.map(recordLine)
  const bytes = Buffer.from(lines.join(''))
  writeFileDurable(join(dir, RECORDS_DIR, segmentName(segment)), bytes)
  const positions: LinePosition[] = []
  let offset = 0
  for (const line of lines) {
    const length = Buffer.byteLength(line) - 1
    positions.push({ segment, offset, length })
    offset += length + 1
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), positions }
}

/**
 * Reads a committed segment, checks it against the journal's checksum and count, and hands each record's metadata
 * to `visit` without parsing its JWT.
 * Errors: ERR_STORE_CORRUPT (`record-missing`, `record-corrupt`).
 */
export function loadSegment(dir: string, name: string, count: number, sha256: string, visit: (prefix: LinePrefix, position: LinePosition) => void): void {
  const path = join(dir, RECORDS_DIR, name)
  const segment = Number.parseInt(name, 10)
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

/**
 * A reader of record lines: each segment file is read once per run of lines from it, so reading many records in
 * issue order (publishing 100,000 credentials) does not open 100,000 files.
 * Errors: ERR_STORE_CORRUPT (`record-missing`, `record-corrupt`: the file changed since the store was opened).
 */
export function segmentReader(dir: string): (certificateId: string, position: LinePosition) => StoredLine {
  let current: number | undefined
  let bytes: Buffer | undefined
  return (certificateId, { segment, offset, length }) => {
    const path = join(dir, RECORDS_DIR, segmentName(segment))
    if (current !== segment) {
      try {
        bytes = readFileSync(path)
      } catch (cause) {
        throw corrupt(`The record file "${path}" is missing`, { file: path, reason: 'record-missing' }, cause)
      }
      current = segment
    }
    try {
      const value = JSON.parse(bytes!.subarray(offset, offset + length).toString('utf8')) as StoredLine & { certificateId: string }
      if (value.certificateId !== certificateId || typeof value.jwt !== 'string') throw new Error('mismatch')
      return { credentialId: value.credentialId, issuedAt: value.issuedAt, jwt: value.jwt }
    } catch (cause) {
      throw corrupt(`The record file "${path}" changed since the store was opened`, { file: path, reason: 'record-corrupt' }, cause)
    }
  }
}

// Same text as JSON.stringify({ ...record, jwt }) + '\n', without JSON-escaping the 5 KB JWT character by character
// (a compact JWS is base64url and dots; three native scans confirm it); `jwt` stays last, as the open-time parser expects.
function recordLine(record: NewRecord): string {
  const { certificateId, credentialId, rowKey, statusIndex, issuedAt, jwt } = record
  if (jwt.includes('"') || jwt.includes('\\') || jwt.includes('\n')) throw new TypeError('The signer returned something that is not a compact JWS')
  return `{"certificateId":${JSON.stringify(certificateId)},"credentialId":${JSON.stringify(credentialId)},"rowKey":${JSON.stringify(rowKey)},"statusIndex":${statusIndex},"issuedAt":${JSON.stringify(issuedAt)},"jwt":"${jwt}"}\n`
}
