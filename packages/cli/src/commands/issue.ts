import { resolve } from 'node:path'
import { MicrocertError } from '@microcert/core'
import type { Issuer, IssueInput } from '@microcert/core/node'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { csvTemplate } from '../lib/csv-columns.js'
import { withBatchHeap } from '../lib/batch-heap.js'
import { readCsvEntries, type CsvEntry, type CsvRowsState, type RowFailure } from '../lib/csv-batch.js'
import type { CliIo } from '../lib/io.js'
import { summarizeCredential } from '../lib/credential-summary.js'
import { ProgressBar } from '../lib/progress.js'
import { readJsonFile } from '../lib/read-json-file.js'
import { courseToBase, type InputObject } from '../lib/row-to-input.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'

/**
 * Rows per issueBatch call (one durable segment each). Small enough that a chunk's credentials die young in the
 * garbage collector instead of piling up in the old generation (peak memory stays flat at any file size), large
 * enough that the three fsyncs per chunk stay a small share of the time.
 */
const CHUNK = 250

/**
 * One line of `--json` per input row, in input order: what happened to it. `line` is the CSV line the row starts
 * on (`item`: the position in a JSON array); `issuedOn` is the date a person reads as "issued on".
 */
interface RowLine {
  line?: number
  item?: number
  rowKey?: string
  status: 'issued' | 'skipped' | 'failed'
  certificateId?: string
  credentialId?: string
  learner?: string
  issuedOn?: string
  code?: string
  issues?: string[]
}

type RowLines = (line: RowLine) => void

export const issueCommand: Command = {
  name: 'issue',
  summary: 'Issue micro-credentials: one from a JSON file, or a batch from a CSV file.',
  synopsis:
    'microcert issue <store> --input credential.json [--json]\n' +
    'microcert issue <store> --csv learners.csv [--achievement course.json] [--atomic] [--json]\n' +
    'microcert issue --template > learners.csv',
  optionHelp: [
    ['--input FILE', 'a JSON input (MicroCredentialInput without "issuer"), or an array of them'],
    ['--csv FILE', 'a CSV file, one learner per row (see --template)'],
    ['--achievement FILE', 'course fields shared by every CSV row: an achievement object, or { achievement, validUntil, … }'],
    ['--atomic', 'check every row first; issue nothing if any row is bad'],
    ['--json', 'print one JSON line per input row, in order: {"line","rowKey","status","certificateId",…}'],
    ['--template', 'print the CSV template (header + one example row) and exit'],
  ],
  details:
    'CSV: UTF-8 (a BOM is fine), comma- or semicolon-separated, RFC 4180 quoting. Column names are field paths\n' +
    '(learner.name, achievement.ects, …). List cells separate items with "|" (or line breaks in a quoted cell);\n' +
    'quality assurance, ESCO skills and awarding bodies take "Name <URL>" items. Bad rows are reported with their\n' +
    'line and column; the good rows are still issued (unless --atomic). Re-running skips rows already issued\n' +
    '(same rowKey), so an interrupted batch resumes without duplicates; with a postgres:// store several machines\n' +
    `may issue at once, and a row issued elsewhere is skipped too.\n${STORE_HELP}`,
  examples: [
    'microcert issue ./issuer --csv examples/data/learners/applied-ai.csv --achievement examples/data/courses/applied-ai.json',
    'microcert issue ./issuer --input examples/data/single-credential.json --json',
  ],
  options: {
    input: { type: 'string', short: 'i' },
    csv: { type: 'string' },
    achievement: { type: 'string' },
    atomic: { type: 'boolean' },
    json: { type: 'boolean' },
    template: { type: 'boolean' },
  },
  positionals: { min: 0, max: 1, names: 'the issuer store' },
  async run(args, io) {
    if (flag(args, 'template')) {
      io.stdout.write(csvTemplate())
      return 0
    }
    if (args.positionals.length === 0) throw usageError('missing the issuer store', 'issue')
    const input = str(args, 'input')
    const csv = str(args, 'csv')
    if ((input === undefined) === (csv === undefined)) throw usageError('give exactly one of --input or --csv', 'issue')
    if (input !== undefined && str(args, 'achievement') !== undefined) throw usageError('--achievement goes with --csv', 'issue')
    const json = flag(args, 'json')
    const issuer = await openStore(io, args.positionals[0]!)
    try {
      const out: RowLines = json ? (line) => io.stdout.write(`${JSON.stringify(line)}\n`) : () => undefined
      if (input !== undefined) return await issueFromJson(issuer, resolve(io.cwd, input), io, json, out)
      const base = str(args, 'achievement') === undefined ? undefined : courseToBase(await readJsonFile(resolve(io.cwd, str(args, 'achievement')!)))
      return await withBatchHeap(() => issueFromCsv(issuer, resolve(io.cwd, csv!), base, flag(args, 'atomic'), io, json, out))
    } finally {
      await issuer.close()
    }
  },
}

