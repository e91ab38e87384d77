import { BUDGETS } from '../budgets.js'
import { compareInProcesses, speedBudget, type BenchCase } from '../lib/bench-case.js'
import { formatRatio, perSecond } from '../lib/format.js'
import type { Row } from '../lib/report.js'

export const signCase: BenchCase = {
  name: 'sign',
  summary: 'buildCredential + signCredential (a different learner each time) vs jose CompactSign of the same payload bytes',
  async run(context) {
    const rows: Row[] = []
    for (const alg of ['ES256', 'EdDSA'] as const) {
      for (const mode of ['build+sign', 'sign'] as const) {
        context.log(`sign: ${mode} ${alg}`)
        const result = await compareInProcesses(context, 'sign', { alg, mode })
        rows.push({
          group: 'sign',
          name: mode === 'build+sign' ? `build + sign, ${alg}` : `sign only (signCredential), ${alg}`,
          baseline: 'jose CompactSign',
          ours: perSecond(result.ours),
          base: perSecond(result.base),
          ratio: result.ratio,
          ...(mode === 'build+sign' ? { budget: speedBudget(result.ratio, BUDGETS.buildSignSpeed) } : {}),
          note: `${mode === 'build+sign' ? `payload ${String(result.extra['payloadBytes'])} bytes, a different learner each time; ` : ''}ops per CPU-second; wall-clock ratio ${formatRatio(result.wallRatio)}`,
        })
      }
    }
    return rows
  },
}
