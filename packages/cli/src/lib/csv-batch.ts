import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { MicroCredentialInput, formatSchemaIssues, type IssuerProfile } from '@microcert/schemas'
import { MicrocertError } from '@microcert/core'
import type { IssueInput } from '@microcert/core/node'
import { readCsv } from './csv.js'
import { checkHeader, rowToInput, type InputObject } from './row-to-input.js'

export interface RowFailure {
  /** 1-based data row (the header is row 0), as a spreadsheet shows it minus one. */
  row: number
  /** 1-based physical line in the file where the row starts. */
  line: number
  rowKey?: string
  code: string
  issues: string[]
}

/** One data row of the file, in file order: ready to issue, or refused with the reasons. */
export type CsvEntry =
  | { ok: true; row: number; line: number; rowKey: string; input: IssueInput }
  | ({ ok: false; learner?: string } & RowFailure)

export interface CsvRowsState {
  rows: number
  failures: RowFailure[]
  /** Failures beyond the ones kept in `failures` (only the first 1,000 are kept). */
  moreFailures: number
  /** Rows refused so far, kept or not. */
  failed: number
  bytesRead: number
  totalBytes: number
  /** True once the whole file has been read: `rows` is then the exact count. */
  finished: boolean
}

const KEEP_FAILURES = 1000

/** The learner's name from a (maybe invalid) input, for reports. */
function learnerName(input: InputObject): string | undefined {
  const learner = input['learner']
  const name = typeof learner === 'object' && learner !== null ? (learner as InputObject)['name'] : undefined
  return typeof name === 'string' && name !== '' ? name : undefined
}

/**
 * Streams every data row of a CSV file in order: `{ ok: true, rowKey, input }` for a row to issue, `{ ok: false,
 * code, issues }` for a row with problems (line and column named). A problem with the file as a whole (no
 * header, bad header, binary data) throws `ERR_CSV_INVALID`. `state` counts as it goes and keeps the first
 * 1,000 failures, so memory does not grow with the file.
 */
export async function readCsvEntries(
  file: string,
  base: InputObject | undefined,
  profile: IssuerProfile,
  /** `validate`: check each row against the schema here (default true); false leaves that to the issuer store. */
  { validate = true }: { validate?: boolean } = {},
): Promise<{ state: CsvRowsState; entries: AsyncGenerator<CsvEntry> }> {
  const totalBytes = (await stat(file)).size
  const state: CsvRowsState = { rows: 0, failures: [], moreFailures: 0, failed: 0, bytesRead: 0, totalBytes, finished: false }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })
  const records = readCsv(stream)
  const fail = (f: RowFailure & { learner?: string }): CsvEntry => {
    state.failed++
    const { learner: _learner, ...kept } = f
    if (state.failures.length < KEEP_FAILURES) state.failures.push(kept)
    else state.moreFailures++
    return { ok: false, ...f }
  }

  async function* entries(): AsyncGenerator<CsvEntry> {
    try {
      const first = await records.next()
      if (first.done === true) throw new MicrocertError('ERR_CSV_INVALID', 'line 1: the file is empty (no header row)', { details: { line: 1 } })
      const header = first.value
      if (header.error !== undefined) throw new MicrocertError('ERR_CSV_INVALID', `line ${header.line}: header: ${header.error}`, { details: { line: header.line } })
      const columns = checkHeader(header.fields, base)
      for await (const rec of records) {
        state.bytesRead = stream.bytesRead
        const row = ++state.rows
        if (rec.error !== undefined) {
          yield fail({ row, line: rec.line, code: 'ERR_CSV_INVALID', issues: [rec.error] })
          continue
        }
        if (rec.fields.length !== columns.length) {
          const more = rec.fields.length > columns.length
          yield fail({
            row,
            line: rec.line,
            code: 'ERR_CSV_INVALID',
            issues: [
              `the row has ${rec.fields.length} fields, the header has ${columns.length}${more ? ' (an unquoted comma? quote fields that contain commas)' : ''}`,
            ],
          })
          continue
        }
        const mapped = rowToInput(rec.fields, columns, base)
        if ('errors' in mapped) {
          yield fail({ row, line: rec.line, ...(mapped.rowKey === undefined ? {} : { rowKey: mapped.rowKey }), code: 'ERR_INPUT_INVALID', issues: mapped.errors })
          continue
        }
        const learner = learnerName(mapped.input)
        const checked = validate ? MicroCredentialInput.safeParse({ ...mapped.input, issuer: profile }) : { success: true as const }
        if (!checked.success) {
          yield fail({ row, line: rec.line, rowKey: mapped.rowKey, code: 'ERR_INPUT_INVALID', issues: formatSchemaIssues(checked.error), ...(learner === undefined ? {} : { learner }) })
          continue
        }
        yield { ok: true, row, line: rec.line, rowKey: mapped.rowKey, input: mapped.input as IssueInput }
      }
      state.bytesRead = totalBytes
      state.finished = true
    } finally {
      stream.destroy()
    }
  }

  return { state, entries: entries() }
}

/**
 * The rows of a CSV file that can be issued, as `{ rowKey, input }` for `Issuer.issueBatch`; rows with problems
 * are left out and recorded in `state.failures`. `positionToRow(n)` maps the n-th yielded row (1-based) back to
 * its data row and line, for failures the issuer reports.
 */
export async function openCsvRows(
  file: string,
  base: InputObject | undefined,
  profile: IssuerProfile,
): Promise<{
  state: CsvRowsState
  rows: AsyncGenerator<{ rowKey: string; input: IssueInput }>
  positionToRow(position: number): { row: number; line: number } | undefined
}> {
  const { state, entries } = await readCsvEntries(file, base, profile)
  let positions = new Uint32Array(1024)
  let lines = new Uint32Array(1024)
  let yielded = 0

  async function* rows(): AsyncGenerator<{ rowKey: string; input: IssueInput }> {
    for await (const entry of entries) {
      if (!entry.ok) continue
      if (yielded === positions.length) {
        positions = grow(positions)
        lines = grow(lines)
      }
      positions[yielded] = entry.row
      lines[yielded] = entry.line
      yielded++
      yield { rowKey: entry.rowKey, input: entry.input }
    }
  }

  return {
    state,
    rows: rows(),
    positionToRow(position) {
      if (position < 1 || position > yielded) return undefined
      return { row: positions[position - 1]!, line: lines[position - 1]! }
    },
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2)
  b.set(a)
  return b
}
