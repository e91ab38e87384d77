import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

// This module's URL in the ESM build (and the sources), its file in the CommonJS build, where tsup leaves
// `import.meta` empty (its shims would also leak node:path into the browser entry's shared chunks).
const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url
const require = createRequire(here)

/**
 * A data file the Node entry needs at run time (fonts, resvg's WebAssembly). The published package bundles the
 * libraries and copies these files to `dist/assets/` (scripts/copy-assets.mjs), so installing @microcert/core pulls
 * no package for them; in the repository (tests run the sources) they come from the dev dependency `fromPackage`.
 */
export function assetPath(file: string, fromPackage: string): string {
  for (const relative of [`./assets/${file}`, `../assets/${file}`]) {
    const path = fileURLToPath(new URL(relative, here))
    if (existsSync(path)) return path
  }
  return require.resolve(fromPackage)
}
