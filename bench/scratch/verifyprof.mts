import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMemoryCache, verifyCredential } from '../../packages/core/src/index.ts'
const site = '/tmp/benchreg/site'
const tokens = readdirSync(join(site, 'credentials')).map((f) => readFileSync(join(site, 'credentials', f), 'utf8').trim())
const files = new Map<string, string>()
files.set('/.well-known/did.json', readFileSync(join(site, '.well-known', 'did.json'), 'utf8'))
for (const f of readdirSync(join(site, 'status'))) files.set(`/status/${f}`, readFileSync(join(site, 'status', f), 'utf8'))
const fetchFn = (async (input: any) => new Response(files.get(new URL(String(input)).pathname) ?? '', { status: files.has(new URL(String(input)).pathname) ? 200 : 404 })) as typeof fetch
const options = { fetch: fetchFn, cache: createMemoryCache(), allowInsecureLocalhost: true, trustedIssuers: ['did:web:127.0.0.1%3A8999'] }
const N = Number(process.env.N ?? 20000)
const t = performance.now()
for (let i = 0; i < N; i++) { const r = await verifyCredential(tokens[i % tokens.length]!, options); if (!r.verified) throw new Error('x') }
console.log(((performance.now() - t) * 1000 / N).toFixed(1), 'µs/verify')
