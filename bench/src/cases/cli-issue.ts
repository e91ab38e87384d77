import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildCredential, createSigner, decodeCredential, generateKeyPair, signCredential } from '@microcert/core'
import { BUDGETS } from '../budgets.js'
import { speedBudget, type BenchCase, type BenchContext } from '../lib/bench-case.js'
import { CLI_BIN, COURSE_FILE, issueInput, writeLearnersCsv } from '../lib/fixtures.js'
import { int, mb, seconds } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { runNode, scriptPath, type ProcessRun } from '../lib/run-process.js'
import { median, ratioOf } from '../lib/stats.js'

const DID = 'did:web:127.0.0.1%3A8999'

/** What the raw signing process needs: a private key and a payload of our size (built and signed by the SDK). */
async function rawInputs(dir: string): Promise<{ jwk: string; template: string }> {
  const { privateJwk } = await generateKeyPair('ES256')
  const signer = await createSigner(privateJwk, { kid: `${DID}#key-1` })
  const input = { ...issueInput(0), issuer: { id: DID, name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' } }
  const credential = buildCredential(input as never, { id: 'http://127.0.0.1:8999/credentials/MC-0000-0000-0000-0000-0' })
  const payload = decodeCredential(await signCredential(credential, signer)).payload
  const jwk = join(dir, 'raw-key.jwk')
  const template = join(dir, 'raw-template.json')
  writeFileSync(jwk, JSON.stringify(privateJwk))
  writeFileSync(template, JSON.stringify(payload))
  return { jwk, template }
}

async function cliIssue(context: BenchContext, csv: string, name: string): Promise<ProcessRun> {
  const store = join(context.tmp, `cli-${name}`)
  rmSync(store, { recursive: true, force: true })
  const usageFile = join(context.tmp, 'usage.json')
  await runNode([CLI_BIN, 'init', store, '--did', DID, '--name', 'Bench University', '--country', 'CZ', '--url', 'http://127.0.0.1:8999'], { usageFile })
  const run = await runNode([CLI_BIN, 'issue', store, '--csv', csv, '--achievement', COURSE_FILE], { usageFile })
  rmSync(store, { recursive: true, force: true })
  return run
}

async function rawSign(context: BenchContext, csv: string, inputs: { jwk: string; template: string }): Promise<ProcessRun> {
  const out = join(context.tmp, 'raw-out.jwt')
  const run = await runNode([scriptPath('processes/raw-sign-csv.mjs'), csv, out, inputs.jwk, inputs.template], { usageFile: join(context.tmp, 'usage.json') })
  rmSync(out, { force: true })
  return run
}

export const cliIssueCase: BenchCase = {
  name: 'cli',
  summary: '`microcert issue --csv` of 10,000 rows vs a raw jose signing process over the same CSV; peak RSS at 10k/50k/100k rows',
  async run(context) {
    const dir = join(context.tmp, 'cli')
    mkdirSync(dir, { recursive: true })
    const inputs = await rawInputs(dir)
    const rows: Row[] = []
    const csv10k = join(dir, 'learners-10000.csv')
    await writeLearnersCsv(csv10k, 10_000)
    const rounds = context.options.quick ? 2 : 5
    const cli: ProcessRun[] = []
    const raw: ProcessRun[] = []
    for (let round = 0; round < rounds; round++) {
      context.log(`cli: issue --csv 10,000 rows, round ${round + 1}/${rounds}`)
      if (round % 2 === 0) {
        cli.push(await cliIssue(context, csv10k, '10k'))
        raw.push(await rawSign(context, csv10k, inputs))
      } else {
        raw.push(await rawSign(context, csv10k, inputs))
        cli.push(await cliIssue(context, csv10k, '10k'))
      }
    }
    const ratio = ratioOf('speed', cli.map((run, i) => raw[i]!.wallMs / run.wallMs))
    rows.push({
      group: 'cli',
      name: 'CLI issue --csv, 10,000 rows',
      ours: seconds(median(cli.map((r) => r.wallMs)) / 1000),
      baseline: 'raw jose signing process',
      base: seconds(median(raw.map((r) => r.wallMs)) / 1000),
      ratio,
      budget: speedBudget(ratio, BUDGETS.cliIssueSpeed),
      note: `wall time from spawn to exit, ${rounds} interleaved rounds; CPU ${seconds(median(cli.map((r) => r.cpuSeconds)))} vs ${seconds(median(raw.map((r) => r.cpuSeconds)))}; ES256 — the store signs with node:crypto, the raw process with jose (WebCrypto)`,
    })
    const rss: { rows: number; cli: number; raw: number }[] = [{ rows: 10_000, cli: median(cli.map((r) => r.maxRssMb)), raw: median(raw.map((r) => r.maxRssMb)) }]
    for (const count of context.options.quick ? [] : [50_000, 100_000]) {
      context.log(`cli: issue --csv ${int(count)} rows (peak RSS)`)
      const csv = join(dir, `learners-${count}.csv`)
      await writeLearnersCsv(csv, count)
      const ours = await cliIssue(context, csv, String(count))
      const base = await rawSign(context, csv, inputs)
      rss.push({ rows: count, cli: ours.maxRssMb, raw: base.maxRssMb })
      rmSync(csv, { force: true })
    }
    for (const r of rss) {
      rows.push({
        group: 'cli',
        name: `CLI issue --csv peak RSS, ${int(r.rows)} rows`,
        ours: mb(r.cli),
        baseline: 'raw jose signing process',
        base: mb(r.raw),
        budget: { text: `≤ ${BUDGETS.cliPeakRssMb} MB`, met: r.cli <= BUDGETS.cliPeakRssMb },
      })
    }
    if (rss.length > 1) {
      const first = rss[0]!
      const last = rss[rss.length - 1]!
      rows[rows.length - 1]!.note = `growth ${(((last.cli - first.cli) * 1024) / (last.rows - first.rows)).toFixed(2)} KB/row between ${int(first.rows)} and ${int(last.rows)} rows`
    }
    return rows
  },
}
