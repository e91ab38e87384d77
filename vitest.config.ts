import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Read sibling packages from src/ (the "source" export condition), so tests need no build first.
const conditions = ['source', 'module', 'node', 'development|production']

// The widget is tested in real Chromium by @web/test-runner, not here.
const nodePackages = ['schemas', 'core', 'openid4vci', 'cli']

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    // PostgreSQL store tests share one throwaway cluster, started by the first test that needs it and stopped here.
    globalSetup: [fileURLToPath(new URL('./packages/core/test/node/pg/global-setup.ts', import.meta.url))],
    projects: nodePackages.map((name) => ({
      extends: true,
      test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'] },
    })),
  },
})
