// Batch issue throughput of the Node issuer store (build + sign + durable store writes) beside raw jose signing
// of the same payload in the same run, and the peak RSS of a large batch (child process; 100,000 rows with BENCH_LARGE=1).
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

const N = Number(process.env['BENCH_BATCH_ROWS'] ?? 3000)
const ISSUER = { did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts' }

export async function run(): Promise<void> {
  console.log(`batch of ${N.toLocaleString('en')} rows (credentials/s; store = build + sign + fsync'd store writes)`)
  console.log(`${'alg'.padEnd(6)} ${'store'.padStart(8)} ${'build+sign'.padStart(11)} ${'raw jose'.padStart(9)} ${'store/raw'.padStart(10)}  target ≥ 3,000/s`)
  for (const alg of ['ES256', 'EdDSA'] as const) {
    const root = mkdtempSync(join(tmpdir(), 'microcert-bench-'))
    try {
      const issuer = await createIssuer(join(root, 'store'), { ...ISSUER, alg })
      const rows = Array.from({ length: N }, (_, i) => ({ rowKey: `r${i}`, input: courseInput(i) }))
      await issuer.issueBatch(rows.slice(0, 200).map((r) => ({ ...r, rowKey: `warm-${r.rowKey}` })), { collect: false })
      let start = performance.now()
      const report = await issuer.issueBatch(rows, { collect: false })
      const store = (report.counts.issued * 1000) / (performance.now() - start)
      await issuer.close()

      const { privateJwk } = await generateKeyPair(alg)
      const signer = await createSigner(privateJwk, { kid: `${ISSUER.did}#key-1` })
      const profile = { id: ISSUER.did, name: ISSUER.name, country: ISSUER.country }
      const options = (i: number) => ({ id: `${ISSUER.url}/credentials/MC-${i}`, now: new Date() })
      start = performance.now()
      for (let i = 0; i < N; i++) await signCredential(buildCredential({ ...courseInput(i), issuer: profile } as never, options(i)), signer)
      const buildSign = (N * 1000) / (performance.now() - start)

      const key = await importJWK(privateJwk, alg)
      const payload = new TextEncoder().encode(
        JSON.stringify(buildCredential({ ...courseInput(1), issuer: profile } as never, options(1))),
      )
      start = performance.now()
      for (let i = 0; i < N; i++) await new CompactSign(payload).setProtectedHeader({ alg, kid: `${ISSUER.did}#key-1`, typ: 'JWT' }).sign(key)
      const raw = (N * 1000) / (performance.now() - start)
      console.log(
        `${alg.padEnd(6)} ${store.toFixed(0).padStart(8)} ${buildSign.toFixed(0).padStart(11)} ${raw.toFixed(0).padStart(9)} ${`${((store / raw) * 100).toFixed(0)}%`.padStart(10)}  ${store >= 3000 ? 'met' : 'NOT met'}`,
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  const large = process.env['BENCH_LARGE'] === '1' ? 100_000 : 10_000
  const child = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', new URL('./issue-rss.ts', import.meta.url).pathname, String(large)], {
    encoding: 'utf8',
  })
  console.log(child.stdout.trim() || child.stderr.trim())
  if (large < 100_000) console.log('(set BENCH_LARGE=1 for the 100,000-row batch)')
}
