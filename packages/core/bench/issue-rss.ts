// Peak RSS of one large batch (rows generated lazily, `collect: false`), in a process of its own.
// Usage: node --expose-gc --conditions=source --import tsx bench/issue-rss.ts 100000
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIssuer, openIssuer } from '../src/node/index.js'
import { courseInput } from '../test/node/helpers.js'

const total = Number(process.argv[2] ?? 100_000)
const root = mkdtempSync(join(tmpdir(), 'microcert-rss-'))
try {
  const issuer = await createIssuer(join(root, 'store'), {
    did: 'did:web:uni.example:microcerts',
    name: 'Example University',
    country: 'CZ',
    url: 'https://uni.example/microcerts',
  })
  const baseline = process.memoryUsage().rss
  function* rows() {
    for (let i = 0; i < total; i++) yield { rowKey: `r${i}`, input: courseInput(i) }
  }
  const start = performance.now()
  const report = await issuer.issueBatch(rows(), { collect: false, ...(process.env['CHUNK'] ? { chunkSize: Number(process.env['CHUNK']) } : {}) })
  const seconds = (performance.now() - start) / 1000
  const batchPeak = process.resourceUsage().maxRSS / 1024
  ;(globalThis as { gc?: () => void }).gc?.()
  const live = process.memoryUsage().heapUsed / 1048576
  const publishStart = performance.now()
  const published = await issuer.publish(join(root, 'site'))
  const publishSeconds = (performance.now() - publishStart) / 1000
  await issuer.close()
  const openStart = performance.now()
  await (await openIssuer(join(root, 'store'))).close()
  const openSeconds = (performance.now() - openStart) / 1000
  const peak = process.resourceUsage().maxRSS / 1024
  console.log(
    `${total.toLocaleString('en')}-row batch: ${report.counts.issued.toLocaleString('en')} issued in ${seconds.toFixed(1)} s ` +
      `(${(report.counts.issued / seconds).toFixed(0)}/s); publish ${published.credentials.toLocaleString('en')} files in ${publishSeconds.toFixed(1)} s; ` +
      `re-open (checks every record) ${openSeconds.toFixed(1)} s; ` +
      `peak RSS ${peak.toFixed(0)} MB (after the batch ${batchPeak.toFixed(0)} MB; process start ${(baseline / 1048576).toFixed(0)} MB; live heap after the batch ${live.toFixed(0)} MB)`,
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
