import { hash } from 'node:crypto'
import type { BatchRow, IssueInput } from '../types.js'

/** A stable row key for input without one: the SHA-256 of its canonical JSON. */
export function defaultRowKey(input: unknown): string {
  return 'sha256:' + hash('sha256', canonicalJson(input), 'base64url')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A batch row as input and row key. */
export function unwrapRow(row: BatchRow): { input: IssueInput; rowKey: string } {
  if (typeof row === 'object' && row !== null && 'input' in row && 'rowKey' in row && typeof row.rowKey === 'string') {
    return { input: row.input, rowKey: row.rowKey }
  }
  return { input: row as IssueInput, rowKey: defaultRowKey(row) }
}
