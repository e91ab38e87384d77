import { MicrocertError } from '@microcert/core'

/** One CSV record: its fields, the 1-based physical line it starts on, and a problem if the row is malformed. */
export interface CsvRecord {
  fields: string[]
  /** 1-based physical line where the record starts (the header is line 1 in a plain file). */
  line: number
  /** A row-level problem (stray quote, wrong column count). The row is reported; the rest of the file goes on. */
  error?: string
}

export interface CsvReadOptions {
  /** Largest field in characters (default 65,536); longer aborts with ERR_CSV_INVALID. */
  maxFieldChars?: number
  /** Largest record in characters (default 1,048,576); longer aborts with ERR_CSV_INVALID. */
  maxRecordChars?: number
  /** `,` or `;`; default: detected from the first line (`;` only when it has `;` and no `,`). */
  delimiter?: ',' | ';'
}

const LF = 10
const CR = 13
const QUOTE = 34

function fatal(message: string, line: number): MicrocertError {
  return new MicrocertError('ERR_CSV_INVALID', `line ${line}: ${message}`, { details: { line } })
}

function isJunk(code: number): boolean {
  // Control characters other than tab/CR/LF, and U+FFFD (bytes that were not UTF-8) mean this is not a UTF-8 text CSV.
  return (code < 32 && code !== 9 && code !== LF && code !== CR) || code === 0xfffd || code === 0x7f
}

/**
 * Streams RFC 4180 records from text chunks (a UTF-8 `fs.ReadStream` with `setEncoding('utf8')`, or strings).
 * Handles a BOM, CRLF/LF/CR line ends, quoted fields with delimiters, quotes (`""`) and newlines.
 * Row-level problems come back on the record (`error`); input that cannot be a CSV (binary junk, a field or line
 * over the caps, an unterminated quote) throws `ERR_CSV_INVALID` at once. Memory is bounded by the caps.
 */
export async function* readCsv(
  source: AsyncIterable<string | Buffer> | Iterable<string>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxField = options.maxFieldChars ?? 65_536
  const maxRecord = options.maxRecordChars ?? 1_048_576
  let delimiter = options.delimiter === undefined ? -1 : options.delimiter.charCodeAt(0)

  let fields: string[] = []
  let field = ''
  let recordChars = 0
  let line = 1
  let recordLine = 1
  let inQuotes = false
  let afterQuote = false // just closed a quoted field
  let quotedStartLine = 1
  let rowError: string | undefined
  let fieldStarted = false // any character (or quotes) seen in this record
  let first = true
  let pendingCR = false
  let quotePending = false

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field)
    const rec: CsvRecord = { fields, line: recordLine }
    if (rowError !== undefined) rec.error = rowError
    const blank = !fieldStarted && fields.length === 1 && field === ''
    fields = []
    field = ''
    recordChars = 0
    rowError = undefined
    afterQuote = false
    fieldStarted = false
    return blank ? undefined : rec
  }

  for await (const chunk0 of source) {
    let chunk = typeof chunk0 === 'string' ? chunk0 : chunk0.toString('utf8')
    if (first) {
      first = false
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
      if (delimiter === -1) {
        const nl = chunk.search(/[\r\n]/)
        const head = nl === -1 ? chunk : chunk.slice(0, nl)
        delimiter = head.includes(';') && !head.includes(',') ? 59 : 44
      }
    }
    const n = chunk.length
    let i = 0
    // A CR ended the previous chunk: swallow the LF of a CRLF split across chunks.
    if (pendingCR) {
      pendingCR = false
      if (n > 0 && chunk.charCodeAt(0) === LF) i = 1
    }
    if (quotePending) {
      quotePending = false
      if (n > 0 && chunk.charCodeAt(0) === QUOTE) {
        field += '"'
        i = 1
      } else {
        inQuotes = false
        afterQuote = true
      }
    }
    let runStart = i // start of a run of plain characters appended to `field` in one slice
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i)
      if (isJunk(c)) {
        throw fatal(
          c === 0xfffd
            ? 'the file is not UTF-8 text (save it as "CSV UTF-8")'
            : `binary data (character code ${c}); this is not a CSV text file`,
          line,
        )
      }
      if (inQuotes) {
        if (c === QUOTE) {
          field += chunk.slice(runStart, i)
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === QUOTE) {
              field += '"'
              i++
            } else {
              inQuotes = false
              afterQuote = true
            }
          } else {
            // The chunk ends on a quote: the next chunk decides between `""` and a closing quote.
            quotePending = true
          }
          runStart = i + 1
        } else if (c === LF || c === CR) {
          field += chunk.slice(runStart, i) + '\n'
          if (c === CR) {
            if (i + 1 < n) {
              if (chunk.charCodeAt(i + 1) === LF) i++
            } else pendingCR = true
          }
          runStart = i + 1
          line++
        }
      } else if (c === delimiter) {
        field += chunk.slice(runStart, i)
        fields.push(field)
        field = ''
        afterQuote = false
        fieldStarted = true
        runStart = i + 1
      } else if (c === LF || c === CR) {
        field += chunk.slice(runStart, i)
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i++
          } else pendingCR = true
        }
        const rec = endRecord()
        line++
        recordLine = line
        runStart = i + 1
        if (rec !== undefined) yield rec
      } else if (c === QUOTE) {
        const pending = field + chunk.slice(runStart, i)
        if (pending === '' && !afterQuote) {
          inQuotes = true
          quotedStartLine = line
          fieldStarted = true
          runStart = i + 1
        } else {
          rowError ??= `stray quote (") in an unquoted field ${fields.length + 1}; quote the whole field and double inner quotes`
          field = pending + '"'
          runStart = i + 1
        }
      } else {
        fieldStarted = true
        if (afterQuote) {
          rowError ??= `unexpected text after the closing quote of field ${fields.length + 1}`
          afterQuote = false
        }
      }
      if (field.length + (i - runStart) > maxField) {
        throw fatal(`a field is longer than ${maxField} characters; this does not look like a CSV of learners`, line)
      }
      if (++recordChars > maxRecord) {
        throw fatal(`a row is longer than ${maxRecord} characters; this does not look like a CSV of learners`, recordLine)
      }
    }
    field += chunk.slice(runStart, n)
    if (field.length > maxField) {
      throw fatal(`a field is longer than ${maxField} characters; this does not look like a CSV of learners`, line)
    }
  }
  if (quotePending) {
    inQuotes = false
    afterQuote = true
  }
  if (inQuotes) throw fatal('a quoted field is never closed (missing ")', quotedStartLine)
  const rec = endRecord()
  if (rec !== undefined) yield rec
}
