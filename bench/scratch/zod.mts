import { MicroCredentialInput } from '../../packages/schemas/src/index.ts'
import { buildCredential } from '../../packages/core/src/build-credential.ts'
import { issueInput } from '../src/lib/fixtures.ts'
const profile = { id: 'did:web:127.0.0.1%3A8999', name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' }
const inputs = Array.from({ length: 1000 }, (_, i) => structuredClone({ ...issueInput(i), issuer: profile }))
const shape = (MicroCredentialInput as any)._zod.def.shape
function time(name: string, fn: (i: number) => unknown, n = 20000) {
  for (let i = 0; i < 5000; i++) fn(i % 1000)
  const c = process.cpuUsage()
  for (let i = 0; i < n; i++) fn(i % 1000)
  const u = process.cpuUsage(c)
  console.log(name.padEnd(40), ((u.user + u.system) / n).toFixed(2), 'µs')
}
time('safeParse full', (i) => MicroCredentialInput.safeParse(inputs[i]))
for (const k of ['learner', 'achievement', 'issuer', 'grade', 'awardedAt', 'activityStartDate']) time(`  ${k}`, (i) => shape[k].safeParse((inputs[i] as any)[k]))
time('buildCredential', (i) => buildCredential(inputs[i] as never, { id: `http://x/credentials/MC-${i}` }))
