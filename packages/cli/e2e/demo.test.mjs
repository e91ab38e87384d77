// End to end: the built `microcert demo` serves its site; real Chromium (playwright-core, /usr/bin/chromium)
// checks a valid, a revoked and a mistyped certificate ID, opens a share link, switches languages, reads a share
// page as a link-preview crawler does, scans a PDF certificate's QR code like an employer, and shows the learner's
// wallet QR code.
// Run after `pnpm build`:  pnpm --filter @microcert/cli run test:e2e
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import jsQR from 'jsqr'
import { chromium } from 'playwright-core'
import { PNG } from 'pngjs'

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url))
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url))
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

let demo
let info
let browser
let out

function startDemo() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--out', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    // The demo renders 31 PDFs and 744 share pages before it is ready: minutes on a loaded machine.
    const timer = setTimeout(() => reject(new Error(`demo not ready in 300 s\n${stdout}\n${stderr}`)), 300_000)
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c))
    child.stdout.setEncoding('utf8').on('data', (c) => {
      stdout += c
      const line = stdout.split('\n').find((l) => l.startsWith('{'))
      if (line !== undefined && stdout.includes('\n')) {
        clearTimeout(timer)
        resolve({ child, info: JSON.parse(line) })
      }
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      reject(new Error(`demo exited with ${code}\n${stdout}\n${stderr}`))
    })
  })
}

before(async () => {
  assert.ok(existsSync(BIN), `build first: ${BIN} is missing (pnpm build)`)
  out = await mkdtemp(join(tmpdir(), 'mc-e2e-'))
  await mkdir(SHOTS, { recursive: true })
  ;({ child: demo, info } = await startDemo())
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
})

after(async () => {
  await browser?.close()
  if (demo !== undefined && demo.exitCode === null) {
    const closed = new Promise((r) => demo.once('close', r))
    demo.kill('SIGTERM')
    await closed
  }
  if (out !== undefined) await rm(out, { recursive: true, force: true })
})

/** A page that records every request to the registry's credentials/ path. */
async function openPage(url) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'en-GB' })
  const page = await context.newPage()
  const lookups = []
  page.on('request', (req) => {
    if (req.url().includes('/credentials/')) lookups.push(req.url())
  })
  const errors = []
  page.on('pageerror', (e) => errors.push(e))
  await page.goto(url)
  await page.waitForFunction(() => customElements.get('microcert-verify') !== undefined)
  return { page, context, lookups, errors }
}

async function check(page, id) {
  const field = page.locator('#checker input[part="input"]')
  await field.fill(id)
  await field.press('Enter')
}

test('a valid certificate ID is verified, with the course title and ECTS shown', async () => {
  const { page, context, errors } = await openPage(info.url)
  await check(page, info.valid)
  await page.waitForSelector('#checker[status="verified"]', { timeout: 15_000 })
  const checker = page.locator('#checker')
  await checker.getByText('Applied Artificial Intelligence for Technical Innovation').first().waitFor()
  await checker.getByText('5 ECTS credits').first().waitFor()
  await checker.getByText(/Authentic micro-credential/).first().waitFor()
  await page.screenshot({ path: join(SHOTS, 'demo-verified.png'), fullPage: true })
  assert.deepEqual(errors, [])
  await context.close()
})

test("a revoked certificate ID is shown as revoked, with the issuer's published reason", async () => {
  const { page, context } = await openPage(info.url)
  await check(page, info.revoked)
  await page.waitForSelector('#checker[status="failed"]', { timeout: 15_000 })
  const checker = page.locator('#checker')
  await checker.getByText(/Revoked by the issuer/).first().waitFor()
  // The reason comes from the signed notice publish writes beside the status list (status/<n>/<index>.jwt).
  assert.ok(typeof info.revokedReason === 'string' && info.revokedReason.length > 0, 'the demo reports its revocation reason')
  await checker.getByText(info.revokedReason, { exact: false }).first().waitFor({ timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'demo-revoked.png'), fullPage: true })
  await context.close()
})

test('a mistyped certificate ID gets the typo message before any request', async () => {
  const { page, context, lookups } = await openPage(info.url)
  await check(page, info.typo)
  await page.locator('#checker').getByText(/typo/).first().waitFor({ timeout: 10_000 })
  assert.deepEqual(lookups, [])
  await page.screenshot({ path: join(SHOTS, 'demo-typo.png'), fullPage: true })
  await context.close()
})

test('the share link verify/?id=… verifies on its own', async () => {
  const { page, context } = await openPage(info.verifyUrl)
  await page.waitForSelector('#verifier[status="verified"]', { timeout: 15_000 })
  await page.locator('#verifier').getByText('Applied Artificial Intelligence for Technical Innovation').first().waitFor()
  await page.screenshot({ path: join(SHOTS, 'demo-share-link.png'), fullPage: true })
  await context.close()
})

test('the language switch of the generated pages opens the Czech page, which keeps the ID and verifies in Czech', async () => {
  const { page, context } = await openPage(info.verifyUrl)
  await page.waitForSelector('#verifier[status="verified"]', { timeout: 15_000 })
  await page.locator('nav.languages').getByRole('link', { name: 'Čeština' }).click()
  await page.waitForURL(`${info.registry}/verify/cs/?id=${info.valid}`)
  await page.waitForFunction(() => customElements.get('microcert-verify') !== undefined)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cs')
  await page.getByRole('heading', { name: 'Ověřit osvědčení' }).waitFor()
  await page.locator('#verifier').getByText(/Pravý mikrocertifikát/).first().waitFor({ timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'demo-czech.png'), fullPage: true })
  // and back, from any page to any of the 24 languages
  await page.locator('nav.languages').getByRole('link', { name: 'Deutsch' }).click()
  await page.waitForURL(`${info.registry}/verify/de/?id=${info.valid}`)
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de')
  await context.close()
})

