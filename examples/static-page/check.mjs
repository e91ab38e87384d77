#!/usr/bin/env node
// CI check of the static page: serves index.html exactly as a web host would (the widget file copied beside it,
// the registry's host swapped for this local server), issues a real signed credential into an in-memory registry,
// then drives Debian's Chromium with playwright-core: type the ID, press Enter, expect "verified".
import { createServer } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { buildCredential, createDidWebDocument, createSigner, generateCertificateId, generateKeyPair, signCredential } from '@microcert/core'
import { chromium } from 'playwright-core'

const here = dirname(new URL(import.meta.url).pathname)
const require = createRequire(import.meta.url)
const widgetDist = dirname(require.resolve('@microcert/verify-widget/microcert-verify.js'))
if (!existsSync(join(widgetDist, 'microcert-verify.js'))) {
  console.error('Build the widget first: pnpm --filter @microcert/verify-widget build')
  process.exit(1)
}

const files = new Map()
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' })
    res.end(body)
  }
  if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', page)
  if (path === '/microcert-verify.js' || path.startsWith('/microcert-verify-chunks/') || path.startsWith('/microcert-verify-i18n/')) {
    const file = join(widgetDist, path.replace(/^\/+/, '').replace(/\.\./g, ''))
    return existsSync(file) ? send(200, 'text/javascript', readFileSync(file)) : send(404, 'text/plain', 'not found')
  }
  const file = files.get(path)
  return file ? send(200, file.type, file.body) : send(404, 'text/plain', 'not found')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${server.address().port}`
const registry = `${origin}/microcerts`
const did = `did:web:127.0.0.1%3A${server.address().port}:microcerts`

// The page as published, pointed at this server instead of uni.example (and allowed to use http on localhost).
const page = readFileSync(join(here, 'index.html'), 'utf8')
  .replaceAll('https://uni.example/microcerts', registry)
  .replaceAll('did:web:uni.example:microcerts', did)
  .replace('<microcert-verify\n', '<microcert-verify\n      allow-insecure-localhost\n')

const { privateJwk, publicJwk } = await generateKeyPair('ES256')
const kid = `${did}#key-1`
files.set('/microcerts/did.json', { type: 'application/json', body: JSON.stringify(createDidWebDocument({ did, keys: [{ id: kid, publicJwk }] })) })
const certificateId = generateCertificateId()
const credential = buildCredential(
  {
    learner: { name: 'Jana Nováková' },
    achievement: {
      title: 'Data Analysis with Python', description: 'A short course.', learningOutcomes: ['Explore data with pandas'],
      ects: 5, eqfLevel: 6, assessment: ['project'], participation: 'online', qualityAssurance: [{ name: 'Internal QA' }],
    },
    issuer: { id: did, name: 'Example University', country: 'CZ' },
  },
  { id: `${registry}/credentials/${certificateId}` },
)
files.set(`/microcerts/credentials/${certificateId}.jwt`, { type: 'application/jwt', body: await signCredential(credential, await createSigner(privateJwk, { kid })) })

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
})
let passed = 0
let failed = 0
const check = (ok, name) => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}`)
  if (ok) passed += 1
  else failed += 1
}
try {
  const tab = await browser.newPage()
  const errors = []
  tab.on('pageerror', (error) => errors.push(String(error)))
  await tab.goto(`${origin}/index.html`)
  const field = tab.locator('microcert-verify input[type="text"]')
  await field.waitFor()
  check(await tab.locator('microcert-verify label[for="field"]').isVisible(), 'the field has a visible label')
  await field.fill(certificateId.toLowerCase().replaceAll('-', ' '))
  await field.press('Enter')
  await tab.waitForSelector('microcert-verify[status="verified"], microcert-verify[status="failed"], microcert-verify[status="unknown"], microcert-verify[status="warning"]', { timeout: 15000 })
  check((await tab.getAttribute('microcert-verify', 'status')) === 'verified', 'a typed certificate ID is verified against the registry')
  const headline = await tab.locator('microcert-verify [part~="headline"]').textContent()
  check(headline === 'Authentic micro-credential issued by Example University', `the verdict reads "${headline}"`)
  check(await tab.locator('microcert-verify [slot="footer"]').isVisible(), 'the footer slot shows the site\'s own content')
  await tab.evaluate(() => document.querySelector('microcert-verify').setAttribute('lang', 'cs'))
  await tab.waitForFunction(() => document.querySelector('microcert-verify').shadowRoot.querySelector('[part~="headline"]').textContent.startsWith('Pravý mikrocertifikát'), null, { timeout: 10000 })
    .then(() => check(true, 'lang="cs" loads the Czech file from microcert-verify-i18n/ beside the script'))
    .catch(() => check(false, 'lang="cs" loads the Czech file from microcert-verify-i18n/ beside the script'))
  check(errors.length === 0, `no page errors ${errors.join('; ')}`)
} finally {
  await browser.close()
  server.close()
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
