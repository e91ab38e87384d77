import { defineConfig } from 'tsup'

export default defineConfig([
  // npm build: lit and @microcert/core stay external dependencies.
  {
    entry: { index: 'src/index.ts', define: 'src/define.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
  },
  // One self-contained file for a <script type="module"> tag, no build step on the host site.
  {
    entry: { 'microcert-verify': 'src/define.ts' },
    format: ['esm'],
    noExternal: [/.*/],
    minify: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'browser',
    esbuildOptions(options) {
      options.conditions = ['source', 'browser', 'import']
      options.legalComments = 'none'
    },
  },
])