type Report = Awaited<ReturnType<Issuer['issueBatch']>>
type IssuedRecord = Report['issued'][number]

/** What `--json` says about a row the store issued or already held. */
function recordLine(record: IssuedRecord | undefined, status: 'issued' | 'skipped', learner: string | undefined): Omit<RowLine, 'line' | 'item' | 'rowKey'> {
  const on = record === undefined ? undefined : summarizeCredential(record).issuedOn
  return {
    status,
    ...(record === undefined ? {} : { certificateId: record.certificateId, credentialId: record.credentialId }),
    ...(learner === undefined ? {} : { learner }),
    ...(on === undefined ? {} : { issuedOn: on }),
  }
}

function learnerOf(input: IssueInput): string | undefined {
  return typeof input.learner?.name === 'string' ? input.learner.name : undefined
}

/**
 * Matches a batch report back to its rows, in order: `rows[i]` was the (i+1)-th row given to `issueBatch`.
 * A row key seen twice in one batch is issued once; the second row is `skipped` with the same credential.
 */
function rowOutcomes(
  rows: readonly { rowKey: string }[],
  report: Report,
): ({ status: 'issued' | 'skipped'; record: IssuedRecord | undefined } | { status: 'failed'; failure: Report['failed'][number] })[] {
  const failed = new Map(report.failed.map((f) => [f.row, f]))
  const issued = new Map(report.issued.map((r) => [r.rowKey, r]))
  const held = new Map(report.skipped.map((r) => [r.rowKey, r]))
  const seen = new Set<string>()
  return rows.map((row, i) => {
    const failure = failed.get(i + 1)
    if (failure !== undefined) return { status: 'failed' as const, failure }
    const first = !seen.has(row.rowKey)
    seen.add(row.rowKey)
    const record = issued.get(row.rowKey)
    if (record !== undefined) return { status: first ? ('issued' as const) : ('skipped' as const), record }
    return { status: 'skipped' as const, record: held.get(row.rowKey) }
  })
}

async function issueFromJson(issuer: Issuer, file: string, io: CliIo, json: boolean, out: RowLines): Promise<number> {
  const data = await readJsonFile(file)
  const single = !Array.isArray(data)
  if (single && (data === null || typeof data !== 'object')) throw new CliError(`"${file}" must hold a JSON object or an array of objects`, 1)
  const items = single ? [data] : (data as unknown[])
  const failures: RowFailure[] = []
  let issued = 0
  let skipped = 0
  for (const [i, item] of items.entries()) {
    // Passed as given: an "issuer" field (the store adds its own) is refused like any other unknown field.
    const input = item as IssueInput
    // One item per batch, so each outcome is known exactly. No row key: the store keys the item by a hash of its
    // input, so only an identical item counts as "already issued".
    const report = await issuer.issueBatch([input], {})
    const learner = learnerOf(input)
    const failure = report.failed[0]
    if (failure !== undefined) {
      if (single) {
        const { code, issues } = failure
        throw new MicrocertError(code, `The micro-credential input is invalid: ${issues[0] ?? code}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`, {
          details: { issues },
        })
      }
      failures.push({ row: i + 1, line: i + 1, code: failure.code, issues: failure.issues })
      out({ item: i + 1, status: 'failed', ...(learner === undefined ? {} : { learner }), code: failure.code, issues: failure.issues })
      continue
    }
    const status = report.issued.length > 0 ? 'issued' : 'skipped'
    const record = report.issued[0] ?? report.skipped[0]
    if (status === 'issued') issued++
    else skipped++
    out({ item: i + 1, ...(record === undefined ? {} : { rowKey: record.rowKey }), ...recordLine(record, status, learner) })
    if (single && !json && record !== undefined) {
      io.stdout.write(`${status === 'issued' ? 'Issued' : 'Already issued'} ${record.certificateId}\n  ${record.credentialId}\n  issued on ${summarizeCredential(record).issuedOn ?? record.issuedAt}\n`)
    }
  }
  if (!single) printSummary(io, { issued, skipped, failures, moreFailures: 0, unit: 'item' }, json)
  return failures.length > 0 ? 1 : 0
}

