import { defineConfig } from 'tsup'

export default defineConfig({
  // npm build: lit and @microcert/core stay external dependencies; the verifier, the PDF reader and each language are
  // chunks a bundler splits off in turn. The CDN files are built by scripts/build-cdn.mjs.
  entry: { index: 'src/index.ts', define: 'src/define.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  splitting: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
})
