// What the widget's CDN build weighs: the main file, what it imports statically (loaded before the first
// verification) and what it imports dynamically (loaded on demand), each minified + gzip -9. Shared by
// `pnpm bench` and the CI size step.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { REPO } from './fixtures.js'

export const WIDGET_DIST = join(REPO, 'packages/verify-widget/dist')
export const WIDGET_MAIN = 'microcert-verify.js'

/**
 * Lazy chunks that a VC-JWT verification of microcert's own credentials never loads (nor what only they import): the
 * other credential formats (Data Integrity, SD-JWT presentations, PDF certificates), core's code for other issuers'
 * JWS forms and https issuer profiles, the schemas (Zod: only for a credential core's quick check is not sure about,
 * never one microcert issues — core's test/verify-credential-schema-paths.test.ts — and the trust-list code, only on
 * a page that sets a trust list), and the language files but one — English, which an English page loads like any
 * other language file, so it is counted.
 */
export const NOT_FOR_VC_JWT = [
  /^microcert-verify-i18n\/(?!en\.js$)/,
  /data-integrity|(^|[/-])di[-.]|pdf|sd-jwt|foreign-jws|issuer-profile|(^|\/)schema\.js$|trust-list/i,
]

export interface ChunkSize {
  /** Path relative to the dist folder. */
  file: string
  minBytes: number
  gzipBytes: number
  brotliBytes: number
  /** 'main' | 'static' (imported by main, loaded before the first verification) | 'lazy' (dynamic import). */
  load: 'main' | 'static' | 'lazy'
}

export interface WidgetSize {
  chunks: ChunkSize[]
  /** main + its static imports, gzip bytes. */
  firstLoadGzip: number
  /** first load + the lazy chunks a VC-JWT verification in English loads (see NOT_FOR_VC_JWT), gzip bytes. */
  vcJwtGzip: number
}

export function compressedSizes(bytes: Uint8Array): { minBytes: number; gzipBytes: number; brotliBytes: number } {
  return { minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, brotliBytes: brotliCompressSync(bytes).length }
}

const STATIC_IMPORT = /(?:^|[;}\s)])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g

function importsOf(code: string, pattern: RegExp): string[] {
  return [...code.matchAll(pattern)].map((m) => m[1]!)
}

/** Sizes of the widget's CDN build in `dist` (throws when it is not built), or of any ESM build's `main` file. */
export function measureWidget(dist = WIDGET_DIST, main = WIDGET_MAIN): WidgetSize {
  const mainPath = join(dist, main)
  if (!existsSync(mainPath)) throw new Error(`${relative(REPO, mainPath)} is missing: run "pnpm build" first`)
  const seen = new Map<string, ChunkSize>()
  const visit = (path: string, load: ChunkSize['load']): void => {
    const file = relative(dist, path)
    const known = seen.get(file)
    // A chunk both imported statically and lazily is loaded up front.
    if (known !== undefined) {
      if (load !== 'lazy' && known.load === 'lazy') known.load = load
      return
    }
    const bytes = readFileSync(path)
    seen.set(file, { file, ...compressedSizes(bytes), load })
    const code = bytes.toString('utf8')
    for (const target of importsOf(code, STATIC_IMPORT)) visit(join(dirname(path), target), load === 'lazy' ? 'lazy' : 'static')
    for (const target of importsOf(code, DYNAMIC_IMPORT)) visit(join(dirname(path), target), 'lazy')
  }
  visit(mainPath, 'main')
  const chunks = [...seen.values()]
  const firstLoadGzip = chunks.filter((c) => c.load !== 'lazy').reduce((n, c) => n + c.gzipBytes, 0)
  // What a VC-JWT verification loads: everything reachable from the main file, but no lazy chunk of NOT_FOR_VC_JWT —
  // nor the chunks only such a chunk imports.
  const forVcJwt = new Set<string>()
  const follow = (path: string): void => {
    const file = relative(dist, path)
    if (forVcJwt.has(file)) return
    forVcJwt.add(file)
    const code = readFileSync(path, 'utf8')
    for (const target of importsOf(code, STATIC_IMPORT)) follow(join(dirname(path), target))
    for (const target of importsOf(code, DYNAMIC_IMPORT)) {
      if (!NOT_FOR_VC_JWT.some((p) => p.test(relative(dist, join(dirname(path), target))))) follow(join(dirname(path), target))
    }
  }
  follow(mainPath)
  const vcJwtGzip = chunks.filter((c) => forVcJwt.has(c.file)).reduce((n, c) => n + c.gzipBytes, 0)
  return { chunks, firstLoadGzip, vcJwtGzip }
}
