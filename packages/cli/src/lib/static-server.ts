import { realpath, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, relative, resolve, sep } from 'node:path'
import compression from 'compression'
import sirv from 'sirv'

/**
 * Content types. `.jwt` (a credential or status list, a compact JWS) is served as `text/plain`: `fetch().text()`
 * reads it whatever the type, and a person who opens a credential link sees the token instead of a download.
 * Files without an extension and Token Status Lists: see `contentTypeOf`.
 */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.jwt': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
}

/**
 * The content type of a site file: by extension, except what wallets fetch by name, whose media types matter to them:
 * the IETF Token Status Lists (`status/<n>.tsl.jwt`), the SD-JWT VC type metadata (`vct/…`) and the JWT VC Issuer
 * Metadata (`.well-known/jwt-vc-issuer[/…]`), which have no extension.
 */
export function contentTypeOf(pathname: string): string {
  if (pathname.endsWith('.tsl.jwt')) return 'application/statuslist+jwt'
  if (/(^|\/)vct\/[^/.]+$/.test(pathname) || /(^|\/)\.well-known\/jwt-vc-issuer(\/|$)/.test(pathname)) return 'application/json; charset=utf-8'
  return CONTENT_TYPES[extname(pathname).toLowerCase()] ?? 'application/octet-stream'
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-max-age': '86400',
}

/** A request handler that answers some paths instead of the files (e.g. the OpenID4VCI issuance server). */
export interface Mount {
  matches(pathname: string): boolean
  listener(request: IncomingMessage, response: ServerResponse): void
}

export interface StaticServerOptions {
  host?: string
  port?: number
  /** Handlers for paths that are not files of the site, tried before the files (any method). */
  mounts?: readonly Mount[]
  /** Called once per request after the response is sent. */
  onRequest?(method: string, path: string, status: number): void
}

function pathnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://x').pathname
  } catch {
    return ''
  }
}

/** `/a b/c.jwt` from path segments, escaped so that sirv's `decodeURI` gives the same segments back. */
function toUrlPath(segments: string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`
}

/**
 * Serves `root` read-only: GET/HEAD/OPTIONS, CORS `*`, `index.html` for directories, `nosniff`, `no-cache`
 * (so a revocation shows at once), gzip or brotli for text (as a CDN sends the widget). Paths that leave `root`
 * (`..`, encoded slashes, symlinks out) get 404; dot-files (e.g. `.git`) are never served.
 * sirv sends the files (conditional and range requests) and compression compresses on the fly; the checks
 * before them are ours, because sirv follows symlinks and serves `.well-known` only by its own rules.
 */
export async function startStaticServer(root: string, options: StaticServerOptions = {}): Promise<{ server: Server; url: string; port: number; close(): Promise<void> }> {
  const rootReal = await realpath(resolve(root))
  // dev: look every request up on disk, so a site published again while it is served is seen at once.
  const files = sirv(rootReal, {
    dev: true,
    etag: true,
    dotfiles: false,
    extensions: [],
    setHeaders(res, pathname) {
      res.setHeader('content-type', contentTypeOf(pathname))
      res.setHeader('cache-control', 'no-cache')
    },
  })
  const compress = compression()
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET'
    res.on('finish', () => options.onRequest?.(method, req.url ?? '', res.statusCode))
    const mount = options.mounts?.find((m) => m.matches(pathnameOf(req.url)))
    if (mount !== undefined) return mount.listener(req, res)
    for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value)
    res.setHeader('x-content-type-options', 'nosniff')
    const done = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers })
      res.end(method === 'HEAD' ? undefined : body)
    }
    if (method === 'OPTIONS') return done(204, '')
    if (method !== 'GET' && method !== 'HEAD') return done(405, 'method not allowed\n', { allow: 'GET, HEAD, OPTIONS' })
    void (async () => {
      let url: URL
      let pathname: string
      try {
        url = new URL(req.url ?? '/', 'http://x')
        pathname = decodeURIComponent(url.pathname)
      } catch {
        return done(400, 'bad request\n')
      }
      const segments = pathname.split('/')
      if (pathname.includes('\0') || pathname.includes('\\') || segments.some((s) => s === '..' || (s.startsWith('.') && s !== '.well-known'))) {
        return done(404, 'not found\n')
      }
      let file = join(rootReal, ...segments)
      try {
        let info = await stat(file)
        if (info.isDirectory()) {
          if (!pathname.endsWith('/')) return done(301, '', { location: `${url.pathname}/${url.search}` })
          file = join(file, 'index.html')
          info = await stat(file)
        }
        const real = await realpath(file)
        if (!real.startsWith(rootReal + sep) || !info.isFile()) return done(404, 'not found\n')
        // Hand sirv the checked file itself, so it can only send what passed the checks above.
        req.url = toUrlPath(relative(rootReal, real).split(sep))
      } catch {
        return done(404, 'not found\n')
      }
      const send = (): void => files(req, res, () => done(404, 'not found\n'))
      // A byte range of a compressed body would be a range of something else: ranges go out uncompressed.
      if (req.headers.range !== undefined) send()
      else compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], send)
    })()
  }
  const server = createServer(handler)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail)
      ok()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  // "localhost" may resolve to ::1 first (browsers, undici): listen on the IPv6 loopback too, same port, when we can.
  let server6: Server | undefined
  if (host === '127.0.0.1' && port !== 0) {
    const s6 = createServer(handler)
    server6 = await new Promise<Server | undefined>((ok) => {
      s6.once('error', () => ok(undefined))
      s6.listen(port, '::1', () => ok(s6))
    })
  }
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host
  return {
    server,
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      Promise.all(
        [server, server6].map(
          (s) =>
            new Promise<void>((ok) => {
              if (s === undefined) return ok()
              s.close(() => ok())
              s.closeAllConnections()
            }),
        ),
      ).then(() => undefined),
  }
}
