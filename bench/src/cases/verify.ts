import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { BUDGETS } from '../budgets.js'
import { compareInProcesses, speedBudget, type BenchCase } from '../lib/bench-case.js'
import { createRegistry } from '../lib/fixtures.js'
import { formatRatio, perSecond } from '../lib/format.js'
import type { Row } from '../lib/report.js'

const COUNT = 1000

export const verifyCase: BenchCase = {
  name: 'verify',
  summary: `verifyCredential in Node over ${COUNT} distinct credentials (DID document + status list cached) vs jose compactVerify; did-jwt-vc and @digitalbazaar/vc against the same floor`,
  async run(context) {
    const rows: Row[] = []
    const registries = new Map<string, Awaited<ReturnType<typeof createRegistry>>>()
    for (const alg of ['ES256', 'EdDSA'] as const) {
      context.log(`verify: issuing ${COUNT} ${alg} credentials`)
      const dir = join(context.tmp, `verify-${alg}`)
      mkdirSync(dir, { recursive: true })
      registries.set(alg, await createRegistry(dir, { count: COUNT, alg }))
    }
    const subjects = [
      { subject: 'microcert', alg: 'ES256', name: 'verifyCredential, distinct credentials, ES256', baseline: 'jose compactVerify', budget: true },
      { subject: 'microcert', alg: 'EdDSA', name: 'verifyCredential, distinct credentials, EdDSA', baseline: 'jose compactVerify', budget: true },
      { subject: 'did-jwt-vc', alg: 'ES256', name: 'peer: did-jwt-vc verifyCredential, ES256', baseline: 'jose compactVerify', budget: false },
      { subject: 'digitalbazaar-vc', alg: 'EdDSA', name: 'peer: @digitalbazaar/vc verifyCredential, eddsa-rdfc-2022', baseline: 'jose compactVerify EdDSA', budget: false },
    ] as const
    for (const s of subjects) {
      context.log(`verify: ${s.name}`)
      const registry = registries.get(s.alg)!
      const result = await compareInProcesses(context, 'verify', { subject: s.subject, site: registry.site, did: registry.did, url: registry.url, count: COUNT })
      rows.push({
        group: 'verify',
        name: s.name,
        baseline: s.baseline,
        ours: perSecond(result.ours),
        base: perSecond(result.base),
        ratio: result.ratio,
        ...(s.budget ? { budget: speedBudget(result.ratio, BUDGETS.verifySpeed) } : {}),
        note: `${String(result.extra['note'])}; ops per CPU-second; wall-clock ratio ${formatRatio(result.wallRatio)}`,
      })
    }
    return rows
  },
}
