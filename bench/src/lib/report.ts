import { formatRatio } from './format.js'
import type { Ratio } from './stats.js'

/** A budget of DESIGN §12 / issue 14, as one row shows it. */
export interface RowBudget {
  /** e.g. "≥ 0.70×", "≤ 160 MB". */
  text: string
  met: boolean
}

/** One line of the table: one measure, next to the baseline it is a ratio to. */
export interface Row {
  /** The case that produced it (`--only` name). */
  group: string
  name: string
  /** What ours is compared with, e.g. "jose compactVerify". */
  baseline: string
  /** Our absolute figure, formatted (a median). */
  ours: string
  /** The baseline's absolute figure, formatted (a median), or "—". */
  base: string
  ratio?: Ratio
  budget?: RowBudget
  note?: string
}

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length))

function cells(row: Row): string[] {
  const ratio = row.ratio === undefined ? '' : `${formatRatio(row.ratio)}${row.ratio.kind === 'speed' ? '' : ` ${row.ratio.kind}`}`
  const budget = row.budget === undefined ? '' : `${row.budget.text} ${row.budget.met ? 'met' : 'NOT met'}`
  return [row.name, row.ours, row.baseline, row.base, ratio, budget]
}

const HEADER = ['measure', 'ours', 'baseline', 'baseline value', 'ratio, median (range)', 'budget']

/** The table for a terminal: fixed-width columns, notes under their row. */
export function textTable(rows: readonly Row[]): string {
  const all = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => [...r[c]!].length)))
  const line = (r: string[]): string => r.map((cell, c) => pad(cell, widths[c]!)).join('  ').trimEnd()
  const out = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  ')]
  let group = ''
  for (const row of rows) {
    if (row.group !== group && group !== '') out.push('')
    group = row.group
    out.push(line(cells(row)))
    if (row.note !== undefined) out.push(`    ${row.note}`)
  }
  return out.join('\n')
}

const escape = (text: string): string => text.replace(/\|/g, '\\|')

/** The same rows as a Markdown table (notes in their own column). */
export function markdownTable(rows: readonly Row[]): string {
  const head = [...HEADER, 'notes']
  const out = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`]
  for (const row of rows) out.push(`| ${[...cells(row), row.note ?? ''].map(escape).join(' | ')} |`)
  return out.join('\n')
}
