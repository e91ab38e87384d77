import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchCase } from '../lib/bench-case.js'
import { int, mb, seconds } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { median, ratioOf } from '../lib/stats.js'
import { runWorker } from '../lib/worker.js'

interface PublishResult {
  publishMs: number[]
  rawMs: number[]
  files: number
  fileBytes: number
  peakRssMb: number
}

export const publishCase: BenchCase = {
  name: 'publish',
  summary: 'issuer.publish (no PDFs) of a store with 10,000 and 100,000 credentials vs writing as many files of the same size',
  async run(context) {
    const rows: Row[] = []
    const sizes = context.options.quick ? [[10_000, 1]] : [[10_000, 3], [100_000, 2]]
    for (const [count, rounds] of sizes as [number, number][]) {
      context.log(`publish: issuing ${int(count)} credentials, then ${rounds} interleaved publish rounds`)
      const dir = join(context.tmp, `publish-${count}`)
      mkdirSync(dir, { recursive: true })
      try {
        const result = await runWorker<PublishResult>('publish', { dir, count, rounds })
        const ratio = ratioOf('speed', result.publishMs.map((ms, i) => result.rawMs[i]! / ms))
        rows.push({
          group: 'publish',
          name: `publish, ${int(count)} credentials`,
          ours: seconds(median(result.publishMs) / 1000),
          baseline: 'writeFileSync of as many files',
          base: seconds(median(result.rawMs) / 1000),
          ratio,
          note: `${int(result.files)} credential files of ${int(result.fileBytes)} bytes into an empty site (publish also writes a share page per credential and language); worker peak RSS ${mb(result.peakRssMb)}`,
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
    return rows
  },
}
