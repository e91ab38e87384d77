import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { BUDGETS } from '../budgets.js'
import { speedBudget, type BenchCase, type BenchContext } from '../lib/bench-case.js'
import { CLI_BIN, COURSE_FILE, writeLearnersCsv } from '../lib/fixtures.js'
import { mb, seconds } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { runNode, type ProcessRun } from '../lib/run-process.js'
import { median, ratioOf } from '../lib/stats.js'

const DID = 'did:web:127.0.0.1%3A8999'
const ROWS = 10_000

/** One round: a new store, the CSV issued into it, then the same CSV again (every row skipped: a resumed or repeated run). */
async function round(context: BenchContext, csv: string): Promise<{ first: ProcessRun; again: ProcessRun }> {
  const store = join(context.tmp, 'cli-rerun', 'store')
  rmSync(store, { recursive: true, force: true })
  const usageFile = join(context.tmp, 'usage.json')
  await runNode([CLI_BIN, 'init', store, '--did', DID, '--name', 'Bench University', '--country', 'CZ', '--url', 'http://127.0.0.1:8999'], { usageFile })
  const issue = [CLI_BIN, 'issue', store, '--csv', csv, '--achievement', COURSE_FILE]
  const first = await runNode(issue, { usageFile })
  const again = await runNode(issue, { usageFile })
  if (!/issued 0, skipped 10000/.test(again.stdout)) throw new Error(`the re-run did not skip every row: ${again.stdout.slice(0, 300)}`)
  rmSync(store, { recursive: true, force: true })
  return { first, again }
}

export const cliRerunCase: BenchCase = {
  name: 'cli-rerun',
  summary: '`microcert issue --csv` of the same 10,000 rows again (everything skipped) vs issuing them the first time',
  async run(context) {
    const dir = join(context.tmp, 'cli-rerun')
    mkdirSync(dir, { recursive: true })
    const csv = join(dir, 'learners.csv')
    await writeLearnersCsv(csv, ROWS)
    const rounds = context.options.quick ? 1 : 3
    const runs: { first: ProcessRun; again: ProcessRun }[] = []
    for (let r = 0; r < rounds; r++) {
      context.log(`cli-rerun: issue 10,000 rows, then again, round ${r + 1}/${rounds}`)
      runs.push(await round(context, csv))
    }
    const ratio = ratioOf('speed', runs.map((run) => run.first.wallMs / run.again.wallMs))
    const cpu = (run: ProcessRun) => run.cpuSeconds
    return [
      {
        group: 'cli',
        name: 'CLI issue --csv again, 10,000 rows all skipped',
        ours: seconds(median(runs.map((run) => run.again.wallMs)) / 1000),
        baseline: 'the first run of the same CSV',
        base: seconds(median(runs.map((run) => run.first.wallMs)) / 1000),
        ratio,
        budget: speedBudget(ratio, BUDGETS.cliRerunSpeed),
        note:
          `wall time spawn → exit, ${rounds} round(s); CPU ${seconds(median(runs.map((run) => cpu(run.again))))} vs ${seconds(median(runs.map((run) => cpu(run.first))))}; ` +
          `peak RSS ${mb(median(runs.map((run) => run.again.maxRssMb)))} vs ${mb(median(runs.map((run) => run.first.maxRssMb)))}`,
      } satisfies Row,
    ]
  },
}
