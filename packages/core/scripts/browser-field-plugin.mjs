// esbuild resolves a package that has an `exports` map without applying the file replacements of its `browser` field.
// base64url-universal (used by Digital Bazaar's Ed25519 key code to read a JWK) declares both, so browser bundles got
// its Node file, which calls `Buffer`: Ed25519 keys written as JWK (JsonWebKey2020 — microcert's own DID documents)
// failed in browsers. This plugin applies the `browser` replacement of the resolved file for such packages. Used by the
// package build (tsup.config.ts), the browser tests (web-test-runner.config.mjs) and any bundler of the sources.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

/** Packages whose `exports` hide the browser build their `browser` field names. */
const PACKAGES = ['base64url-universal']

export const browserFieldPlugin = {
  name: 'microcert-browser-field',
  setup(build) {
    const filter = new RegExp(`^(${PACKAGES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`)
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData?.microcertBrowserField === true) return undefined
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { microcertBrowserField: true } })
      if (resolved.errors.length > 0) return undefined
      let dir = dirname(resolved.path)
      while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== args.path) {
        if (dirname(dir) === dir) return resolved
        dir = dirname(dir)
      }
      const browser = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).browser ?? {}
      const replacement = browser[`./${relative(dir, resolved.path)}`]
      return typeof replacement === 'string' ? { path: join(dir, replacement) } : resolved
    })
  },
}
