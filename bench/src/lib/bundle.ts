import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Bundles `source` (an ES module) for browsers, minified, as a page would ship it: esbuild, ESM, tree-shaken,
 * resolved from bench/node_modules. Returns the code.
 */
export async function bundleForBrowser(source: string, options: { minify?: boolean } = {}): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: source, resolveDir: BENCH_DIR, loader: 'js' },
    bundle: true,
    minify: options.minify ?? true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  })
  return result.outputFiles[0]!.contents
}
