#!/usr/bin/env node
// The CDN build: what a page loads with one <script type="module"> tag and no build step of its own.
//
//   dist/microcert-verify.js            the first load: the element, Lit, styles, the inline English lines (≤ 20 KB gzip)
//   dist/microcert-verify-chunks/*.js   the verifier (core, jose, the schemas) and its lazy parts (the PDF reader…),
//                                       content-hashed, fetched as soon as an element connects
//   dist/microcert-verify-i18n/<lang>.js one file per language (English too), fetched for the page's language
//   dist/microcert-verify-all.js        everything in one file, every language inlined (for a CMS that takes one file)
//
// Every file loads the next relative to itself (`import.meta.url`), so the set works from any host or CDN. The
// verifier is built first and on its own: microcert-verify.js shares no code with it, so the first load is one file
// (esbuild's code splitting would put a shared runtime chunk in front of it). The verifier's own static imports (code
// it shares with its lazy parts) are passed to microcert-verify.js, which fetches them in parallel with it.
// esbuild minifies and tree-shakes; terser's second pass takes a further ~2.5 % off the gzipped size.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { minify } from 'terser'
import { coreModulesPlugin } from './core-modules.mjs'
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

for (const folder of [CHUNKS, I18N]) rmSync(join(dist, folder), { recursive: true, force: true })

// 1. The verifier, split where it imports lazily.
const engine = await build({
  ...common,
  entryPoints: { engine: 'src/lib/engine.ts' },
  outdir: join(dist, CHUNKS),
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  plugins: [coreModulesPlugin, minifyTemplatesPlugin],
})
await writeOutputs(engine)
const [engineOut, engineMeta] = Object.entries(engine.metafile.outputs).find(([, meta]) => meta.entryPoint === 'src/lib/engine.ts')
const engineFile = `./${CHUNKS}/${basename(engineOut)}`
const engineDeps = engineMeta.imports.filter((i) => i.kind === 'import-statement').map((i) => `./${CHUNKS}/${basename(i.path)}`)

// 2. The first load.
await writeOutputs(
  await build({
    ...common,
    entryPoints: { 'microcert-verify': 'src/define.ts' },
    outdir: dist,
    define: { __MICROCERT_ENGINE_DEPS__: JSON.stringify(engineDeps) },
    plugins: [externalModule('engine', engineFile), languageFiles, minifyTemplatesPlugin],
  }),
)

// 3. The language files, and the all-in-one file.
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
    plugins: [minifyTemplatesPlugin],
  }),
)
