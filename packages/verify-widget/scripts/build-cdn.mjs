#!/usr/bin/env node
// The CDN build: what a page loads with one <script type="module"> tag and no build step of its own.
//
//   dist/microcert-verify.js             the first load: the element, Lit, styles, the inline English lines (≤ 20 KB gzip)
//   dist/microcert-verify-chunks/        the verifier (engine-<hash>.js: core's pipeline, jose, the schemas), fetched as
//                                        soon as an element connects, and core's lazy parts beside it (pdf-reader.js,
//                                        data-integrity.js…), which core loads only for the inputs that need them
//                                        sd-jwt-details.js, the element's view of a wallet's presentation, is one too
//   dist/microcert-verify-i18n/<lang>.js one file per language (English too), fetched for the page's language
//   dist/microcert-verify-all.js         everything in one file: element, verifier, every format and language (for a
//                                        CMS that takes one file only)
//
// Every file loads the next relative to itself (`import.meta.url`), so the set works from any host or CDN. Each file is a
// bundle of its own, without esbuild's code splitting: its shared chunks would put requests in front of the first load
// and split the verifier into a dozen files. microcert-verify.js reaches core only through the verifier's file.
// esbuild minifies and tree-shakes; terser's second pass takes a further ~2.5 % off the gzipped size.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { minify } from 'terser'
import { browserFieldPlugin } from '../../core/scripts/browser-field-plugin.mjs'
import { minifyTemplatesPlugin } from './minify-templates.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const CHUNKS = 'microcert-verify-chunks'
const I18N = 'microcert-verify-i18n'
const LANGUAGES = readdirSync(join(root, 'src/i18n'))
  .filter((file) => /^[a-z]{2}\.ts$/.test(file))
  .map((file) => basename(file, '.ts'))

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  conditions: ['source', 'browser', 'import'],
  legalComments: 'none',
  minify: true,
  write: false,
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
}

/** Terser over esbuild's output, then written; returns the written paths relative to dist. */
async function writeOutputs(result) {
  const written = []
  for (const file of result.outputFiles) {
    const { code } = await minify(file.text, { ecma: 2020, module: true, compress: { passes: 3 } })
    mkdirSync(dirname(file.path), { recursive: true })
    writeFileSync(file.path, code)
    written.push(relative(dist, file.path))
  }
  return written
}

/** Marks `./lib/<name>.js` imports as external, pointing at `target` (relative to the importing output file). */
function externalModule(name, target) {
  return {
    name: `microcert-external-${name}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^\\./${name}\\.js$`) }, () => ({ path: target, external: true }))
    },
  }
}

// Languages: `import('../i18n/cs.js')` in src/lib/i18n.ts becomes `import('./microcert-verify-i18n/cs.js')`.
const languageFiles = {
  name: 'microcert-language-files',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/i18n\/[a-z]{2}\.js$/ }, (args) => {
      const lang = basename(args.path, '.js')
      return LANGUAGES.includes(lang) ? { path: `./${I18N}/${lang}.js`, external: true } : undefined
    })
  },
}

/**
 * The parts `@microcert/core` imports lazily (`loadChunk(() => import(…))`), by module, and the file each becomes in
 * microcert-verify-chunks/. Each is self-contained: a verification of microcert's own VC-JWT loads none of them, and
 * the verifier stays one file. A host that lacks one answers "could not check here" for such an input, never "not
 * authentic" (core's `loadChunk`).
 */
const CORE_LAZY_PARTS = {
  'verify-foreign-jws': 'foreign-jws',
  'fetch-controller-document': 'issuer-profile',
  'verify-embedded-proof': 'data-integrity',
  'verify-presentation': 'sd-jwt-presentation',
  'verify-pdf': 'pdf',
  'extract-attached-credential': 'pdf-reader',
  // The schemas (Zod): only for a credential core's quick check is not sure about, and for trust lists.
  'check-schema-fully': 'schema',
  'load-trust-list': 'trust-list',
}

/** Leaves core's lazy imports to the browser: `import('./lib/verify-pdf.js')` becomes `import('<from>pdf.js')`. */
function coreLazyParts(from) {
  const lazy = new RegExp(`(?:^|/)(${Object.keys(CORE_LAZY_PARTS).join('|')})\\.js$`)
  return {
    name: 'microcert-core-lazy-parts',
    setup(b) {
      b.onResolve({ filter: lazy }, (args) =>
        args.kind === 'dynamic-import' ? { path: `${from}${CORE_LAZY_PARTS[lazy.exec(args.path)[1]]}.js`, external: true } : undefined,
      )
    },
  }
}

for (const folder of [CHUNKS, I18N]) rmSync(join(dist, folder), { recursive: true, force: true })

// 1. Core's lazy parts (the Data Integrity stack gets the browser build of base64url-universal).
await writeOutputs(
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(CORE_LAZY_PARTS).map(([module, file]) => [
        `${CHUNKS}/${file}`,
        `../core/src/lib/${module === 'extract-attached-credential' ? 'pdf/' : ''}${module}.ts`,
      ]),
    ),
    outdir: dist,
    plugins: [coreLazyParts('./'), browserFieldPlugin],
  }),
)

// 2. The verifier, one file, content-hashed (a new version is never served from an old cache).
const engine = await build({
  ...common,
  entryPoints: { engine: 'src/lib/engine.ts' },
  outdir: join(dist, CHUNKS),
  entryNames: '[name]-[hash]',
  plugins: [coreLazyParts('./'), minifyTemplatesPlugin],
})
await writeOutputs(engine)
const engineFile = `./${CHUNKS}/${basename(Object.keys(engine.metafile.outputs)[0])}`

// 3. The view of wallet presentations (only for an SD-JWT VC presentation), then the first load.
const presentationFile = `./${CHUNKS}/sd-jwt-details.js`
await writeOutputs(
  await build({ ...common, entryPoints: { [presentationFile.slice(2, -3)]: 'src/lib/presentation-details.ts' }, outdir: dist }),
)
await writeOutputs(
  await build({
    ...common,
    entryPoints: { 'microcert-verify': 'src/cdn.ts' },
    outdir: dist,
    plugins: [externalModule('engine', engineFile), externalModule('presentation-details', presentationFile), languageFiles, minifyTemplatesPlugin],
  }),
)

// 4. The language files, and the all-in-one file (every format too: it requests nothing).
await writeOutputs(
  await build({
    ...common,
    entryPoints: Object.fromEntries(LANGUAGES.map((lang) => [`${I18N}/${lang}`, `src/i18n/${lang}.ts`])),
    outdir: dist,
  }),
)
await writeOutputs(
  await build({
    ...common,
    entryPoints: { 'microcert-verify-all': 'src/define-all.ts' },
    outdir: dist,
    plugins: [browserFieldPlugin, minifyTemplatesPlugin],
  }),
)