async function issueFromCsv(
  issuer: Issuer,
  file: string,
  base: InputObject | undefined,
  atomic: boolean,
  io: CliIo,
  json: boolean,
  out: RowLines,
): Promise<number> {
  const started = performance.now()
  if (atomic) {
    // Pass 1: check every row without issuing anything.
    const check = await readCsvEntries(file, base, issuer.profile, { validate: true })
    const bar = new ProgressBar(io.stderr, 'checking')
    for await (const entry of check.entries) {
      if (!entry.ok) out(failedLine(entry))
      bar.update({ done: check.state.rows, failed: check.state.failed, fraction: fractionRead(check.state) })
    }
    bar.done()
    if (check.state.failed > 0) {
      printSummary(io, { issued: 0, skipped: 0, failures: check.state.failures, moreFailures: check.state.moreFailures, unit: 'row' }, json)
      io.stderr.write('--atomic: nothing was issued because some rows are bad; fix them and run again\n')
      return 1
    }
  }
  // The store checks each row as it builds the credential (the same checks, reported the same way): no second pass here.
  const { state, entries } = await readCsvEntries(file, base, issuer.profile, { validate: false })
  const bar = new ProgressBar(io.stderr, 'issuing')
  const storeFailures: RowFailure[] = []
  let moreStoreFailures = 0
  const firstIssued: IssuedRecord[] = []
  let issued = 0
  let skipped = 0
  let finished = 0 // rows whose outcome is known
  const progress = (done: number, force = false): void =>
    bar.update({ done, failed: state.failed + storeFailures.length + moreStoreFailures, fraction: fractionRead(state, done), total: estimatedRows(state), exact: state.finished }, force)

  /** Issues one chunk of entries (in file order) and prints a line per entry. */
  const issueChunk = async (chunk: CsvEntry[], options: { atomic: boolean }): Promise<void> => {
    const rows = chunk.filter((e): e is Extract<CsvEntry, { ok: true }> => e.ok).map((e) => ({ rowKey: e.rowKey, input: e.input }))
    // Records are only needed for --json lines and the first ten IDs of the summary: otherwise counts suffice (and a
    // re-run, where every row is skipped, reads nothing back).
    const collect = json ? true : firstIssued.length < 10 ? 'issued' : false
    const report: Report =
      rows.length === 0
        ? { issued: [], skipped: [], failed: [], counts: { issued: 0, skipped: 0, failed: 0 } }
        : await issuer.issueBatch(rows, { atomic: options.atomic, collect, onProgress: (p) => progress(finished + p.done) })
    issued += report.counts.issued
    skipped += report.counts.skipped
    for (const r of report.issued) if (firstIssued.length < 10) firstIssued.push(r)
    const outcomes = rowOutcomes(rows, report)
    let position = 0
    for (const entry of chunk) {
      if (!entry.ok) {
        out(failedLine(entry))
        continue
      }
      const outcome = outcomes[position++]!
      const learner = learnerOf(entry.input)
      if (outcome.status === 'failed') {
        const f = outcome.failure
        const failure: RowFailure = { row: entry.row, line: entry.line, rowKey: entry.rowKey, code: f.code, issues: f.issues }
        if (storeFailures.length < KEEP_FAILURES) storeFailures.push(failure)
        else moreStoreFailures++
        out(failedLine({ ...failure, ...(learner === undefined ? {} : { learner }) }))
      } else {
        out({ line: entry.line, rowKey: entry.rowKey, ...recordLine(outcome.record, outcome.status, learner) })
      }
    }
    finished += chunk.length
    progress(finished)
  }

  const iterator = entries[Symbol.asyncIterator]()
  if (atomic) {
    // Every row passed the check: one all-or-nothing batch (its report holds every record, so this is not streamed).
    const all: CsvEntry[] = []
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) all.push(next.value)
    await issueChunk(all, { atomic: true })
  } else {
    // Chunks of rows, so the records of a 100,000-row file are never all in memory at once.
    for (;;) {
      const chunk: CsvEntry[] = []
      while (chunk.length < CHUNK) {
        const next = await iterator.next()
        if (next.done === true) break
        chunk.push(next.value)
      }
      if (chunk.length === 0) break
      await issueChunk(chunk, { atomic: false })
    }
  }
  progress(state.rows, true)
  bar.done()
  const failures = [...state.failures, ...storeFailures].sort((a, b) => a.row - b.row)
  const seconds = (performance.now() - started) / 1000
  printSummary(io, { issued, skipped, failures, moreFailures: state.moreFailures + moreStoreFailures, unit: 'row', rows: state.rows, seconds }, json)
  if (!json && issued > 0 && issued <= 10) {
    for (const r of firstIssued) io.stdout.write(`  ${r.certificateId}  ${r.credentialId}  issued on ${summarizeCredential(r).issuedOn ?? r.issuedAt}\n`)
  }
  return failures.length > 0 || moreStoreFailures > 0 || state.moreFailures > 0 ? 1 : 0
}

