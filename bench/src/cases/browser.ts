import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { BUDGETS } from '../budgets.js'
import { timeBudget, type BenchCase } from '../lib/bench-case.js'
import { bundleForBrowser } from '../lib/bundle.js'
import { CLI_BIN, createRegistry } from '../lib/fixtures.js'
import { kb, ms } from '../lib/format.js'
import { CHROMIUM } from '../lib/machine.js'
import type { Row } from '../lib/report.js'
import { median, ratioOf } from '../lib/stats.js'
import { compressedSizes, WIDGET_DIST, WIDGET_MAIN } from '../lib/widget-size.js'

/** The widget's verdict events (one per outcome). The first one that fires ends the measurement. */
const VERDICT_EVENTS = ['microcert-verified', 'microcert-warning', 'microcert-failed', 'microcert-unknown']
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

function widgetPage(registry: string, did: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: widget</title>
<script>
for (const type of ${JSON.stringify(VERDICT_EVENTS)}) {
  document.addEventListener(type, () => { window.__verdict ??= { t: performance.now(), status: type.slice('microcert-'.length) } })
}
</script>
<script type="module" src="${WIDGET_MAIN}"></script>
</head><body>
<microcert-verify id="w" registry="${registry}" trusted-issuers="${did}" allow-insecure-localhost></microcert-verify>
<script>document.getElementById('w').setAttribute('certificate-id', new URLSearchParams(location.search).get('id'))</script>
</body></html>
`
}

/** The floor: what a page must do at the least to verify by ID with raw jose — the same fetches as the widget. */
const FLOOR_SOURCE = `
import { compactVerify, importJWK } from 'jose'
const text = (url) => fetch(url).then((r) => { if (!r.ok) throw new Error(url + ' ' + r.status); return r.text() })
const json = (part) => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))))
async function run() {
  const id = new URLSearchParams(location.search).get('id')
  const jwt = (await text(location.origin + '/credentials/' + id + '.jwt')).trim()
  const payload = json(jwt.split('.')[1])
  const [host, ...path] = payload.iss.slice('did:web:'.length).split(':')
  const origin = 'http://' + decodeURIComponent(host)
  const entry = payload.credentialStatus
  // DID document, status list and its suspension companion in parallel: the floor does nothing it need not.
  const [did, listJwt, suspensionJwt] = await Promise.all([
    text(origin + (path.length ? '/' + path.join('/') : '/.well-known') + '/did.json').then(JSON.parse),
    text(entry.statusListCredential),
    text(entry.statusListCredential.replace(/\\.jwt$/, '-suspension.jwt')),
  ])
  const kid = JSON.parse(atob(jwt.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).kid
  const method = did.verificationMethod.find((m) => m.id === kid)
  const key = await importJWK(method.publicKeyJwk, method.publicKeyJwk.crv === 'Ed25519' ? 'EdDSA' : 'ES256')
  await compactVerify(jwt, key)
  const index = Number(entry.statusListIndex)
  const bit = async (token) => {
    const list = await compactVerify(token.trim(), key)
    const encoded = JSON.parse(new TextDecoder().decode(list.payload)).credentialSubject.encodedList.slice(1)
    const gz = Uint8Array.from(atob(encoded.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
    const bits = new Uint8Array(await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
    return (bits[index >> 3] >> (7 - (index & 7))) & 1
  }
  const [revoked, suspended] = await Promise.all([bit(listJwt), bit(suspensionJwt)])
  window.__verdict = { t: performance.now(), status: revoked ? 'revoked' : suspended ? 'suspended' : 'verified' }
}
run().catch((e) => { window.__verdict = { t: performance.now(), status: 'error: ' + e.message } })
`

const floorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench: floor</title><script type="module" src="bench-floor.js"></script></head><body></body></html>
`

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

async function serve(site: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', site, '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('Serving')) resolve()
    })
    child.on('close', (code) => reject(new Error(`microcert serve exited with ${code}: ${out}`)))
  })
  return child
}

/** Bytes `microcert serve` puts on the wire for `path` when the client accepts gzip and brotli, and their encoding. */
function wireSize(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip, br' } }, (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.length))
      response.on('end', () => resolve({ bytes, encoding: String(response.headers['content-encoding'] ?? 'none') }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

interface Visit {
  cold: number
  warm: number
  requests: string[]
}

async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (request) => requests.push(new URL(request.url()).pathname))
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const measure = async (): Promise<number> => {
      await page.goto(url)
      const verdict = (await page.waitForFunction(() => (window as { __verdict?: unknown }).__verdict, undefined, { timeout: 30_000 })).jsonValue() as Promise<{ t: number; status: string }>
      const { t, status } = await verdict
      if (status !== 'verified') throw new Error(`${url}: verdict "${status}" (expected verified) ${errors.join('; ')}`)
      return t
    }
    const cold = await measure()
    const coldRequests = [...requests]
    const warm = await measure()
    return { cold, warm, requests: coldRequests }
  } finally {
    await context.close()
  }
}

