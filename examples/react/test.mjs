#!/usr/bin/env node
// Serves index.html + dist/app.js on 127.0.0.1 with a real signed credential in an in-memory registry, then checks in
// Debian's Chromium (playwright-core) that the React app renders the element, that a typed ID verifies, and that the
// React state updated from the element's event.
import { createServer } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildCredential, createDidWebDocument, createSigner, generateCertificateId, generateKeyPair, signCredential } from '@microcert/core'
import { chromium } from 'playwright-core'

const here = new URL('.', import.meta.url).pathname
const files = new Map()
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'access-control-allow-origin': '*' })
    res.end(body)
  }
  if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', page)
  if (path.startsWith('/dist/')) {
    const file = join(here, path.replace(/\.\./g, ''))
    return existsSync(file) ? send(200, 'text/javascript', readFileSync(file)) : send(404, 'text/plain', 'not found')
  }
  const file = files.get(path)
  return file ? send(200, file.type, file.body) : send(404, 'text/plain', 'not found')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = server.address().port
const registry = `http://127.0.0.1:${port}/microcerts`
const did = `did:web:127.0.0.1%3A${port}:microcerts`
const page = readFileSync(join(here, 'index.html'), 'utf8')
  .replace('https://uni.example/microcerts', registry)
  .replace('did:web:uni.example:microcerts', did)

const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
const kid = `${did}#key-1`
files.set('/microcerts/did.json', { type: 'application/json', body: JSON.stringify(createDidWebDocument({ did, keys: [{ id: kid, publicJwk }] })) })
const certificateId = generateCertificateId()
const credential = buildCredential(
  {
    learner: { name: 'Piotr Kowalski' },
    achievement: {
      title: 'Cloud Security Basics', description: 'A short course.', learningOutcomes: ['Threat-model a cloud service'],
      ects: 3, eqfLevel: 5, assessment: ['written examination'], participation: 'online', qualityAssurance: [{ name: 'Internal QA' }],
    },
    issuer: { id: did, name: 'Example University', country: 'PL' },
  },
  { id: `${registry}/credentials/${certificateId}` },
)
files.set(`/microcerts/credentials/${certificateId}.jwt`, { type: 'application/jwt', body: await signCredential(credential, await createSigner(privateJwk, { kid })) })

let passed = 0
let failed = 0
const check = (ok, name) => {
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}`)
  if (ok) passed += 1
  else failed += 1
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
})
try {
  const tab = await browser.newPage()
  const errors = []
  tab.on('pageerror', (error) => errors.push(String(error)))
  await tab.goto(`http://127.0.0.1:${port}/`)
  await tab.locator('h1').waitFor()
  check((await tab.locator('h1').textContent()) === "Check a candidate's micro-credential", 'React rendered the app')
  const field = tab.locator('microcert-verify input[type="text"]')
  await field.waitFor()
  check(await tab.evaluate(() => Array.isArray(document.querySelector('microcert-verify').trustedIssuers)), 'trustedIssuers arrived as an array property')
  await field.fill(certificateId)
  await field.press('Enter')
  await tab.waitForFunction(() => !document.getElementById('summary').textContent.startsWith('Nothing'), null, { timeout: 15000 })
  const summary = await tab.locator('#summary').textContent()
  check(summary === `verified: ${certificateId} Cloud Security Basics`, `React state updated from the microcert-verified event ("${summary}")`)
  check((await tab.getAttribute('microcert-verify', 'status')) === 'verified', 'the element shows the verified state')
  check(errors.length === 0, `no page errors ${errors.join('; ')}`)
} finally {
  await browser.close()
  server.close()
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
