// Batch issue throughput of the Node issuer store (build + sign + fsync'd store writes) beside building + signing
// without a store and raw jose CompactSign of the same payload, interleaved round by round so all three see the same
// machine load. Peak RSS of a large batch runs in a child process (100,000 rows with BENCH_LARGE=1, else 10,000).
// For the "one core" figure of DESIGN §12 run it pinned: `taskset -c 0 pnpm --dir packages/core bench`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CompactSign, importJWK } from 'jose'
import { buildCredential } from '../src/build-credential.js'
import { createSigner } from '../src/create-signer.js'
import { generateKeyPair } from '../src/generate-key-pair.js'
import { createIssuer } from '../src/node/index.js'
import { signCredential } from '../src/sign-credential.js'
import { courseInput } from '../test/node/helpers.js'

const ROUND = Number(process.env['BENCH_BATCH_ROWS'] ?? 1000)
const ROUNDS = 5
const ISSUER = { did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts' }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const perSecond = async (n: number, fn: () => Promise<unknown>) => {
  const start = performance.now()
  await fn()
  return (n * 1000) / (performance.now() - start)
}

export async function run(): Promise<void> {
  console.log(`batch issue, ${ROUNDS} interleaved rounds of ${ROUND.toLocaleString('en')} rows, medians (credentials/s)`)
  console.log(`${'alg'.padEnd(6)} ${'store'.padStart(8)} ${'build+sign'.padStart(11)} ${'raw jose'.padStart(9)} ${'store/raw'.padStart(10)}  target: store ≥ 3,000/s`)
  for (const alg of ['ES256', 'EdDSA'] as const) {
    const root = mkdtempSync(join(tmpdir(), 'microcert-bench-'))
    try {
      const issuer = await createIssuer(join(root, 'store'), { ...ISSUER, alg })
      const { privateJwk } = await generateKeyPair(alg)
      const signer = await createSigner(privateJwk, { kid: `${ISSUER.did}#key-1` })
      const key = await importJWK(privateJwk, alg)
      const profile = { id: ISSUER.did, name: ISSUER.name, country: ISSUER.country }
      const options = (i: number) => ({ id: `${ISSUER.url}/credentials/MC-${i}`, now: new Date() })
      const payload = new TextEncoder().encode(JSON.stringify(buildCredential({ ...courseInput(1), issuer: profile } as never, options(1))))
      const header = { alg, kid: `${ISSUER.did}#key-1`, typ: 'JWT' }

      let next = 0
      const rows = (n: number) => Array.from({ length: n }, () => ({ rowKey: `r${next}`, input: courseInput(next++) }))
      const store = () => issuer.issueBatch(rows(ROUND), { collect: false })
      const buildSign = async () => {
        for (let i = 0; i < ROUND; i++) await signCredential(buildCredential({ ...courseInput(i), issuer: profile } as never, options(i)), signer)
      }
      const raw = async () => {
        for (let i = 0; i < ROUND; i++) await new CompactSign(payload).setProtectedHeader(header).sign(key)
      }
      await store()
      await buildSign()
      await raw()
      const s: number[] = []
      const b: number[] = []
      const r: number[] = []
      for (let round = 0; round < ROUNDS; round++) {
        s.push(await perSecond(ROUND, store))
        b.push(await perSecond(ROUND, buildSign))
        r.push(await perSecond(ROUND, raw))
      }
      await issuer.close()
      const ratio = median(s.map((v, i) => v / r[i]!))
      console.log(
        `${alg.padEnd(6)} ${median(s).toFixed(0).padStart(8)} ${median(b).toFixed(0).padStart(11)} ${median(r).toFixed(0).padStart(9)} ${`${(ratio * 100).toFixed(0)}%`.padStart(10)}  ${median(s) >= 3000 ? 'met' : 'NOT met'}`,
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  const large = process.env['BENCH_LARGE'] === '1' ? 100_000 : 10_000
  const child = spawnSync(process.execPath, ['--expose-gc', '--conditions=source', '--import', 'tsx', new URL('./issue-rss.ts', import.meta.url).pathname, String(large)], {
    encoding: 'utf8',
  })
  console.log(child.stdout.trim() || child.stderr.trim())
  if (large < 100_000) console.log('(set BENCH_LARGE=1 for the 100,000-row batch)')
}