export const browserCase: BenchCase = {
  name: 'browser',
  summary: 'Chromium, navigation → verdict event by certificate ID on a local registry (microcert serve on 127.0.0.1), cold and warm, vs a raw-jose floor page',
  async run(context) {
    const dir = join(context.tmp, 'browser')
    mkdirSync(dir, { recursive: true })
    const rounds = context.options.quick ? 4 : 12
    const port = await freePort()
    context.log(`browser: registry on 127.0.0.1:${port}, ${rounds} interleaved rounds`)
    const registry = await createRegistry(dir, { count: rounds + 1, port, widgetScript: join(WIDGET_DIST, WIDGET_MAIN) })
    const ids = readdirSync(join(registry.site, 'credentials')).map((f) => f.replace(/\.jwt$/, ''))
    writeFileSync(join(registry.site, 'bench-widget.html'), widgetPage(registry.url, registry.did))
    writeFileSync(join(registry.site, 'bench-floor.html'), floorPage)
    const floorJs = await bundleForBrowser(FLOOR_SOURCE)
    writeFileSync(join(registry.site, 'bench-floor.js'), floorJs)
    const server = await serve(registry.site, port)
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    try {
      const widgetUrl = (id: string) => `${registry.url}/bench-widget.html?id=${id}`
      const floorUrl = (id: string) => `${registry.url}/bench-floor.html?id=${id}`
      // Warm-up, not counted: the server, the OS file cache and the browser process.
      await visit(browser, widgetUrl(ids[rounds]!))
      await visit(browser, floorUrl(ids[rounds]!))
      const widget: Visit[] = []
      const floor: Visit[] = []
      for (let round = 0; round < rounds; round++) {
        const id = ids[round]!
        if (round % 2 === 0) {
          widget.push(await visit(browser, widgetUrl(id)))
          floor.push(await visit(browser, floorUrl(id)))
        } else {
          floor.push(await visit(browser, floorUrl(id)))
          widget.push(await visit(browser, widgetUrl(id)))
        }
      }
      const jsBytes = (requests: string[]) =>
        requests.filter((p) => p.endsWith('.js')).reduce((n, p) => n + compressedSizes(readFileSync(join(registry.site, p))).gzipBytes, 0)
      const fetchesOf = (requests: string[]) => requests.filter((p) => !p.endsWith('.js') && !p.endsWith('.html'))
      const cold = ratioOf('time', widget.map((w, i) => w.cold / floor[i]!.cold))
      const warm = ratioOf('time', widget.map((w, i) => w.warm / floor[i]!.warm))
      const w0 = widget[0]!.requests
      const f0 = floor[0]!.requests
      const wire = await wireSize(`${registry.url}/${WIDGET_MAIN}`)
      const file = compressedSizes(readFileSync(join(registry.site, WIDGET_MAIN)))
      const rows: Row[] = [
        {
          group: 'browser',
          name: 'browser cold verify by ID (navigation → verdict)',
          ours: ms(median(widget.map((v) => v.cold))),
          baseline: 'raw jose floor page',
          base: ms(median(floor.map((v) => v.cold))),
          ratio: cold,
          budget: timeBudget(cold, BUDGETS.browserColdTime),
          note: `fresh browser context each round; widget fetched ${fetchesOf(w0).join(', ')} and ${kb(jsBytes(w0))} of JS (gzip -9 of the files; microcert serve sends them ${wire.encoding === 'none' ? 'uncompressed' : `with ${wire.encoding}`}); floor fetched ${fetchesOf(f0).join(', ')} and ${kb(jsBytes(f0))} of JS`,
        },
        {
          group: 'browser',
          name: 'browser warm verify by ID (same context, 2nd navigation)',
          ours: ms(median(widget.map((v) => v.warm))),
          baseline: 'raw jose floor page',
          base: ms(median(floor.map((v) => v.warm))),
          ratio: warm,
          note: 'microcert serve sends cache-control: no-cache, so a warm navigation revalidates every file',
        },
        {
          group: 'browser',
          name: 'microcert serve: widget bytes on the wire (accept-encoding: gzip, br)',
          ours: kb(wire.bytes),
          baseline: 'gzip -9 of the file',
          base: kb(file.gzipBytes),
          ratio: ratioOf('size', [wire.bytes / file.gzipBytes]),
          budget: { text: 'compressed like a CDN', met: wire.encoding !== 'none' },
          note: `content-encoding: ${wire.encoding}`,
        },
      ]
      return rows
    } finally {
      await browser.close()
      server.kill('SIGTERM')
      await once(server, 'close').catch(() => undefined)
    }
  },
}
