import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStaticServer } from '../src/lib/static-server.js'

let dir: string
let server: Awaited<ReturnType<typeof startStaticServer>>

/** A raw request, so paths like /../x reach the server unnormalised. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'mc-serve-'))
  dir = join(base, 'site')
  await mkdir(join(dir, 'credentials'), { recursive: true })
  await mkdir(join(dir, 'verify'), { recursive: true })
  await mkdir(join(dir, '.well-known'), { recursive: true })
  await writeFile(join(dir, 'index.html'), '<h1>home</h1>')
  await writeFile(join(dir, 'verify', 'index.html'), '<h1>verify</h1>')
  await writeFile(join(dir, 'credentials', 'MC-1.jwt'), 'a.b.c')
  await writeFile(join(dir, '.well-known', 'did.json'), '{}')
  await writeFile(join(dir, 'microcert-verify.js'), 'export {}')
  // Large enough to be worth compressing, like the widget bundle.
  await writeFile(join(dir, 'widget.js'), `export const texts = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `text number ${i}`))}\n`)
  await writeFile(join(base, 'secret.txt'), 'private key')
  await mkdir(join(dir, '.git'))
  await writeFile(join(dir, '.git', 'config'), 'x')
  await symlink(join(base, 'secret.txt'), join(dir, 'link.txt'))
  server = await startStaticServer(dir, { port: 0 })
})

afterAll(async () => {
  await server.close()
  await rm(join(dir, '..'), { recursive: true, force: true })
})

describe('startStaticServer', () => {
  it('serves files with their content types and CORS *', async () => {
    const html = await get('/')
    expect(html.status).toBe(200)
    expect(html.body).toBe('<h1>home</h1>')
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['access-control-allow-origin']).toBe('*')
    expect((await get('/microcert-verify.js')).headers['content-type']).toBe('text/javascript; charset=utf-8')
    const jwt = await get('/credentials/MC-1.jwt')
    expect(jwt.body).toBe('a.b.c')
    expect(jwt.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect((await get('/.well-known/did.json')).headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('serves index.html of a directory, with the query string ignored, and redirects a bare directory', async () => {
    expect((await get('/verify/?id=MC-1')).body).toBe('<h1>verify</h1>')
    const redirect = await get('/verify?id=MC-1')
    expect(redirect.status).toBe(301)
    expect(redirect.headers['location']).toBe('/verify/?id=MC-1')
  })

  it('answers a CORS preflight and refuses writes', async () => {
    expect((await get('/credentials/MC-1.jwt', 'OPTIONS')).status).toBe(204)
    expect((await get('/index.html', 'POST')).status).toBe(405)
    expect((await get('/index.html', 'HEAD')).body).toBe('')
  })

  it('never serves files outside the site, dot-files or symlinks out', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/verify/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/.git/config', '/link.txt', '/%00']) {
      const res = await get(path)
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expect(res.body).not.toContain('private key')
    }
    expect((await get('/missing.html')).status).toBe(404)
  })
})

/** A raw request with headers, the body kept as bytes. */
function getBytes(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', fail)
    req.end()
  })
}

describe('startStaticServer compression and freshness', () => {
  it('sends text compressed as the client accepts it: brotli, else gzip, else as is', async () => {
    const original = await readFile(join(dir, 'widget.js'))
    const br = await getBytes('/widget.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['vary']).toMatch(/accept-encoding/i)
    expect(br.body.length).toBeLessThan(original.length / 2)
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true)
    const gzip = await getBytes('/widget.js', { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(original)).toBe(true)
    const plain = await getBytes('/widget.js', {})
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(original)).toBe(true)
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it('answers a byte range uncompressed, with 206', async () => {
    const res = await getBytes('/widget.js', { 'accept-encoding': 'br', range: 'bytes=0-5' })
    expect(res.status).toBe(206)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body.toString()).toBe('export')
  })

  it('serves a file rewritten while the server runs (a new publish) with its new content', async () => {
    await writeFile(join(dir, 'credentials', 'MC-2.jwt'), 'first.version.x')
    expect((await get('/credentials/MC-2.jwt')).body).toBe('first.version.x')
    await writeFile(join(dir, 'credentials', 'MC-2.jwt'), 'the.second.longer-version')
    expect((await get('/credentials/MC-2.jwt')).body).toBe('the.second.longer-version')
  })
})
