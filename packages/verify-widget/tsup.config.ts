import { defineConfig } from 'tsup'

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
  // One self-contained file for a <script type="module"> tag, no build step on the host site. Languages other than
  // English are split into microcert-verify-i18n/*.js beside it and loaded on demand, relative to the main file;
  // a page whose host copied only the main file stays in English.
  {
    entry: { 'microcert-verify': 'src/define.ts' },
    format: ['esm'],
    noExternal: [/.*/],
    splitting: true,
    minify: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'browser',
    esbuildOptions(options) {
      options.conditions = ['source', 'browser', 'import']
      options.legalComments = 'none'
      options.chunkNames = 'microcert-verify-i18n/[name]-[hash]'
    },
  },
])
