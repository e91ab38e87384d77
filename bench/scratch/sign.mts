import { buildCredential } from '../../packages/core/src/build-credential.ts'
import { signCredential } from '../../packages/core/src/sign-credential.ts'
import { createSigner } from '../../packages/core/src/create-signer.ts'
import { generateKeyPair } from '../../packages/core/src/generate-key-pair.ts'
import { decodeCredential } from '../../packages/core/src/decode-credential.ts'
import { CompactSign, importJWK } from 'jose'
import { issueInput } from '../src/lib/fixtures.ts'
import { interleave } from '../src/lib/interleave.ts'
const alg = (process.env.ALG ?? 'ES256') as 'ES256'
const { privateJwk } = await generateKeyPair(alg)
const signer = await createSigner(privateJwk, { kid: 'did:web:127.0.0.1%3A8999#key-1' })
const key = await importJWK(privateJwk, alg)
const profile = { id: 'did:web:127.0.0.1%3A8999', name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' }
const inputs = Array.from({ length: 1000 }, (_, i) => structuredClone({ ...issueInput(i), issuer: profile }))
const creds = inputs.map((inp, i) => buildCredential(inp as never, { id: `http://x/credentials/MC-${i}` }))
const payloads = await Promise.all(creds.map(async (c) => new TextEncoder().encode(JSON.stringify(decodeCredential(await signCredential(c, signer)).payload))))
let i = 0, j = 0, k = 0
const header = { alg, kid: 'did:web:127.0.0.1%3A8999#key-1', typ: 'JWT' }
const raw = () => new CompactSign(payloads[j++ % 1000]!).setProtectedHeader(header).sign(key)
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!
for (const [name, fn] of [['build+sign', () => { const n = i++ % 1000; return signCredential(buildCredential(inputs[n] as never, { id: `http://x/credentials/MC-${n}` }), signer) }], ['sign', () => signCredential(creds[k++ % 1000]!, signer)]] as const) {
  const r = await interleave(fn, raw, { rounds: 7, ms: 300 })
  console.log(name.padEnd(12), 'ratio', med(r.a.map((x, q) => x / r.b[q]!)).toFixed(3), 'ours µs', (1e6 / med(r.a)).toFixed(1), 'jose µs', (1e6 / med(r.b)).toFixed(1))
}