test('the employer page trusts the issuer through the trust list', async () => {
  const { page, context } = await openPage(info.employerUrl)
  assert.equal(await page.locator('#checker').getAttribute('trust-list'), info.trustListUrl)
  await check(page, info.valid)
  await page.waitForSelector('#checker[status="verified"]', { timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'demo-employer.png'), fullPage: true })
  await context.close()
})

/** `<meta property|name="key" content="…">` values of an HTML text, as a crawler without JavaScript reads them. */
function metaTags(html) {
  const out = {}
  for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)) {
    out[match[1]] = match[2].replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
  }
  return out
}

/** Decodes the QR code in PNG bytes with jsQR. */
function qrInPng(bytes) {
  const image = PNG.sync.read(Buffer.from(bytes))
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

test("a share page's Open Graph and X tags are in the HTML, for link previews that run no JavaScript", async () => {
  const response = await fetch(info.shareUrl, { headers: { 'user-agent': 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)' } })
  assert.equal(response.status, 200)
  const tags = metaTags(await response.text())
  assert.equal(tags['og:title'], 'Applied Artificial Intelligence for Technical Innovation')
  assert.equal(tags['og:url'], info.shareUrl)
  assert.equal(tags['og:site_name'], 'Moravian University of Technology (demo)')
  assert.match(tags['og:description'], /5 ECTS credits/)
  assert.equal(tags['twitter:card'], 'summary_large_image')
  assert.equal(tags.robots, 'noindex, nofollow')
  const image = await fetch(tags['og:image'])
  assert.equal(image.headers.get('content-type'), 'image/png')
  const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()))
  assert.deepEqual([png.width, png.height], [1200, 630])
  assert.match(await (await fetch(`${info.registry}/robots.txt`)).text(), /User-agent: LinkedInBot\n(User-agent: .*\n)*Allow: \//)
})

test('the "Add to LinkedIn profile" link carries the certification, every value intact', async () => {
  const { page, context } = await openPage(info.shareUrl)
  const href = await page.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href')
  const url = new URL(href)
  assert.equal(url.origin + url.pathname, 'https://www.linkedin.com/profile/add')
  const params = Object.fromEntries(url.searchParams)
  assert.equal(params.startTask, 'CERTIFICATION_NAME')
  assert.equal(params.name, 'Applied Artificial Intelligence for Technical Innovation')
  assert.equal(params.organizationName, 'Moravian University of Technology (demo)')
  assert.equal(params.certId, info.valid)
  assert.equal(params.certUrl, info.shareUrl)
  assert.match(params.issueYear, /^\d{4}$/)
  await page.waitForSelector('microcert-verify[status="verified"]', { timeout: 15_000 })
  await context.close()
})

test("an employer scanning the PDF certificate's QR code lands on the verification page, already verifying", async () => {
  const pdf = new Uint8Array(await (await fetch(info.pdfUrl)).arrayBuffer())
  const file = join(out, 'scanned.pdf')
  await writeFile(file, pdf)
  // the phone camera: page 1 as pixels, then a QR decoder
  const scanned = qrInPng(execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-singlefile', '-png', file]))
  assert.equal(scanned, info.verifyUrl)
  execFileSync('pdftoppm', ['-r', '110', '-f', '1', '-l', '1', '-singlefile', '-png', file, join(SHOTS, 'demo-certificate-pdf')])
  const { page, context } = await openPage(scanned)
  await page.waitForSelector('#verifier[status="verified"]', { timeout: 15_000 })
  await page.locator('#verifier').getByText(info.validLearner).first().waitFor()
  await context.close()
})

test("the learner's own link shows a wallet QR code on the share page, and drops the key from the address bar", async () => {
  const { page, context, errors } = await openPage(info.walletShareUrl)
  await page.locator('#wallet').waitFor({ state: 'visible' })
  await page.waitForFunction(() => document.getElementById('wallet-qr').naturalWidth > 0, undefined, { timeout: 15_000 })
  assert.equal(await page.evaluate(() => location.hash), '')
  const src = await page.locator('#wallet-qr').getAttribute('src')
  const uri = qrInPng(await (await fetch(src)).arrayBuffer())
  assert.match(uri, /^openid-credential-offer:\/\/\?credential_offer_uri=/)
  assert.equal(await page.locator('#wallet-link').getAttribute('href'), uri)
  // the wallet that scans it gets a fresh offer from the demo's issuance server
  const offer = await (await fetch(new URL(uri).searchParams.get('credential_offer_uri'))).json()
  assert.equal(offer.credential_issuer, info.credentialIssuer)
  await page.waitForSelector('microcert-verify[status="verified"]', { timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'demo-share-page.png'), fullPage: true })
  // the part the README shows: the credential, the downloads and the wallet code
  const wallet = await page.locator('#wallet').boundingBox()
  await page.screenshot({ path: join(SHOTS, 'demo-share-page-top.png'), clip: { x: 0, y: 0, width: 1100, height: Math.ceil(wallet.y + wallet.height + 24) } })
  // the public page (no key) shows no wallet section
  const { page: publicPage, context: publicContext } = await openPage(info.shareUrl)
  assert.equal(await publicPage.locator('#wallet').isVisible(), false)
  assert.deepEqual(errors, [])
  await publicContext.close()
  await context.close()
})
