import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'

// Debian's Chromium by default; CHROME_PATH points the tests at another Chrome.
const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const args = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
]
// Each run saves a PNG of every state into test-results/screenshots/ (ignored by git); UPDATE_SCREENSHOTS=1 writes
// them into docs/screenshots/ instead, the copies the README shows, so a plain test run leaves the tree clean.
const screenshotDir = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? './docs/screenshots/' : './test-results/screenshots/', import.meta.url),
)

/**
 * A tiny in-memory static host for registry fixtures (DID documents, credentials, status lists) that the
 * browser tests sign themselves and upload with PUT. Real HTTP: GET /fx/<path> serves what was PUT there
 * (with CORS headers like a published registry); /dead/<anything> drops the connection (an unreachable host).
 */
function fixtureRegistry() {
  const files = new Map()
  return async (ctx, next) => {
    const path = ctx.path
    // The built widget is served like a CDN serves it: readable from any origin (test/cdn-build.test.ts loads it cross-origin).
    if (path.startsWith('/dist/')) ctx.set('Access-Control-Allow-Origin', '*')
    if (path.startsWith('/dead/')) {
      ctx.req.socket.destroy()
      return
    }
    if (!path.startsWith('/fx/')) return next()
    if (ctx.method === 'PUT') {
      const chunks = []
      for await (const chunk of ctx.req) chunks.push(chunk)
      files.set(path, { body: Buffer.concat(chunks), type: ctx.get('content-type') || 'application/octet-stream' })
      ctx.status = 204
      return
    }
    ctx.set('Access-Control-Allow-Origin', '*')
    const file = files.get(path)
    if (ctx.method !== 'GET' || !file) {
      ctx.status = 404
      ctx.body = 'not found'
      return
    }
    ctx.set('Cache-Control', 'no-store')
    ctx.type = file.type
    ctx.body = file.body
  }
}

/** `executeServerCommand('save-screenshot', { selector, name })`: a PNG of one element into docs/screenshots/. */
function screenshotPlugin() {
  return {
    name: 'microcert-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined
      const page = session.browser.getPage(session.id)
      const handle = await page.$(payload.selector)
      if (!handle) throw new Error(`no element matches ${payload.selector}`)
      await mkdir(screenshotDir, { recursive: true })
      await handle.screenshot({ path: `${screenshotDir}${payload.name.replace(/[^a-z0-9-]/gi, '')}.png` })
      return true
    },
  }
}

/**
 * `executeServerCommand('make-pdf', payload)` → the bytes of a real PDF, base64: `{ certificate: jwt }` renders the
 * product's certificate (`renderCertificatePdf` of the built `@microcert/core/node`, the credential attached inside);
 * `{ attachments: [{ name, data }] }` writes a plain PDF with those embedded files (none: a PDF without a credential).
 */
function pdfPlugin() {
  return {
    name: 'microcert-pdf',
    async executeCommand({ command, payload }) {
      if (command !== 'make-pdf') return undefined
      if (payload.certificate) {
        const { renderCertificatePdf } = await import('@microcert/core/node')
        return Buffer.from(await renderCertificatePdf(payload.certificate, { languages: 'cs,en' })).toString('base64')
      }
      const { AFRelationship, PDFDocument, StandardFonts } = await import('pdf-lib')
      const pdf = await PDFDocument.create()
      const page = pdf.addPage([595, 842])
      page.drawText('A certificate printed without its digital credential', { x: 50, y: 780, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) })
      for (const file of payload.attachments ?? []) {
        await pdf.attach(new TextEncoder().encode(file.data), file.name, { mimeType: 'application/vc+jwt', afRelationship: AFRelationship.Source })
      }
      return Buffer.from(await pdf.save()).toString('base64')
    },
  }
}

export default {
  files: 'test/**/*.test.ts',
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  middleware: [fixtureRegistry()],
  plugins: [
    // target 'auto': TypeScript is compiled for the running Chromium, and JavaScript files are served as they are, so
    // test/cdn-build.test.ts loads dist/ byte for byte (a fixed target would re-emit every .js file).
    esbuildPlugin({ ts: true, target: 'auto', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    screenshotPlugin(),
    pdfPlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
}
