import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/**
 * A data file the Node entry needs at run time (fonts, resvg's WebAssembly). The published package bundles the
 * libraries and copies these files to `dist/assets/` (scripts/copy-assets.mjs), so installing @microcert/core pulls
 * no package for them; in the repository (tests run the sources) they come from the dev dependency `fromPackage`.
 */
export function assetPath(file: string, fromPackage: string): string {
  for (const relative of [`./assets/${file}`, `../assets/${file}`]) {
    const path = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(path)) return path
  }
  return require.resolve(fromPackage)
}
