// End to end: the built `microcert demo` serves its site; real Chromium (playwright-core, /usr/bin/chromium)
// checks a valid, a revoked and a mistyped certificate ID, opens a share link, and switches to Czech.
// Run after `pnpm build`:  pnpm --filter @microcert/cli run test:e2e
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

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
    const timer = setTimeout(() => reject(new Error(`demo not ready in 60 s\n${stdout}\n${stderr}`)), 60_000)
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

test('switching the page to Czech translates the verdict', async () => {
  const { page, context } = await openPage(info.verifyUrl)
  await page.waitForSelector('#verifier[status="verified"]', { timeout: 15_000 })
  await page.getByRole('button', { name: 'Čeština' }).click()
  await page.locator('#verifier').getByText(/Pravý mikrocertifikát/).first().waitFor({ timeout: 10_000 })
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'cs')
  await page.screenshot({ path: join(SHOTS, 'demo-czech.png'), fullPage: true })
  await context.close()
})

test('the employer page trusts the issuer through the trust list', async () => {
  const { page, context } = await openPage(info.employerUrl)
  await check(page, info.valid)
  await page.waitForSelector('#checker[status="verified"]', { timeout: 15_000 })
  await page.screenshot({ path: join(SHOTS, 'demo-employer.png'), fullPage: true })
  await context.close()
})
