// A small reader for the object syntax of PDF (ISO 32000-1 §7.2–7.5): just enough to find attached files. It reads
// the file front to back the way PDF repair tools do, instead of trusting the cross-reference table, so a PDF whose
// offsets are off (edited, concatenated, truncated) still yields its objects. Every loop advances through the input,
// nesting is capped, and nothing here inflates data: the caller decides what to decompress and how much.

/** A PDF name (`/Type`), with `#xx` escapes decoded; kept apart from strings by this wrapper. */
export interface PdfName {
  readonly name: string
}
/** A literal or hex string, as the raw bytes it encodes (one char code 0–255 per byte). */
export interface PdfString {
  readonly bytes: string
}
/** An indirect reference `n g R`. */
export interface PdfRef {
  readonly ref: number
}
export type PdfDict = { readonly [key: string]: PdfValue }
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict

/** A top-level or compressed object; `stream` is the byte range of its raw (still encoded) stream data. */
export interface PdfObject {
  readonly value: PdfValue
  readonly stream?: { readonly start: number; readonly end: number }
}

/** Thrown for input this reader cannot make sense of; the caller turns it into ERR_PDF_MALFORMED. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message)
  }
}

const MAX_DEPTH = 32
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])

export function isName(value: PdfValue | undefined): value is PdfName {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
}
export function isPdfString(value: PdfValue | undefined): value is PdfString {
  return typeof value === 'object' && value !== null && 'bytes' in value && typeof value.bytes === 'string'
}
export function isRef(value: PdfValue | undefined): value is PdfRef {
  return typeof value === 'object' && value !== null && 'ref' in value && typeof value.ref === 'number'
}
export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isName(value) && !isPdfString(value) && !isRef(value)
}

/** Every byte as one char code (true Latin-1; TextDecoder's "latin1" is windows-1252 and remaps 0x80–0x9F). */
export function bytesToBinary(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return text
}

/** A cursor over the binary text of a PDF (or of a decompressed object stream). */
export class PdfLexer {
  pos: number

  constructor(
    readonly text: string,
    pos = 0,
  ) {
    this.pos = pos
  }

