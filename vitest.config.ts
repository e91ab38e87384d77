import { defineConfig } from 'vitest/config'

// Read sibling packages from src/ (the "source" export condition), so tests need no build first.
const conditions = ['source', 'module', 'node', 'development|production']

// The widget is tested in real Chromium by @web/test-runner, not here.
const nodePackages = ['schemas', 'core', 'openid4vci', 'cli']

export default defineConfig({
  ssr: { resolve: { conditions } },
  resolve: { conditions },
  test: {
    projects: nodePackages.map((name) => ({
      extends: true,
      test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'] },
    })),
  },
})
