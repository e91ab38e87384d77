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

export interface CsvRowsState {
  rows: number
  failures: RowFailure[]
  /** Failures beyond the ones kept in `failures` (only the first 1,000 are kept). */
  moreFailures: number
  bytesRead: number
  totalBytes: number
}

const KEEP_FAILURES = 1000

/**
 * Streams valid rows of a CSV file as `{ rowKey, input }` for `Issuer.issueBatch`. Rows with problems are not
 * yielded; they are recorded in `state.failures` with row, line and column-named issues. `lineOfPosition(n)`
 * maps the n-th yielded row (1-based) back to its data row and line for failures the issuer reports.
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
  const totalBytes = (await stat(file)).size
  const state: CsvRowsState = { rows: 0, failures: [], moreFailures: 0, bytesRead: 0, totalBytes }
  let positions = new Uint32Array(1024)
  let lines = new Uint32Array(1024)
  let yielded = 0
  const fail = (f: RowFailure): void => {
    if (state.failures.length < KEEP_FAILURES) state.failures.push(f)
    else state.moreFailures++
  }
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })
  const records = readCsv(stream)

  async function* rows(): AsyncGenerator<{ rowKey: string; input: IssueInput }> {
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
          fail({ row, line: rec.line, code: 'ERR_CSV_INVALID', issues: [rec.error] })
          continue
        }
        if (rec.fields.length !== columns.length) {
          const more = rec.fields.length > columns.length
          fail({
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
          fail({ row, line: rec.line, code: 'ERR_INPUT_INVALID', issues: mapped.errors })
          continue
        }
        const checked = MicroCredentialInput.safeParse({ ...mapped.input, issuer: profile })
        if (!checked.success) {
          fail({ row, line: rec.line, rowKey: mapped.rowKey, code: 'ERR_INPUT_INVALID', issues: formatSchemaIssues(checked.error) })
          continue
        }
        if (yielded === positions.length) {
          positions = grow(positions)
          lines = grow(lines)
        }
        positions[yielded] = row
        lines[yielded] = rec.line
        yielded++
        yield { rowKey: mapped.rowKey, input: mapped.input as IssueInput }
      }
      state.bytesRead = totalBytes
    } finally {
      stream.destroy()
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
