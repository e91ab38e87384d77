import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The EU extension JSON Schema is generated from the built Zod schemas, so it can never drift from them.
  onSuccess: 'node scripts/write-json-schema.mjs',
})
