import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // import.meta.url (font and WebAssembly files are found relative to the module) also in the CommonJS build
  shims: true,
})
