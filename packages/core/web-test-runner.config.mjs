import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'

// The verify path of @microcert/core in real Chromium (Debian's by default; CHROME_PATH points at another Chrome).
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]

export default {
  files: 'test-browser/**/*.browser.test.ts',
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./test-browser/tsconfig.json', import.meta.url).pathname })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
}
