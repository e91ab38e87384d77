import { StringDecoder } from 'node:string_decoder'
import { MicrocertError } from '@microcert/core'
import { parse, type CsvError, type InfoRecord } from 'csv-parse'

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
  /** Largest record in characters (default 1,048,576; counted in UTF-8 bytes); longer aborts with ERR_CSV_INVALID. */
  maxRecordChars?: number
  /** `,` or `;`; default: detected from the first line (`;` only when it has `;` and no `,`). */
  delimiter?: ',' | ';'
}

// Control characters other than tab and line ends, DEL, and U+FFFD (bytes that were not UTF-8): not a UTF-8 text CSV.
const JUNK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/

function fatal(message: string, line: number): MicrocertError {
  return new MicrocertError('ERR_CSV_INVALID', `line ${line}: ${message}`, { details: { line } })
}

function countNewlines(text: string, end = text.length): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++
  return n
}

/** Where the text of the next line starts, after the `count`-th newline of `text`; -1 if `text` has fewer. */
function afterNewlines(text: string, count: number): number {
  let at = -1
  for (let k = 0; k < count; k++) {
    at = text.indexOf('\n', at + 1)
    if (at === -1) return -1
  }
  return at + 1
}

/** What stopped a tokenizer: a bad row (the rest of the file goes on after its line) or a problem with the file. */
type Stop = { kind: 'row'; line: number; errorLine: number; message: string } | { kind: 'file'; error: MicrocertError }

/**
 * One csv-parse run over newline-normalised text, fed synchronously. csv-parse does the tokenising (quotes,
 * doubled quotes, delimiters, chunk boundaries); this keeps the physical line numbers and stops at the first
 * malformed row, because csv-parse's own recovery after a bad closing quote reads on as if still quoted and
 * would swallow the good rows after it. The caller then starts a new run on the line after the bad one.
 */
class Tokenizer {
  private readonly parser
  readonly records: CsvRecord[] = []
  stop: Stop | undefined
  /** Absolute line of the end of the last record, and csv-parse's blank-line count then. */
  private lastEnd: number
  private blanksAtLastEnd = 0

  constructor(
    delimiter: string,
    private readonly firstLine: number,
    maxRecordChars: number,
  ) {
    this.lastEnd = firstLine - 1
    this.parser = parse({
      delimiter,
      record_delimiter: '\n',
      bom: false,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: maxRecordChars,
      on_record: (fields: string[], info: InfoRecord) => {
        const end = this.absolute(info.lines)
        let inner = 0
        for (const field of fields) inner += countNewlines(field)
        this.records.push({ fields, line: end - inner })
        this.lastEnd = end
        this.blanksAtLastEnd = info.empty_lines
        return null
      },
      on_skip: (err: CsvError | undefined) => {
        this.stop = this.problem(err)
        // Thrown so csv-parse stops here; the stream's error is the sentinel, ignored below.
        throw err
      },
    })
    this.parser.on('error', () => {})
  }

  private absolute(parserLine: number): number {
    return this.firstLine + parserLine - 1
  }

  private problem(err: CsvError | undefined): Stop {
    const context = (err ?? {}) as Partial<InfoRecord> & { code?: string }
    const start = this.lastEnd + 1 + ((context.empty_lines ?? this.blanksAtLastEnd) - this.blanksAtLastEnd)
    const errorLine = this.absolute(context.lines ?? 1)
    const field = (context.index ?? 0) + 1
    switch (context.code) {
      case 'INVALID_OPENING_QUOTE':
        return { kind: 'row', line: start, errorLine, message: `stray quote (") in an unquoted field ${field}; quote the whole field and double inner quotes` }
      case 'CSV_INVALID_CLOSING_QUOTE':
        return { kind: 'row', line: start, errorLine, message: `unexpected text after the closing quote of field ${field}` }
      case 'CSV_QUOTE_NOT_CLOSED':
        return { kind: 'file', error: fatal('a quoted field is never closed (missing ")', start) }
      case 'CSV_MAX_RECORD_SIZE':
        return { kind: 'file', error: fatal(`a row is longer than ${this.parser.options.max_record_size} characters; this does not look like a CSV of learners`, start) }
      default:
        return { kind: 'file', error: fatal(`unreadable CSV (${context.code ?? 'unknown problem'})`, start) }
    }
  }

  /** Tokenises `text` (normalised: `\n` line ends only). Records land in `records`; a problem in `stop`. */
  write(text: string): void {
    if (this.stop === undefined) this.parser.write(text)
  }

  async end(): Promise<void> {
    if (this.stop !== undefined) return
    await new Promise<void>((done) => {
      this.parser.once('error', () => done())
      this.parser.end(() => done())
    })
  }
}

/**
 * Streams RFC 4180 records from text chunks (a UTF-8 `fs.ReadStream` with `setEncoding('utf8')`, Buffers, or
 * strings), tokenised by csv-parse. Handles a BOM, CRLF/LF/CR line ends (also mixed), quoted fields with
 * delimiters, quotes (`""`) and newlines (a quoted CRLF becomes `\n`). Row-level problems come back on the
 * record (`error`); input that cannot be a CSV (binary junk, a field or row over the caps, an unterminated quote)
 * throws `ERR_CSV_INVALID` at once. Memory is bounded by the caps.
 */
