import { dirname, resolve } from 'node:path'
import type { Plugin } from 'esbuild'
import { defineConfig } from 'tsup'
import { browserFieldPlugin } from './scripts/browser-field-plugin.mjs'

// The data-integrity entry bundles the Digital Bazaar JSON-LD / Data Integrity stack at build time (tsup bundles every
// package that is not in `dependencies`; those packages are devDependencies), so installing @microcert/core pulls
// none of its ~22 packages (DESIGN §12: at most 15). Their browser builds are used everywhere (WebCrypto and
// @noble/ed25519 instead of node:crypto, no HTTP document loader): one chunk for Node and browsers that imports no
// node:* module and can fetch nothing. Licence headers (/*! */) stay inline; scripts/third-party-licenses.mjs writes
// the full licences beside the chunk.

// The main entries reach Data Integrity only through `import('…/data-integrity/index.js')` when a credential carries an
// embedded proof. In the build that import becomes the package's own subpath, so the JSON-LD stack stays in its one
// chunk (built below, with browser builds) instead of being bundled a second time into the main entries; Node (ESM
// and CommonJS) and bundlers resolve a package's import of its own name through its `exports`.
const dataIntegritySubpath: Plugin = {
  name: 'microcert-data-integrity-subpath',
  setup(build) {
    const entry = resolve('src/data-integrity/index.ts')
    build.onResolve({ filter: /data-integrity\/index\.js$/ }, (args) => {
      const target = resolve(dirname(args.importer), args.path).replace(/\.js$/, '.ts')
      return target === entry && !args.importer.startsWith(dirname(entry)) ? { path: '@microcert/core/data-integrity', external: true } : undefined
    })
  },
}

// No `clean`: the configs build in parallel and one would wipe the other's output; the build script empties dist first.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'sd-jwt/index': 'src/sd-jwt/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    esbuildPlugins: [dataIntegritySubpath],
  },
  {
    entry: { 'data-integrity/index': 'src/data-integrity/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
    // Only the main entry and its subpaths stay external (shared code is imported, not copied).
    external: ['jose', 'zod', '@microcert/schemas'],
    esbuildPlugins: [browserFieldPlugin],
    esbuildOptions(options) {
      options.mainFields = ['browser', 'module', 'main']
      options.conditions = ['browser', 'import', 'default']
      options.legalComments = 'inline'
      // The browser builds reach WebCrypto through `self`; `globalThis` is the same object in browsers and exists in Node.
      options.define = { ...options.define, self: 'globalThis' }
    },
  },
])
