import { spawn } from 'node:child_process'
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { CLI_BIN, createRegistry } from '../src/lib/fixtures.ts'
import { WIDGET_DIST, WIDGET_MAIN } from '../src/lib/widget-size.ts'
const port = 18000 + Math.floor(Math.random() * 1000)
const dir = mkdtempSync('/tmp/bp-')
const reg = await createRegistry(dir, { count: 10, port, widgetScript: join(WIDGET_DIST, WIDGET_MAIN) })
const ids = readdirSync(join(reg.site, 'credentials')).map((f) => f.replace('.jwt', ''))
writeFileSync(join(reg.site, 'p.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>for (const t of ['microcert-verified','microcert-failed','microcert-unknown','microcert-warning']) document.addEventListener(t, () => { window.__v ??= performance.now() })
customElements.whenDefined('microcert-verify').then(() => { window.__defined = performance.now() })</script>
<script type="module" src="${WIDGET_MAIN}"></script></head><body>
<microcert-verify id="w" registry="${reg.url}" trusted-issuers="${reg.did}" allow-insecure-localhost></microcert-verify>
<script>document.getElementById('w').setAttribute('certificate-id', new URLSearchParams(location.search).get('id'))</script></body></html>`)
const server = spawn(process.execPath, [CLI_BIN, 'serve', reg.site, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] })
await new Promise((r) => server.stdout!.once('data', r))
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
for (let i = 0; i < 6; i++) {
  const ctx = await browser.newContext(); const page = await ctx.newPage()
  await page.goto(`${reg.url}/p.html?id=${ids[i]}`)
  await page.waitForFunction(() => (window as any).__v)
  const r = await page.evaluate(() => {
    const res = performance.getEntriesByType('resource').map((e: any) => [new URL(e.name).pathname, Math.round(e.startTime), Math.round(e.responseEnd)])
    const nav: any = performance.getEntriesByType('navigation')[0]
    return { domInteractive: Math.round(nav.domInteractive), defined: Math.round((window as any).__defined), verdict: Math.round((window as any).__v), res }
  })
  console.log(JSON.stringify(r))
  await ctx.close()
}
await browser.close(); server.kill()