export async function* readCsv(
  source: AsyncIterable<string | Buffer> | Iterable<string>,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxField = options.maxFieldChars ?? 65_536
  const maxRecord = options.maxRecordChars ?? 1_048_576
  const decoder = new StringDecoder('utf8')
  let delimiter: string | undefined = options.delimiter
  let head = '' // text before the delimiter is known (the first line)
  let started = false
  let heldCR = false // a chunk ended on CR: the next chunk decides whether it was a CRLF
  let line = 1 // absolute line of the next normalised character
  let tokenizer: Tokenizer | undefined
  // The text fed to the current tokenizer in its last two writes, to restart after a bad row.
  let previous = { text: '', line: 1 }
  let current = { text: '', line: 1 }
  let skipping = 0 // > 0: characters of a bad row's line discarded so far, up to its end

  const check = (rec: CsvRecord): CsvRecord => {
    for (const field of rec.fields) {
      if (field.length > maxField) throw fatal(`a field is longer than ${maxField} characters; this does not look like a CSV of learners`, rec.line)
    }
    return rec
  }

  /** Feeds normalised text, restarting after bad rows; returns the records and error rows in order. */
  const feed = (text: string, textLine: number): CsvRecord[] => {
    const out: CsvRecord[] = []
    let rest = text
    let restLine = textLine
    while (rest.length > 0) {
      if (skipping > 0) {
        const nl = rest.indexOf('\n')
        if (nl === -1) {
          skipping += rest.length
          if (skipping > maxRecord) throw fatal(`a row is longer than ${maxRecord} characters; this does not look like a CSV of learners`, restLine)
          return out
        }
        skipping = 0
        rest = rest.slice(nl + 1)
        restLine++
        tokenizer = new Tokenizer(delimiter!, restLine, maxRecord)
        previous = { text: '', line: restLine }
        current = { text: '', line: restLine }
        continue
      }
      tokenizer ??= new Tokenizer(delimiter!, restLine, maxRecord)
      previous = current.text === '' ? previous : current
      current = { text: rest, line: restLine }
      tokenizer.write(rest)
      out.push(...tokenizer.records.splice(0).map(check))
      const stop = tokenizer.stop
      if (stop === undefined) return out
      if (stop.kind === 'file') throw stop.error
      out.push({ fields: [], line: stop.line, error: stop.message })
      // Go on after the line the problem is on: its rest is in the text fed last, or still to come.
      const seen = previous.text + current.text
      const next = afterNewlines(seen, stop.errorLine - previous.line + 1)
      if (next === -1) {
        skipping = 1
        rest = ''
        tokenizer = undefined
        return out
      }
      rest = seen.slice(next)
      restLine = stop.errorLine + 1
      tokenizer = new Tokenizer(delimiter!, restLine, maxRecord)
      previous = { text: '', line: restLine }
      current = { text: '', line: restLine }
    }
    return out
  }

  /** Newline-normalised, junk-checked text of one chunk; the line count moves past it. */
  const normalise = (raw: string, last: boolean): string => {
    let text = heldCR ? `\r${raw}` : raw
    heldCR = !last && text.endsWith('\r')
    if (heldCR) text = text.slice(0, -1)
    text = text.replace(/\r\n?/g, '\n')
    const junk = JUNK.exec(text)
    if (junk !== null) {
      const code = text.charCodeAt(junk.index)
      throw fatal(
        code === 0xfffd ? 'the file is not UTF-8 text (save it as "CSV UTF-8")' : `binary data (character code ${code}); this is not a CSV text file`,
        line + countNewlines(text, junk.index),
      )
    }
    return text
  }

  const take = (text: string): CsvRecord[] => {
    const at = line
    line += countNewlines(text)
    return feed(text, at)
  }

  const accept = (raw: string, last: boolean): CsvRecord[] => {
    let text = raw
    if (!started) {
      if (text.length === 0 && !last) return []
      started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    text = normalise(text, last)
    if (delimiter !== undefined) return take(text)
    head += text
    const nl = head.indexOf('\n')
    // The header decides the delimiter; a first line longer than a field cap is not a header anyway.
    if (nl === -1 && !last && head.length <= maxField) return []
    const first = nl === -1 ? head : head.slice(0, nl)
    delimiter = first.includes(';') && !first.includes(',') ? ';' : ','
    const all = head
    head = ''
    return take(all)
  }

  for await (const chunk of source) {
    for (const rec of accept(typeof chunk === 'string' ? chunk : decoder.write(chunk), false)) yield rec
  }
  for (const rec of accept(decoder.end(), true)) yield rec
  // csv-parse keeps the last few characters for look-ahead until the end: a bad row may still show up there.
  while (tokenizer !== undefined && skipping === 0) {
    const ending = tokenizer
    await ending.end()
    const stop = ending.stop
    if (stop?.kind === 'file') throw stop.error
    for (const rec of ending.records.splice(0)) yield check(rec)
    if (stop === undefined) break
    yield { fields: [], line: stop.line, error: stop.message }
    const seen = previous.text + current.text
    const next = afterNewlines(seen, stop.errorLine - previous.line + 1)
    tokenizer = undefined
    if (next === -1) break
    for (const rec of feed(seen.slice(next), stop.errorLine + 1)) yield rec
  }
}