  skipSpace(): void {
    const text = this.text
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos)
      if (WHITESPACE.has(c)) this.pos++
      else if (c === 0x25) {
        // a comment runs to the end of the line
        while (this.pos < text.length && text.charCodeAt(this.pos) !== 0x0a && text.charCodeAt(this.pos) !== 0x0d) this.pos++
      } else break
    }
  }

  /** A bare keyword or number token at the cursor (advancing past it), or '' at a delimiter or the end. */
  word(): string {
    const start = this.pos
    const text = this.text
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos)
      if (WHITESPACE.has(c) || DELIMITERS.has(c)) break
      this.pos++
    }
    return text.slice(start, this.pos)
  }

  /** Parses one value at the cursor. `n g R` references are recognised after a number. */
  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError(`objects nest deeper than ${MAX_DEPTH} levels`, 'depth')
    this.skipSpace()
    const text = this.text
    const c = text.charCodeAt(this.pos)
    if (Number.isNaN(c)) throw new PdfSyntaxError('the file ends inside an object', 'truncated')
    if (c === 0x2f) return this.name()
    if (c === 0x28) return this.literalString()
    if (c === 0x3c) {
      if (text.charCodeAt(this.pos + 1) === 0x3c) return this.dict(depth)
      return this.hexString()
    }
    if (c === 0x5b) {
      this.pos++
      const items: PdfValue[] = []
      for (;;) {
        this.skipSpace()
        if (this.pos >= text.length) throw new PdfSyntaxError('an array is not closed', 'truncated')
        if (text.charCodeAt(this.pos) === 0x5d) {
          this.pos++
          return items
        }
        items.push(this.value(depth + 1))
      }
    }
    const word = this.word()
    if (word === '') {
      // a stray delimiter such as ')' or '>': step over it so the caller keeps moving
      this.pos++
      throw new PdfSyntaxError(`unexpected "${String.fromCharCode(c)}"`, 'syntax')
    }
    if (word === 'true') return true
    if (word === 'false') return false
    if (word === 'null') return null
    const number = Number(word)
    if (word.length > 32 || Number.isNaN(number)) throw new PdfSyntaxError(`unexpected "${word.slice(0, 20)}"`, 'syntax')
    if (/^\d+$/.test(word)) {
      // n g R: look ahead without committing
      const save = this.pos
      this.skipSpace()
      const generation = this.word()
      if (/^\d+$/.test(generation)) {
        this.skipSpace()
        if (this.word() === 'R') return { ref: number }
      }
      this.pos = save
    }
    return number
  }

  private name(): PdfName {
    this.pos++
    const raw = this.word()
    return { name: raw.includes('#') ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : raw }
  }

  private dict(depth: number): PdfDict {
    this.pos += 2
    const dict: Record<string, PdfValue> = Object.create(null) as Record<string, PdfValue>
    const text = this.text
    for (;;) {
      this.skipSpace()
      if (this.pos >= text.length) throw new PdfSyntaxError('a dictionary is not closed', 'truncated')
      if (text.charCodeAt(this.pos) === 0x3e && text.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2
        return dict
      }
      const key = this.value(depth + 1)
      if (!isName(key)) throw new PdfSyntaxError('a dictionary key is not a name', 'syntax')
      dict[key.name] = this.value(depth + 1)
    }
  }

  private hexString(): PdfString {
    const end = this.text.indexOf('>', this.pos)
    if (end < 0) throw new PdfSyntaxError('a hex string is not closed', 'truncated')
    let hex = this.text.slice(this.pos + 1, end).replace(/[\0\t\n\f\r ]/g, '')
    this.pos = end + 1
    if (!/^[0-9A-Fa-f]*$/.test(hex)) throw new PdfSyntaxError('a hex string holds a non-hex character', 'syntax')
    if (hex.length % 2 === 1) hex += '0'
    let bytes = ''
    for (let i = 0; i < hex.length; i += 2) bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16))
    return { bytes }
  }

  private literalString(): PdfString {
    const text = this.text
    let depth = 0
    let out = ''
    let i = this.pos
    for (; i < text.length; i++) {
      const c = text[i]!
      if (c === '\\') {
        const next = text[++i]
        if (next === undefined) break
        const simple = ESCAPES[next]
        if (simple !== undefined) out += simple
        else if (next >= '0' && next <= '7') {
          let octal = next
          while (octal.length < 3 && text[i + 1]! >= '0' && text[i + 1]! <= '7') octal += text[++i]
          out += String.fromCharCode(parseInt(octal, 8) & 0xff)
        } else if (next === '\r') {
          if (text[i + 1] === '\n') i++
        } else if (next !== '\n') out += next
        continue
      }
      if (c === '(') {
        if (depth++ > 0) out += c
        continue
      }
      if (c === ')') {
        if (--depth === 0) {
          this.pos = i + 1
          return { bytes: out }
        }
        out += c
        continue
      }
      out += c
    }
    throw new PdfSyntaxError('a string is not closed', 'truncated')
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' }

export interface ScanLimits {
  /** Most objects read from the file (a hostile file of millions of tiny objects stops here). */
  maxObjects: number
}

/**
 * Reads every `n g obj … endobj` of the file in order; a later definition of the same object number (an incremental
 * update) replaces the earlier one. Also returns the trailer dictionaries (classic `trailer` and xref streams).
 */
export function scanObjects(text: string, limits: ScanLimits): { objects: Map<number, PdfObject>; trailers: PdfDict[] } {
  const objects = new Map<number, PdfObject>()
  const trailers: PdfDict[] = []
  const header = /(\d+)[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b|\btrailer\b/g
  let count = 0
  for (let match = header.exec(text); match !== null; match = header.exec(text)) {
    const lexer = new PdfLexer(text, header.lastIndex)
    if (match[1] === undefined) {
      try {
        const trailer = lexer.value()
        if (isDict(trailer)) trailers.push(trailer)
      } catch (error) {
        if (!(error instanceof PdfSyntaxError)) throw error
      }
      header.lastIndex = Math.max(lexer.pos, header.lastIndex)
      continue
    }
    if (++count > limits.maxObjects) throw new PdfSyntaxError(`the file holds more than ${limits.maxObjects} objects`, 'too-many-objects')
    let value: PdfValue
    try {
      value = lexer.value()
    } catch (error) {
      // a damaged object is skipped, as readers do; scanning resumes after its header
      if (!(error instanceof PdfSyntaxError)) throw error
      header.lastIndex = Math.max(lexer.pos, header.lastIndex)
      continue
    }
    lexer.skipSpace()
    let object: PdfObject = { value }
    if (isDict(value) && text.startsWith('stream', lexer.pos)) {
      let start = lexer.pos + 6
      if (text[start] === '\r') start++
      if (text[start] === '\n') start++
      const declared = value['Length']
      let end = -1
      if (typeof declared === 'number' && Number.isInteger(declared) && declared >= 0 && start + declared <= text.length) {
        const after = new PdfLexer(text, start + declared)
        after.skipSpace()
        if (text.startsWith('endstream', after.pos)) end = start + declared
      }
      if (end < 0) {
        // /Length is indirect or wrong: the data ends before the next "endstream" (and its end-of-line marker)
        const found = text.indexOf('endstream', start)
        if (found < 0) {
          header.lastIndex = text.length
          continue
        }
        end = found
        if (text[end - 1] === '\n') end--
        if (text[end - 1] === '\r') end--
      }
      object = { value, stream: { start, end: Math.max(start, end) } }
      lexer.pos = text.indexOf('endstream', end) + 9
      if (lexer.pos < 9) lexer.pos = text.length
      if (value['Type'] !== undefined && isName(value['Type']) && value['Type'].name === 'XRef') trailers.push(value)
    }
    objects.set(Number(match[1]), object)
    header.lastIndex = Math.max(lexer.pos, header.lastIndex)
  }
  return { objects, trailers }
}

/** Reads the objects packed in a decompressed object stream (§7.5.7) whose header says `count` objects start at `first`. */
export function parseObjectStream(text: string, count: number, first: number, into: Map<number, PdfObject>): void {
  const lexer = new PdfLexer(text)
  const entries: [number, number][] = []
  for (let i = 0; i < count; i++) {
    const number = lexer.value()
    const offset = lexer.value()
    if (typeof number !== 'number' || typeof offset !== 'number') throw new PdfSyntaxError('an object stream header is malformed', 'object-stream')
    entries.push([number, offset])
  }
  for (const [number, offset] of entries) {
    if (into.has(number)) continue
    const at = first + offset
    if (!Number.isInteger(at) || at < 0 || at >= text.length) continue
    lexer.pos = at
    try {
      into.set(number, { value: lexer.value() })
    } catch (error) {
      if (!(error instanceof PdfSyntaxError)) throw error
    }
  }
}

/** Decodes a PDF text string: UTF-16BE or UTF-8 with a byte order mark, else PDFDocEncoding (Latin-1 is close enough for names). */
export function decodeTextString(value: PdfString): string {
  const bytes = value.bytes
  if (bytes.startsWith('\xfe\xff')) {
    let out = ''
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1))
    return out
  }
  if (bytes.startsWith('\xef\xbb\xbf')) {
    return new TextDecoder().decode(Uint8Array.from(bytes.slice(3), (c) => c.charCodeAt(0)))
  }
  return bytes
}
