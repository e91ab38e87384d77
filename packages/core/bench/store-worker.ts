// One issuing process of the store benchmark: opens the store, says "ready", waits for "go" on stdin (so parallel
// workers start together), issues rows [from, from + count), and prints what it did as JSON. With a site path as
// fourth argument it publishes instead.
// Usage: node --conditions=source --import tsx bench/store-worker.ts <location> <from> <count> [site]
import { createInterface } from 'node:readline'
import { openIssuer } from '../src/node/index.js'
import { courseInput } from '../test/node/helpers.js'

const [location, from, count, site] = process.argv.slice(2) as [string, string, string, string | undefined]
const issuer = await openIssuer(location)
process.stdout.write('ready\n')
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()))
const start = Date.now()
if (site === undefined) {
  function* rows() {
    for (let i = Number(from); i < Number(from) + Number(count); i++) yield { rowKey: `r${i}`, input: courseInput(i) }
  }
  const report = await issuer.issueBatch(rows(), { collect: false })
  process.stdout.write(`${JSON.stringify({ start, end: Date.now(), issued: report.counts.issued })}\n`)
} else {
  // the stores are compared, not the PDF renderer (bench case publish-pdf)
  const report = await issuer.publish(site, { pdf: false })
  process.stdout.write(`${JSON.stringify({ start, end: Date.now(), published: report.credentials })}\n`)
}
await issuer.close()
