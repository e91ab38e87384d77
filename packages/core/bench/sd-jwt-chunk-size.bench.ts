// Size of the SD-JWT VC verifier as the widget will load it: a browser build (esbuild, minified, ESM) of
// `verifySdJwtVc` alone, and the same code as a lazy chunk split off a page that already has `verifyCredential`
// (what the widget's main bundle carries). A report, not a test.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type BuildOptions } from 'esbuild'

const core = new URL('..', import.meta.url).pathname
const sizes = (bytes: Uint8Array) => ({ min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length })
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'microcert-sd-jwt-size-'))
  try {
    const options: BuildOptions = { bundle: true, minify: true, format: 'esm', platform: 'browser', conditions: ['source'], logLevel: 'error', nodePaths: [join(core, 'node_modules')] }
    writeFileSync(join(dir, 'alone.ts'), `export { verifySdJwtVc } from '${core}src/sd-jwt/index.ts'\n`)
    const alone = await build({ ...options, entryPoints: [join(dir, 'alone.ts')], write: false })
    const standalone = sizes(alone.outputFiles![0]!.contents)

    writeFileSync(join(dir, 'page.ts'), `export { verifyCredential } from '${core}src/index.ts'\nexport const loadSdJwt = () => import('./sd-jwt-lazy.ts')\n`)
    writeFileSync(join(dir, 'sd-jwt-lazy.ts'), `export { verifySdJwtVc } from '${core}src/sd-jwt/index.ts'\n`)
    await build({ ...options, entryPoints: [join(dir, 'page.ts')], splitting: true, outdir: join(dir, 'out') })
    const chunkFile = readdirSync(join(dir, 'out')).find((name) => name.startsWith('sd-jwt-lazy-'))
    const lazy = chunkFile === undefined ? undefined : sizes(readFileSync(join(dir, 'out', chunkFile)))

    console.log(`verifySdJwtVc alone (browser, min)      ${kb(standalone.min)}  min+gzip ${kb(standalone.gzip)}`)
    if (lazy !== undefined) console.log(`lazy chunk beside verifyCredential        ${kb(lazy.min)}  min+gzip ${kb(lazy.gzip)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
