import { build } from 'esbuild'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measureWidget, type WidgetSize } from './widget-size.js'

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

/**
 * Bundles a page (`mainSource`) that loads `lazySource` with a dynamic import(), with code splitting, into `dir`, and
 * measures it like the widget: the page's first load and the lazy chunk(s) it fetches on first use.
 */
export async function bundleWithLazyChunk(dir: string, mainSource: string, lazySource: string): Promise<WidgetSize> {
  writeFileSync(join(dir, 'page.js'), `${mainSource}\nexport const load = () => import('./lazy.js')\n`)
  writeFileSync(join(dir, 'lazy.js'), `${lazySource}\n`)
  await build({
    entryPoints: [join(dir, 'page.js')],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: join(dir, 'out'),
    // From the packages' sources, as the widget's CDN build bundles them (the dist files carry tsup's own chunks).
    conditions: ['source'],
    nodePaths: [join(BENCH_DIR, 'node_modules')],
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  })
  return measureWidget(join(dir, 'out'), 'page.js')
}
