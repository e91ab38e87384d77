import { BUDGETS } from '../budgets.js'
import { compareInProcesses, timeBudget, type BenchCase } from '../lib/bench-case.js'
import { us } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { ratioOf } from '../lib/stats.js'

export const statusCase: BenchCase = {
  name: 'status',
  summary: 'decodeStatusList + one lookup (131,072 entries) vs zlib.gunzipSync + one bit read, sparse and dense lists',
  async run(context) {
    const rows: Row[] = []
    for (const [label, fill] of [
      ['sparse list (1 % set)', 0.01],
      ['dense list (50 % set)', 0.5],
    ] as const) {
      context.log(`status: ${label}`)
      const result = await compareInProcesses(context, 'status', { fill })
      // A time ratio: how many times longer than zlib (the budget is "≤ 2× zlib").
      const time = ratioOf('time', [1 / result.ratio.median])
      const ratio = { ...time, min: 1 / result.ratio.max, max: 1 / result.ratio.min, samples: result.ratio.samples }
      rows.push({
        group: 'status',
        name: `status list decode + lookup, ${label}`,
        baseline: 'zlib.gunzipSync + bit read',
        ours: us(1e6 / result.ours),
        base: us(1e6 / result.base),
        ratio,
        budget: timeBudget(ratio, BUDGETS.statusDecodeTime),
        note: `${String(result.extra['encodedChars'])} encoded chars (${String(result.extra['gzipBytes'])} bytes gzip); CPU µs per decode`,
      })
    }
    return rows
  },
}
