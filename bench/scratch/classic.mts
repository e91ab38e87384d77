import { build } from 'esbuild'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
for (const variant of ['zod/mini', 'zod']) {
  await build({ entryPoints: ['../packages/schemas/src/index.ts'], bundle: true, format: 'esm', platform: 'node', outfile: `/tmp/schemas-${variant.replace('/', '-')}.mjs`, alias: variant === 'zod' ? { 'zod/mini': 'zod' } : {}, logLevel: 'error', nodePaths: ['../packages/schemas/node_modules'] })
}
const site = '/tmp/benchreg/site'
const tokens = readdirSync(join(site, 'credentials')).map((f) => readFileSync(join(site, 'credentials', f), 'utf8').trim())
const creds = tokens.map((t) => { const p = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()); for (const k of ['iss','jti','sub','nbf','exp']) delete p[k]; return p })
for (const variant of ['zod-mini', 'zod']) {
  const m = await import(`/tmp/schemas-${variant}.mjs`)
  const ok = creds.every((c) => m.MicroCredential.safeParse(c).success)
  for (let i = 0; i < 3000; i++) m.MicroCredential.safeParse(creds[i % 1000])
  const c = process.cpuUsage()
  for (let i = 0; i < 10000; i++) m.MicroCredential.safeParse(creds[i % 1000])
  const u = process.cpuUsage(c)
  const bad = { ...creds[0], credentialSubject: { ...creds[0].credentialSubject, achievement: { ...creds[0].credentialSubject.achievement, ectsCredits: -1 } } }
  console.log(variant.padEnd(10), ok, ((u.user + u.system) / 10000).toFixed(1), 'µs', JSON.stringify(m.formatSchemaIssues(m.MicroCredential.safeParse(bad).error)).slice(0, 150))
}
