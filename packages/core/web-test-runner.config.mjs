import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'
import { build } from 'esbuild'
import { browserFieldPlugin } from './scripts/browser-field-plugin.mjs'

// The verify path of @microcert/core in real Chromium (Debian's by default; CHROME_PATH points at another Chrome).
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  // performance.measureUserAgentSpecificMemory() answers at once instead of after the next scheduled GC.
  '--enable-blink-features=ForceEagerMeasureMemory',
]

/**
 * Real HTTP for the browser tests: PUT /fx/<path> stores a body, GET serves it back. Every response is
 * cross-origin isolated (COOP + COEP), which the memory measurement of the bounds test needs.
 */
function fixtureHost() {
  const files = new Map()
  return async (ctx, next) => {
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin')
    ctx.set('Cross-Origin-Embedder-Policy', 'require-corp')
    if (!ctx.path.startsWith('/fx/')) return next()
    if (ctx.method === 'PUT') {
      const chunks = []
      for await (const chunk of ctx.req) chunks.push(chunk)
      files.set(ctx.path, Buffer.concat(chunks))
      ctx.status = 204
      return
    }
    const body = files.get(ctx.path)
    if (body === undefined) {
      ctx.status = 404
      ctx.body = 'not found'
      return
    }
    ctx.type = 'application/vc+jwt'
    ctx.body = body
  }
}

/**
 * The Data Integrity entry as one browser bundle, as the widget's lazy chunk and the package build ship it: its JSON-LD
 * libraries are CommonJS, which a browser cannot import file by file.
 */
function dataIntegrityBundle() {
  let bundle
  return {
    name: 'microcert-data-integrity-bundle',
    async serve(context) {
      if (context.path !== '/src/data-integrity/index.ts') return undefined
      bundle ??= build({
        entryPoints: [new URL('./src/data-integrity/index.ts', import.meta.url).pathname],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        mainFields: ['browser', 'module', 'main'],
        conditions: ['browser', 'import', 'default'],
        write: false,
        logLevel: 'silent',
        plugins: [browserFieldPlugin],
      }).then((result) => result.outputFiles[0].text)
      return { body: await bundle, type: 'js' }
    },
  }
}

export default {
  files: 'test-browser/**/*.browser.test.ts',
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  middleware: [fixtureHost()],
  plugins: [dataIntegrityBundle(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./test-browser/tsconfig.json', import.meta.url).pathname })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  testFramework: { config: { timeout: 20000 } },
}
