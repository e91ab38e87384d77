import { MicrocertError } from '@microcert/core'
import { COLUMN_BY_NAME, CSV_COLUMNS, type CsvColumn } from './csv-columns.js'

/** A JSON-ish object built from a row (validated later by the schema). */
export type InputObject = Record<string, unknown>

function closest(name: string): string | undefined {
  const lower = name.toLowerCase().replace(/[^a-z]/g, '')
  let best: string | undefined
  let bestScore = Infinity
  for (const c of CSV_COLUMNS) {
    const cand = c.name.toLowerCase().replace(/[^a-z]/g, '')
    if (cand === lower || cand.endsWith(lower) || lower.endsWith(cand.split('.').pop() ?? cand)) return c.name
    const d = distance(lower, cand)
    if (d < bestScore) {
      bestScore = d
      best = c.name
    }
  }
  return bestScore <= 3 ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length]!
}

function getPath(obj: InputObject | undefined, path: string): unknown {
  let cur: unknown = obj
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/**
 * Sets `path` in a row's input. The objects on the path are copied first (`owned` remembers which are the row's own),
 * so the course file's objects, shared by every row, are never changed: a row costs only what its cells change.
 */
function setPath(obj: InputObject, path: string, value: unknown, owned: Set<object>): void {
  const keys = path.split('.')
  let cur = obj
  for (const key of keys.slice(0, -1)) {
    const next = cur[key]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[key] = {}
    else if (!owned.has(next)) cur[key] = { ...(next as InputObject) }
    cur = cur[key] as InputObject
    owned.add(cur)
  }
  cur[keys[keys.length - 1]!] = value
}

/**
 * Checks the header row. Unknown or duplicate columns, and required fields that neither a column nor the course
 * file supplies, throw ERR_CSV_INVALID (with a "did you mean" for near misses).
 */
export function checkHeader(header: string[], base: InputObject | undefined): CsvColumn[] {
  const seen = new Set<string>()
  const columns: CsvColumn[] = []
  const unknown: string[] = []
  for (const raw of header) {
    const name = raw.trim()
    const col = COLUMN_BY_NAME.get(name)
    if (col === undefined) {
      const hint = closest(name)
      unknown.push(hint === undefined ? `"${name}"` : `"${name}" (did you mean "${hint}"?)`)
      continue
    }
    if (seen.has(name)) {
      throw new MicrocertError('ERR_CSV_INVALID', `line 1: column "${name}" appears twice`, { details: { line: 1, column: name } })
    }
    seen.add(name)
    columns.push(col)
  }
  if (unknown.length > 0) {
    throw new MicrocertError('ERR_CSV_INVALID', `line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, {
      details: { line: 1, columns: unknown },
    })
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !seen.has(c.name) && getPath(base, c.name) === undefined).map((c) => c.name)
  if (missing.length > 0) {
    throw new MicrocertError(
      'ERR_CSV_INVALID',
      `line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (or give them in --achievement course.json)`,
      { details: { line: 1, missing } },
    )
  }
  return columns
}

/** Splits a list cell on unescaped `|` and on line breaks; `\|` is a literal bar. */
export function splitList(cell: string): string[] {
  const items: string[] = []
  let cur = ''
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!
    if (ch === '\\' && cell[i + 1] === '|') {
      cur += '|'
      i++
    } else if (ch === '|' || ch === '\n') {
      items.push(cur)
      cur = ''
    } else cur += ch
  }
  items.push(cur)
  return items.map((s) => s.trim()).filter((s) => s !== '')
}

function parseNumber(cell: string): number | undefined {
  const t = cell.trim().replace(/^(\d+),(\d+)$/, '$1.$2')
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined
  return Number(t)
}

function parseCell(col: CsvColumn, cell: string): { value: unknown } | { error: string } {
  const quoted = `"${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"`
  switch (col.kind) {
    case 'text':
      return { value: cell.trim() }
    case 'number': {
      const n = parseNumber(cell)
      return n === undefined ? { error: `${quoted} is not a number (write e.g. 5 or 2.5)` } : { value: n }
    }
    case 'integer': {
      const n = parseNumber(cell)
      return n === undefined || !Number.isInteger(n) ? { error: `${quoted} is not a whole number` } : { value: n }
    }
    case 'list':
      return { value: splitList(cell) }
    case 'named-links': {
      const t = cell.trim()
      if (t.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(t)
          if (!Array.isArray(parsed)) return { error: 'is not a JSON array' }
          return { value: parsed }
        } catch {
          return { error: 'starts with "[" but is not valid JSON' }
        }
      }
      const link = col.link!
      return {
        value: splitList(cell).map((item) => {
          const m = /^(.*?)\s*<([^<>]+)>$/.exec(item)
          return m === null ? { [link.text]: item } : { [link.text]: m[1]!.trim() || m[2]!.trim(), [link.link]: m[2]!.trim() }
        }),
      }
    }
  }
}

export interface MappedRow {
  input: InputObject
  rowKey: string
}

/**
 * Maps one CSV record onto an issue input: cells override the course file (`base`); empty cells leave the course
 * value. Cell-level problems come back as `column "…": …` lines.
 */
export function rowToInput(fields: string[], columns: CsvColumn[], base: InputObject | undefined): MappedRow | { errors: string[]; rowKey?: string } {
  // The row shares the course file's objects (never changed: see setPath), instead of a deep copy per row.
  const input: InputObject = base === undefined ? {} : { ...base }
  const owned = new Set<object>([input])
  const errors: string[] = []
  let rowKey: string | undefined
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!
    const cell = fields[i] ?? ''
    if (cell.trim() === '') continue
    if (col.name === 'rowKey') {
      rowKey = cell.trim()
      continue
    }
    const parsed = parseCell(col, cell)
    if ('error' in parsed) errors.push(`column "${col.name}": ${parsed.error}`)
    else setPath(input, col.name, parsed.value, owned)
  }
  if (errors.length > 0) return rowKey === undefined ? { errors } : { errors, rowKey }
  return { input, rowKey: rowKey ?? defaultRowKey(input) }
}

/** learner (student id, e-mail, DID or name) + course (id, code or title): a re-run skips rows already issued. */
export function defaultRowKey(input: InputObject): string {
  const learner = ['learner.studentId', 'learner.email', 'learner.id', 'learner.name']
    .map((p) => getPath(input, p))
    .find((v): v is string => typeof v === 'string' && v !== '')
  const course = ['achievement.id', 'achievement.humanCode', 'achievement.title']
    .map((p) => getPath(input, p))
    .find((v): v is string => typeof v === 'string' && v !== '')
  return `${learner ?? ''}/${course ?? ''}`
}

/**
 * Reads a course file for `--achievement`: either an `achievement` object on its own, or a partial input
 * (`{ achievement, validUntil, … }`) whose fields every row shares.
 */
export function courseToBase(json: unknown): InputObject {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'the course file must hold a JSON object', { details: { issues: ['(root): expected an object'] } })
  }
  const obj = json as InputObject
  // Frozen: every row shares these objects (see setPath), so nothing may change them.
  return deepFreeze('achievement' in obj || 'learner' in obj ? structuredClone(obj) : { achievement: structuredClone(obj) })
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
