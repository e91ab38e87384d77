import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MicroCredential } from '../../packages/schemas/src/index.ts'
import { parseCompactJws } from '../../packages/core/src/lib/jws.ts'
import { decodeBase64url } from '../../packages/core/src/lib/base64url.ts'
import { compactVerify, importJWK } from 'jose'
const site = '/tmp/benchreg/site'
const tokens = readdirSync(join(site, 'credentials')).map((f) => readFileSync(join(site, 'credentials', f), 'utf8').trim())
const did = JSON.parse(readFileSync(join(site, '.well-known/did.json'), 'utf8'))
const key = await importJWK(did.verificationMethod[0].publicKeyJwk, 'ES256')
const creds = tokens.map((t) => { const p = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()); for (const k of ['iss','jti','sub','nbf','exp']) delete p[k]; return p })
async function time(name: string, fn: (i: number) => unknown, n = 5000) {
  for (let i = 0; i < 1000; i++) await fn(i % 1000)
  const c = process.cpuUsage()
  for (let i = 0; i < n; i++) await fn(i % 1000)
  const u = process.cpuUsage(c)
  console.log(name.padEnd(44), ((u.user + u.system) / n).toFixed(1), 'µs')
}
await time('jose compactVerify', (i) => compactVerify(tokens[i]!, key))
await time('MicroCredential.safeParse', (i) => MicroCredential.safeParse(creds[i]))
await time('parseCompactJws (ours: b64 + utf8 + JSON + walk)', (i) => parseCompactJws(tokens[i]!))
await time('lib decodeBase64url payload', (i) => decodeBase64url(tokens[i]!.split('.')[1]!))
await time('Buffer.from base64url payload', (i) => Buffer.from(tokens[i]!.split('.')[1]!, 'base64url'))
await time('JSON.parse payload text', (i) => JSON.parse(JSON.stringify(creds[i])))
