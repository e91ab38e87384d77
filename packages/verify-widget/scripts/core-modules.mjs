// esbuild plugin for the split CDN build: each widget module that imports from `@microcert/core` gets exactly the core
// source modules that export the names it imports, instead of core's barrel (src/index.ts). esbuild's code splitting
// gives every file the chunks of everything that reaches it, and through a barrel everything reaches everything: the
// PDF reader would ride in the verifier's chunk, and the verifier in the first load. Names that core re-exports from
// `@microcert/schemas` keep that import.
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const CORE_SRC = fileURLToPath(new URL('../../core/src/', import.meta.url))
const IMPORT = /(?:import|export)\s*(type\s+)?\{([^}]*)\}\s*from\s*['"]@microcert\/core['"]/g
const REEXPORT = /export\s*(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g

/** Value names in a `{ a, b as c, type D }` list (the exported/imported names, not the local aliases). */
function valueNames(list) {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item && !item.startsWith('type '))
    .map((item) => item.split(/\s+as\s+/)[0].trim())
}

/** Where each value export of core's barrel comes from: name → module specifier (absolute path or package). */
async function coreExports() {
  const source = await readFile(join(CORE_SRC, 'index.ts'), 'utf8')
  const origin = new Map()
  for (const [, typeOnly, list, from] of source.matchAll(REEXPORT)) {
    if (typeOnly) continue
    const target = from.startsWith('.') ? join(CORE_SRC, from.replace(/\.js$/, '.ts')) : from
    for (const name of valueNames(list)) origin.set(name, target)
  }
  return origin
}

/** @type {import('esbuild').Plugin} */
export const coreModulesPlugin = {
  name: 'microcert-core-modules',
  setup(build) {
    const origins = coreExports()
    build.onResolve({ filter: /^@microcert\/core$/ }, (args) => {
      if (!/[\\/]verify-widget[\\/]src[\\/]/.test(args.importer)) return undefined
      return { path: args.importer, namespace: 'microcert-core-subset' }
    })
    build.onLoad({ filter: /.*/, namespace: 'microcert-core-subset' }, async (args) => {
      const origin = await origins
      const importer = await readFile(args.path, 'utf8')
      const byModule = new Map()
      for (const [, typeOnly, list] of importer.matchAll(IMPORT)) {
        if (typeOnly) continue
        for (const name of valueNames(list)) {
          const from = origin.get(name)
          if (!from) return { errors: [{ text: `"${name}" is not a value export of @microcert/core (imported by ${args.path})` }] }
          byModule.set(from, (byModule.get(from) ?? new Set()).add(name))
        }
      }
      const contents = [...byModule].map(([from, names]) => `export { ${[...names].join(', ')} } from ${JSON.stringify(from)}`).join('\n')
      return { contents, loader: 'js', resolveDir: dirname(args.path) }
    })
  },
}
