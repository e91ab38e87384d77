// A university whose issuing key lives in a KMS: init with the KMS key, issue, rotate to a second KMS key, issue
// again, publish and verify both generations over HTTP; then retire the first key as if compromised and see its
// credentials fail. Everything runs through the real `microcert` command, the KMS in a process of its own.
// Run: pnpm build && pnpm --dir examples/kms-signer test
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openIssuer } from '@microcert/core/node'
import createSigner from './kms-signer.mjs'

const here = new URL('.', import.meta.url).pathname
const require = createRequire(import.meta.url)
const cliPackage = require.resolve('@microcert/cli/package.json')
const CLI = join(cliPackage, '..', require(cliPackage).bin.microcert)
const DATA = join(here, '..', 'data')
const dir = mkdtempSync(join(tmpdir(), 'microcert-kms-'))
/** @type {Record<string, string | undefined>} */
const env = { ...process.env, KMS_TOKEN: randomBytes(16).toString('hex') }
const children = []
let failures = 0

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures++
}

/** Starts a long-running process and resolves with the first stdout line matching `ready`. */
function start(args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: here, env, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(child)
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk
      const match = out.match(ready)
      if (match) resolve(match)
    })
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}) before it was ready`)))
  })
}

/** Runs `microcert …` and returns its exit code and output. */
function microcert(args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: here, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

async function newKmsKey(name) {
  const response = await fetch(`${env.KMS_URL}/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.KMS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ alg: 'ES256' }),
  })
  const { publicJwk } = await response.json()
  const file = join(dir, `${name}.pub.jwk`)
  writeFileSync(file, JSON.stringify(publicJwk))
  return file
}

try {
  // 1. The KMS, in a process of its own.
  const [, kmsUrl] = await start([join(here, 'kms-server.mjs')], /"url":"([^"]+)"/)
  env.KMS_URL = kmsUrl
  process.env.KMS_URL = kmsUrl
  process.env.KMS_TOKEN = env.KMS_TOKEN

  // 2. An issuer whose key is KMS key 1: no private key is ever written.
  const port = await freePort()
  const registry = `http://127.0.0.1:${port}`
  const did = `did:web:127.0.0.1%3A${port}`
  const store = join(dir, 'issuer')
  const site = join(dir, 'site')
  const signer = { MICROCERT_SIGNER: './kms-signer.mjs' }
  const init = await microcert(['init', store, '--public-key', await newKmsKey('key-1'), '--signer', './kms-signer.mjs', '--did', did, '--name', 'Moravian University of Technology (demo)', '--country', 'CZ', '--url', registry])
  check(init.code === 0 && /held by the signer/.test(init.stdout), `init with a KMS key${init.code === 0 ? '' : `: ${init.stderr}`}`)

  // 3. Issue a course; 4. rotate to KMS key 2; 5. issue another course.
  const issue = async (course) => {
    const r = await microcert(['issue', store, '--csv', join(DATA, 'learners', `${course}.csv`), '--achievement', join(DATA, 'courses', `${course}.json`), '--json'], signer)
    return r.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).filter((row) => row.status === 'issued').map((row) => row.certificateId)
  }
  const first = await issue('applied-ai')
  check(first.length > 0, `issued ${first.length} credentials with key 1`)
  const noSigner = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json')])
  check(noSigner.code === 1 && /MICROCERT_SIGNER/.test(noSigner.stderr), 'without MICROCERT_SIGNER the command says which signer it needs')
  const rotate = await microcert(['key', 'rotate', store, '--public-key', await newKmsKey('key-2'), '--signer', './kms-signer.mjs'], signer)
  check(rotate.code === 0 && rotate.stdout.includes(`${did}#key-2`), `key rotate to KMS key 2${rotate.code === 0 ? '' : `: ${rotate.stderr}`}`)
  const second = await issue('plastics')
  check(second.length > 0, `issued ${second.length} credentials with key 2`)

  // 6. Publish and serve the registry; both generations verify over HTTP.
  const publish = async () => (await microcert(['publish', store, '--out', site], signer)).code
  check((await publish()) === 0, 'publish')
  await start([CLI, 'serve', site, '--port', String(port)], /Serving/)
  const verify = async (id) => JSON.parse((await microcert(['verify', id, '--registry', registry, '--allow-localhost-http', '--json'])).stdout)
  const before = await Promise.all([verify(first[0]), verify(second[0])])
  check(before.every((r) => r.status === 'verified'), `both generations verify (${before.map((r) => r.status).join(', ')})`)

  // 7. Key 1 is compromised: retire it. Its credentials are named, and fail from the next publish on.
  const retire = await microcert(['key', 'retire', store, `${did}#key-1`, '--json'], signer)
  const report = JSON.parse(retire.stdout)
  check(report.credentials.length === first.length, `key retire names the ${first.length} credentials key 1 signed`)
  check((await publish()) === 0, 'publish after retiring key 1')
  const after = await Promise.all([verify(first[0]), verify(second[0])])
  const code = after[0].checks.find((c) => c.outcome === 'failed')?.code
  check(after[0].status === 'failed' && code === 'ERR_KEY_NOT_FOUND', `a key-1 credential now fails (${after[0].status}, ${code})`)
  check(after[1].status === 'verified', 'a key-2 credential still verifies')

  // 8. The SDK takes the same factory: openIssuer(store, { signer }).
  const issuer = await openIssuer(store, { signer: createSigner })
  let listed = 0
  for await (const _ of issuer.list({ state: 'active' })) listed++
  await issuer.close()
  check(listed === first.length + second.length, `the SDK opens the store with the signer module and lists ${listed} credentials`)
  check(!readdirSync(join(store, 'keys')).some((name) => name.includes('private')) && !existsSync(join(store, 'keys', 'key-1.private.jwk')), 'no private key file anywhere in the store')
} catch (error) {
  console.error(error)
  failures++
} finally {
  for (const child of children) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
console.log(failures === 0 ? 'kms-signer example: all checks passed' : `kms-signer example: ${failures} check(s) failed`)
process.exit(failures === 0 ? 0 : 1)
