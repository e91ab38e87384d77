import { mkdirSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { timeBudget, type BenchCase } from '../lib/bench-case.js'
import { int, mb, seconds } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { ratioOf } from '../lib/stats.js'
import { runWorker } from '../lib/worker.js'

interface Timed {
  ms: number
  pdfsWritten: number
}

interface PublishPdfResult {
  first: { without: Timed; with: Timed }
  next: { without: Timed; with: Timed }
  peakRssMb: number
}

/** Issue 11's budget: a publish with PDFs takes at most this many times as long as one without. */
const PDF_PUBLISH_BUDGET = 10

export const publishPdfCase: BenchCase = {
  name: 'publish-pdf',
  summary: 'issuer.publish with PDF certificates vs without, 10,000 credentials: the first publish (every PDF rendered) and the next (carried over)',
  async run(context) {
    const count = context.options.quick ? 2_000 : 10_000
    context.log(`publish-pdf: issuing ${int(count)} credentials, then publishing without and with PDFs, twice`)
    const dir = join(context.tmp, 'publish-pdf')
    mkdirSync(dir, { recursive: true })
    try {
      const result = await runWorker<PublishPdfResult>('publish-pdf', { dir, count })
      const rows: Row[] = []
      for (const [name, phase] of [
        [`first publish with PDFs, ${int(count)} credentials`, result.first],
        ['next publish with PDFs, one credential more', result.next],
      ] as const) {
        const ratio = ratioOf('time', [phase.with.ms / phase.without.ms])
        rows.push({
          group: 'publish-pdf',
          name,
          ours: seconds(phase.with.ms / 1000),
          baseline: 'the same publish without PDFs',
          base: seconds(phase.without.ms / 1000),
          ratio,
          budget: timeBudget(ratio, PDF_PUBLISH_BUDGET),
          note: `${int(phase.with.pdfsWritten)} PDFs rendered on ${availableParallelism()} cores, the rest carried over; both write share pages, previews and status lists; worker peak RSS ${mb(result.peakRssMb)}`,
        })
      }
      return rows
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
