// Publish with PDF certificates against publish without them (issue 11: at most 10×), for a store of `count`
// credentials: a first publish into an empty directory (every PDF rendered, on every core), then — after one more
// credential is issued — the next publish into the same site (unchanged PDFs carried over). Both sides write the
// share pages, previews, status lists and registry pages; only the PDFs differ. `sync` before each timed phase, so
// none pays for another's write-back.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { createIssuer, type IssueInput, type PublishOptions } from '@microcert/core/node'
import { issueInput } from '../lib/fixtures.js'
import { sendResult, workerParams } from '../lib/worker.js'

const { dir, count } = workerParams<{ dir: string; count: number }>()
const issuer = await createIssuer(join(dir, 'store'), { did: 'did:web:127.0.0.1%3A8999', name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' })
function* rows(): Generator<{ rowKey: string; input: IssueInput }> {
  for (let i = 0; i < count; i++) yield { rowKey: `r${i}`, input: issueInput(i) }
}
const issued = await issuer.issueBatch(rows(), { collect: false })
if (issued.counts.issued !== count) throw new Error(`issued ${issued.counts.issued} of ${count}`)

const without = join(dir, 'site-without')
const withPdf = join(dir, 'site-with')
const timed = async (site: string, options: PublishOptions) => {
  execFileSync('sync')
  const start = performance.now()
  const report = await issuer.publish(site, options)
  return { ms: performance.now() - start, pdfsWritten: report.pdfsWritten }
}
const first = { without: await timed(without, { pdf: false }), with: await timed(withPdf, {}) }
await issuer.issue(issueInput(count))
const next = { with: await timed(withPdf, {}), without: await timed(without, { pdf: false }) }
await issuer.close()
sendResult({ first, next, peakRssMb: process.resourceUsage().maxRSS / 1024 })
