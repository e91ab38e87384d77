import { cp } from 'node:fs/promises'
import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { bin: 'src/bin.ts', index: 'src/index.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  // The sample courses and learners of `microcert demo` travel with the published package.
  onSuccess: async () => {
    await cp('../../examples/data', 'dist/demo-data', { recursive: true })
  },
})