const KEEP_FAILURES = 1000

function failedLine(f: RowFailure & { learner?: string }): RowLine {
  return {
    line: f.line,
    ...(f.rowKey === undefined ? {} : { rowKey: f.rowKey }),
    status: 'failed',
    ...(f.learner === undefined ? {} : { learner: f.learner }),
    code: f.code,
    issues: f.issues,
  }
}

/** Rows in the file: exact once it is read, else extrapolated from the bytes read so far. */
function estimatedRows(state: CsvRowsState): number | undefined {
  if (state.finished) return state.rows
  if (state.rows === 0 || state.bytesRead === 0) return undefined
  return Math.round((state.rows * state.totalBytes) / state.bytesRead)
}

/** How far along: `done` rows of the estimated total, or (without `done`) the share of the file read. */
function fractionRead(state: CsvRowsState, done?: number): number {
  if (done === undefined) return state.bytesRead / Math.max(1, state.totalBytes)
  const total = estimatedRows(state)
  return total === undefined || total === 0 ? 0 : done / total
}

function printSummary(
  io: CliIo,
  s: { issued: number; skipped: number; failures: RowFailure[]; moreFailures: number; unit: 'row' | 'item'; rows?: number; seconds?: number },
  json: boolean,
): void {
  const failed = s.failures.length + s.moreFailures
  const out = json ? io.stderr : io.stdout
  let line = `issued ${s.issued}, skipped ${s.skipped} (already issued), failed ${failed}`
  if (s.rows !== undefined && s.seconds !== undefined) {
    line += ` — ${s.rows} rows in ${s.seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(s.seconds, 0.001))} rows/s)`
  }
  out.write(`${line}\n`)
  for (const f of s.failures) {
    const where = s.unit === 'row' ? `line ${f.line}${f.row + 1 !== f.line ? ` (row ${f.row})` : ''}` : `item ${f.row}`
    io.stderr.write(`${where}: ${f.issues.join('; ')} (${f.code})\n`)
  }
  if (s.moreFailures > 0) io.stderr.write(`… and ${s.moreFailures} more failed rows\n`)
}
