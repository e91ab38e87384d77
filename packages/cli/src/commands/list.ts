import type { CredentialState, ListFilter } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { summarizeCredential } from '../lib/credential-summary.js'
import { CSV_BOM, csvLine } from '../lib/csv-export.js'
import { oneLine } from '../lib/one-line.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'

const STATES: readonly CredentialState[] = ['active', 'revoked', 'suspended']
const CSV_HEADER = ['certificateId', 'learner', 'course', 'issuedOn', 'state', 'rowKey', 'courseId', 'credentialId']

export const listCommand: Command = {
  name: 'list',
  summary: 'List what was issued (certificate ID, learner, course, date, state, row key), as a table, CSV or JSON.',
  synopsis: 'microcert list <store> [--csv | --json] [--state active|revoked|suspended] [--course ID_OR_TITLE]',
  optionHelp: [
    ['--csv', 'CSV for a spreadsheet (UTF-8 with BOM; cells that would run as formulas are prefixed with \')'],
    ['--json', 'one JSON object per line (JSON Lines)'],
    ['--state STATE', 'only active, revoked or suspended credentials'],
    ['--course COURSE', 'only one course: its achievement id (a URL) or its title (any case)'],
  ],
  details:
    'Streams the store in issue order, so memory stays flat however many credentials it holds. "issuedOn" is the date a\n' +
    'person reads as "issued on": the awarded date when the credential has one, else its validFrom. Mail-merge the\n' +
    `certificate IDs onto paper certificates: anyone can look an ID up on the registry's verify page.\n${STORE_HELP}`,
  examples: ['microcert list ./issuer --csv > issued.csv', 'microcert list ./issuer --state revoked --json', 'microcert list ./issuer --course "Applied Data Ethics"'],
  options: {
    csv: { type: 'boolean' },
    json: { type: 'boolean' },
    state: { type: 'string' },
    course: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: 'the issuer store' },
  async run(args, io) {
    const csv = flag(args, 'csv')
    const json = flag(args, 'json')
    if (csv && json) throw usageError('give --csv or --json, not both', 'list')
    const state = str(args, 'state')
    if (state !== undefined && !STATES.includes(state as CredentialState)) throw usageError(`--state must be ${STATES.join(', ')}; got "${state}"`, 'list')
    const course = str(args, 'course')?.trim()
    if (course === '') throw usageError('--course is empty', 'list')
    // An id (a URL or URN) is matched by the store (an index in PostgreSQL); a title by reading each credential.
    const courseIsId = course !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(course)
    const filter: ListFilter = { ...(state === undefined ? {} : { state: state as CredentialState }), ...(courseIsId ? { course } : {}) }
    const title = course !== undefined && !courseIsId ? course.toLocaleLowerCase('en') : undefined

    const issuer = await openStore(io, args.positionals[0]!)
    try {
      let count = 0
      if (csv) io.stdout.write(CSV_BOM + csvLine(CSV_HEADER))
      for await (const record of issuer.list(filter)) {
        const summary = summarizeCredential(record)
        if (title !== undefined && summary.course?.toLocaleLowerCase('en') !== title) continue
        count++
        const { certificateId, state: recordState, rowKey, credentialId } = record
        if (csv) {
          io.stdout.write(csvLine([certificateId, summary.learner, summary.course, summary.issuedOn, recordState, rowKey, summary.courseId, credentialId]))
        } else if (json) {
          io.stdout.write(`${JSON.stringify({ certificateId, learner: summary.learner, course: summary.course, issuedOn: summary.issuedOn, state: recordState, rowKey, courseId: summary.courseId, credentialId })}\n`)
        } else {
          // Names come from the credential: nothing in them may repaint the terminal (oneLine).
          const date = oneLine(summary.issuedOn?.slice(0, 10) ?? '?')
          io.stdout.write(`${certificateId}  ${date.padEnd(10)}  ${recordState.padEnd(9)}  ${oneLine(summary.learner ?? '?')} — ${oneLine(summary.course ?? '?')}  (row ${oneLine(rowKey)})\n`)
        }
      }
      if (!csv && !json) io.stderr.write(`${count.toLocaleString('en')} credential${count === 1 ? '' : 's'}${state === undefined ? '' : ` ${state}`}${course === undefined ? '' : ` of "${oneLine(course)}"`}\n`)
    } finally {
      await issuer.close()
    }
    return 0
  },
}
