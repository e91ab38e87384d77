import { basename } from 'node:path'
import { defineConfig } from 'tsup'
import type { Plugin } from 'esbuild'
import { browserFieldPlugin } from '../core/scripts/browser-field-plugin.mjs'
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs'

const LANGUAGES = ['cs', 'sk', 'de', 'pl', 'fr', 'es', 'it']

// In the CDN file, `import('../i18n/cs.js')` becomes `import('./microcert-verify-i18n/cs.js')`: each language is a
// separate file beside microcert-verify.js, loaded relative to it, and the main file imports nothing.
const languageFiles: Plugin = {
  name: 'microcert-language-files',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/i18n\/[a-z]{2}\.js$/ }, (args) => {
      const lang = basename(args.path, '.js')
      return LANGUAGES.includes(lang) ? { path: `./microcert-verify-i18n/${lang}.js`, external: true } : undefined
    })
  },
}

// CDN files: esbuild minifies (and tree-shakes) first, then terser's second pass takes about 2.5 % more off the
// gzipped size (it folds what esbuild leaves, e.g. repeated property reads). Only safe compress options.
// Core loads some parts only when an input needs them (Data Integrity, SD-JWT, PDF, other issuers' key forms). The CDN
// build keeps them out of microcert-verify.js: each is a self-contained file in microcert-verify-chunks/, loaded
// relative to the file that imports it. A host that copies only microcert-verify.js gets "could not check here"
// (ERR_PROOF_UNSUPPORTED) for those inputs, never "not authentic".
const CORE_LAZY_PARTS: Record<string, string> = {
  'verify-foreign-jws': 'foreign-jws',
  'fetch-controller-document': 'issuer-profile',
  'verify-embedded-proof': 'data-integrity',
  'verify-presentation': 'sd-jwt-presentation',
  'verify-pdf': 'pdf',
  'extract-attached-credential': 'pdf-reader',
}
const CHUNKS = 'microcert-verify-chunks'
const coreLazyParts = (from: string): Plugin => ({
  name: 'microcert-core-lazy-parts',
  setup(build) {
    const lazy = new RegExp(`(?:^|/)(${Object.keys(CORE_LAZY_PARTS).join('|')})\\.js$`)
    build.onResolve({ filter: lazy }, (args) =>
      args.kind === 'dynamic-import' ? { path: `${from}${CORE_LAZY_PARTS[lazy.exec(args.path)![1]!]}.js`, external: true } : undefined,
    )
  },
})
const coreLazyEntries = Object.fromEntries(
  Object.entries(CORE_LAZY_PARTS).map(([module, file]) => [
    `${CHUNKS}/${file}`,
    `../core/src/lib/${module === 'extract-attached-credential' ? 'pdf/' : ''}${module}.ts`,
  ]),
)

const cdn = {
  format: ['esm'] as const,
  splitting: false,
  noExternal: [/.*/],
  minify: 'terser' as const,
  terserOptions: { ecma: 2020 as const, module: true, compress: { passes: 3 } },
  sourcemap: false,
  target: 'es2022',
  platform: 'browser' as const,
  esbuildOptions(options: { conditions?: string[]; legalComments?: string; minify?: boolean }) {
    options.conditions = ['source', 'browser', 'import']
    options.legalComments = 'none'
    // tsup turns esbuild's minifier off when `minify: 'terser'`; run both.
    options.minify = true
  },
}

export default defineConfig([
  // npm build: lit and @microcert/core stay external dependencies; each language is its own chunk.
  {
    entry: { index: 'src/index.ts', define: 'src/define.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
  },
  // One self-contained file for a <script type="module"> tag, no build step on the host site.
  { ...cdn, entry: { 'microcert-verify': 'src/define.ts' }, esbuildPlugins: [languageFiles, coreLazyParts(`./${CHUNKS}/`), minifyTemplatesPlugin] },
  // Core's lazy parts; the base64url-universal plugin gives the Data Integrity code its browser build (no Buffer).
  { ...cdn, entry: coreLazyEntries, esbuildPlugins: [coreLazyParts('./'), browserFieldPlugin] },
  // Its language files (a page whose host copied only the main file simply stays in English).
  { ...cdn, entry: Object.fromEntries(LANGUAGES.map((lang) => [`microcert-verify-i18n/${lang}`, `src/i18n/${lang}.ts`])) },
])
