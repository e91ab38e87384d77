// `issuer.publish(site, { pdf: false })` of a store holding `count` credentials (PDFs: the publish-pdf case), into an
// empty directory each round, against the floor of writing as many files of the same size (writeFileSync, one after
// the other, no fsync). Before each timed phase the previous output is deleted and `sync` flushes the page cache's
// dirty pages, so neither phase pays for the other's write-back.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createIssuer, type IssueInput } from '@microcert/core/node'
import { issueInput } from '../lib/fixtures.js'
import { sendResult, workerParams } from '../lib/worker.js'

const { dir, count, rounds } = workerParams<{ dir: string; count: number; rounds: number }>()
const did = 'did:web:127.0.0.1%3A8999'
const issuer = await createIssuer(join(dir, 'store'), { did, name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' })
function* rows(): Generator<{ rowKey: string; input: IssueInput }> {
  for (let i = 0; i < count; i++) yield { rowKey: `r${i}`, input: issueInput(i) }
}
const issued = await issuer.issueBatch(rows(), { collect: false })
if (issued.counts.issued !== count) throw new Error(`issued ${issued.counts.issued} of ${count}`)

const publishMs: number[] = []
const rawMs: number[] = []
let files = 0
let fileBytes = 0
const publish = async (site: string) => {
  const start = performance.now()
  const report = await issuer.publish(site, { pdf: false })
  publishMs.push(performance.now() - start)
  files = report.credentials
  if (fileBytes === 0) fileBytes = statSync(join(site, 'credentials', readdirSync(join(site, 'credentials'))[0]!)).size
}
const rawWrite = (site: string) => {
  const start = performance.now()
  mkdirSync(join(site, 'credentials'), { recursive: true })
  const body = Buffer.alloc(fileBytes, 'x')
  for (let i = 0; i < count; i++) writeFileSync(join(site, 'credentials', `MC-${String(i).padStart(20, '0')}.jwt`), body)
  rawMs.push(performance.now() - start)
}
const settle = (site: string) => {
  rmSync(site, { recursive: true, force: true })
  execFileSync('sync')
}
execFileSync('sync')
for (let round = 0; round < rounds; round++) {
  const a = join(dir, `site-a-${round}`)
  const b = join(dir, `site-b-${round}`)
  if (round % 2 === 0) {
    await publish(a)
    settle(a)
    rawWrite(b)
    settle(b)
  } else {
    rawWrite(b)
    settle(b)
    await publish(a)
    settle(a)
  }
}
await issuer.close()
sendResult({ publishMs, rawMs, files, fileBytes, peakRssMb: process.resourceUsage().maxRSS / 1024 })
