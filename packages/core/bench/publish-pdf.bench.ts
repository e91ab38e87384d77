// Publish with PDF certificates against publish without them (issue 11: at most 10×), 10,000 credentials of a
// directory store: a first publish into an empty directory (every PDF rendered, on every core), and the publish after
// one more credential was issued (unchanged PDFs carried over). Both sides write the share pages, previews, status
// lists and registry pages; only the PDFs differ. Wall time, one publish at a time.
// Size: BENCH_PUBLISH_SIZE (default 10000). Run alone: pnpm --dir packages/core exec tsx --conditions source bench/publish-pdf.bench.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createIssuer, type Issuer, type PublishOptions } from '../src/node/index.js'
import { courseInput } from '../test/node/helpers.js'

const ISSUER = { did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts' }

async function timed(issuer: Issuer, site: string, options: PublishOptions): Promise<{ seconds: number; pdfsWritten: number }> {
  const start = performance.now()
  const report = await issuer.publish(site, options)
  return { seconds: (performance.now() - start) / 1000, pdfsWritten: report.pdfsWritten }
}

export async function run(): Promise<void> {
  const size = Number(process.env['BENCH_PUBLISH_SIZE'] ?? 10_000)
  const scratch = mkdtempSync(join(tmpdir(), 'microcert-publish-bench-'))
  try {
    const issuer = await createIssuer(join(scratch, 'store'), ISSUER)
    try {
      await issuer.issueBatch(
        (function* () {
          for (let i = 0; i < size; i++) yield { rowKey: `r${i}`, input: courseInput(i) }
        })(),
        { collect: false },
      )
      const without = join(scratch, 'site-without')
      const withPdf = join(scratch, 'site-with')
      const first = { without: await timed(issuer, without, { pdf: false }), with: await timed(issuer, withPdf, {}) }
      await issuer.issue(courseInput(size))
      const next = { without: await timed(issuer, without, { pdf: false }), with: await timed(issuer, withPdf, {}) }
      const row = (name: string, r: { without: { seconds: number }; with: { seconds: number; pdfsWritten: number } }) => {
        const ratio = r.with.seconds / r.without.seconds
        console.log(
          `${name.padEnd(44)} ${r.without.seconds.toFixed(1).padStart(8)} ${r.with.seconds.toFixed(1).padStart(8)} ${r.with.pdfsWritten.toLocaleString('en').padStart(8)} ${`${ratio.toFixed(1)}×`.padStart(7)}  (target ≤ 10×${ratio <= 10 ? ', met' : ', NOT met'})`,
        )
      }
      console.log(`publish ${size.toLocaleString('en')} credentials with PDF certificates vs without, ${availableParallelism()} cores (wall seconds)`)
      console.log(`${''.padEnd(44)} ${'no PDFs'.padStart(8)} ${'PDFs'.padStart(8)} ${'rendered'.padStart(8)} ${'ratio'.padStart(7)}`)
      row('first publish (every PDF rendered)', first)
      row('next publish, one new credential', next)
    } finally {
      await issuer.close()
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
