import { resolve } from 'node:path'
import type { Issuer, IssueInput } from '@microcert/core/node'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { csvTemplate } from '../lib/csv-columns.js'
import { openCsvRows, type RowFailure } from '../lib/csv-batch.js'
import type { CliIo } from '../lib/io.js'
import { ProgressBar } from '../lib/progress.js'
import { readJsonFile } from '../lib/read-json-file.js'
import { courseToBase, type InputObject } from '../lib/row-to-input.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'

const CHUNK = 1000

interface Issued {
  certificateId: string
  credentialId: string
}

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
    ['--json', 'print one JSON line per credential: {"certificateId","id","file"}'],
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
      // Where `publish` puts the credential, relative to the site root.
      const fileOf = (id: string): string => `credentials/${id}.jwt`
      const print = (rec: Issued, skipped: boolean): void => {
        if (json) {
          io.stdout.write(
            `${JSON.stringify({ certificateId: rec.certificateId, id: rec.credentialId, file: fileOf(rec.certificateId), ...(skipped ? { skipped: true } : {}) })}\n`,
          )
        }
      }
      if (input !== undefined) return await issueFromJson(issuer, resolve(io.cwd, input), io, json, print, fileOf)
      const base = str(args, 'achievement') === undefined ? undefined : courseToBase(await readJsonFile(resolve(io.cwd, str(args, 'achievement')!)))
      return await issueFromCsv(issuer, resolve(io.cwd, csv!), base, flag(args, 'atomic'), io, json, print)
    } finally {
      await issuer.close()
    }
  },
}

async function issueFromJson(
  issuer: Issuer,
  file: string,
  io: CliIo,
  json: boolean,
  print: (rec: Issued, skipped: boolean) => void,
  fileOf: (id: string) => string,
): Promise<number> {
  const data = await readJsonFile(file)
  if (!Array.isArray(data)) {
    if (data === null || typeof data !== 'object') throw new CliError(`"${file}" must hold a JSON object or an array of objects`, 1)
    const obj = data as InputObject
    const { issuer: _ignored, ...rest } = obj
    // No row key: the store keys the row by a hash of the input, so only an identical file is "already issued".
    const rec = await issuer.issue(rest as IssueInput)
    print(rec, false)
    if (!json) io.stdout.write(`Issued ${rec.certificateId}\n  ${rec.credentialId}\n  ${fileOf(rec.certificateId)}\n`)
    return 0
  }
  const rows = data.map((d: unknown) => {
    const obj = (d ?? {}) as InputObject
    const { issuer: _ignored, ...rest } = obj
    return rest as IssueInput
  })
  const report = await issuer.issueBatch(rows, {})
  for (const r of report.issued) print(r, false)
  for (const r of report.skipped) print(r, true)
  const failures: RowFailure[] = report.failed.map((f) => ({ row: f.row, line: f.row, code: f.code, issues: f.issues, ...(f.rowKey === undefined ? {} : { rowKey: f.rowKey }) }))
  printSummary(io, { issued: report.issued.length, skipped: report.skipped.length, failures, moreFailures: 0, unit: 'item' }, json)
  return failures.length > 0 ? 1 : 0
}

async function issueFromCsv(
  issuer: Issuer,
  file: string,
  base: InputObject | undefined,
  atomic: boolean,
  io: CliIo,
  json: boolean,
  print: (rec: Issued, skipped: boolean) => void,
): Promise<number> {
  const started = performance.now()
  if (atomic) {
    // Pass 1: check every row without issuing anything.
    const check = await openCsvRows(file, base, issuer.profile)
    const bar = new ProgressBar(io.stderr, 'checking')
    let n = 0
    for await (const _row of check.rows) bar.update(++n, check.state.bytesRead / Math.max(1, check.state.totalBytes))
    bar.done()
    if (check.state.failures.length > 0) {
      printSummary(io, { issued: 0, skipped: 0, failures: check.state.failures, moreFailures: check.state.moreFailures, unit: 'row' }, json)
      io.stderr.write('--atomic: nothing was issued because some rows are bad; fix them and run again\n')
      return 1
    }
  }
  const opened = await openCsvRows(file, base, issuer.profile)
  const bar = new ProgressBar(io.stderr, 'issuing')
  // The reader runs a chunk ahead of the signer: estimate the row count from the bytes read so far.
  const fraction = (done: number): number => {
    const { rows, bytesRead, totalBytes } = opened.state
    return rows === 0 || bytesRead === 0 ? 0 : done / ((rows * totalBytes) / bytesRead)
  }
  const failures: RowFailure[] = []
  const firstIssued: Issued[] = []
  let issued = 0
  let skipped = 0
  const take = (report: Awaited<ReturnType<Issuer['issueBatch']>>, offset: number): void => {
    for (const r of report.issued) print(r, false)
    for (const r of report.skipped) print(r, true)
    for (const r of report.issued) if (firstIssued.length <= 10) firstIssued.push(r)
    issued += report.counts.issued
    skipped += report.counts.skipped
    for (const f of report.failed) {
      const at = opened.positionToRow(offset + f.row)
      failures.push({ row: at?.row ?? f.row, line: at?.line ?? f.row, code: f.code, issues: f.issues, ...(f.rowKey === undefined ? {} : { rowKey: f.rowKey }) })
    }
  }
  if (atomic) {
    // All rows passed the check: one all-or-nothing batch.
    take(await issuer.issueBatch(opened.rows, { atomic: true, onProgress: (p) => bar.update(p.done, fraction(p.done)) }), 0)
  } else {
    // Chunks of rows, so the records of a 100,000-row file are never all in memory at once.
    const rows = opened.rows[Symbol.asyncIterator]()
    let offset = 0
    for (;;) {
      const chunk: { rowKey: string; input: IssueInput }[] = []
      while (chunk.length < CHUNK) {
        const next = await rows.next()
        if (next.done === true) break
        chunk.push(next.value)
      }
      if (chunk.length === 0) break
      // Records are only needed for --json lines and the first ten IDs of the summary: otherwise counts suffice.
      const collect = json || firstIssued.length <= 10
      const report = await issuer.issueBatch(chunk, { collect, onProgress: (p) => bar.update(offset + p.done, fraction(offset + p.done)) })
      take(report, offset)
      offset += chunk.length
    }
  }
  // Rows the reader rejected were recorded while the batch ran.
  failures.push(...opened.state.failures)
  bar.update(opened.state.rows, 1, true)
  bar.done()
  failures.sort((a, b) => a.row - b.row)
  const seconds = (performance.now() - started) / 1000
  printSummary(
    io,
    { issued, skipped, failures, moreFailures: opened.state.moreFailures, unit: 'row', rows: opened.state.rows, seconds },
    json,
  )
  if (!json && issued > 0 && issued <= 10) {
    for (const r of firstIssued) io.stdout.write(`  ${r.certificateId}  ${r.credentialId}\n`)
  }
  return failures.length > 0 ? 1 : 0
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
