import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCredential } from '../src/build-credential.js'
import { createDidResolver } from '../src/create-did-resolver.js'
import { createDidWebDocument } from '../src/create-did-web-document.js'
import { createSigner } from '../src/create-signer.js'
import { MicrocertError } from '../src/errors.js'
import { createMemoryCache } from '../src/lib/cache.js'
import { signCredential } from '../src/sign-credential.js'
import { verifyCredential } from '../src/verify-credential.js'
import { NOW, deterministicInput, keys } from './helpers.js'

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> | undefined }> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(MicrocertError)
    return { code: (error as MicrocertError).code, details: (error as MicrocertError).details as Record<string, unknown> | undefined }
  }
  throw new Error('expected a MicrocertError')
}

describe('createDidResolver: did:key and did:jwk (no network)', () => {
  const resolver = createDidResolver({ fetch: () => Promise.reject(new Error('no network expected')) })

  it('resolves the did:key spec vectors (Ed25519 and P-256)', async () => {
    const ed = await resolver.resolve('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')
    expect(ed.verificationMethod?.[0]).toMatchObject({
      id: 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik' },
    })
    const p256 = await resolver.resolve('did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169')
    expect(p256.verificationMethod?.[0]?.publicKeyJwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: 'fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI',
      y: 'hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU',
    })
    const p256b = await resolver.resolve('did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv')
    expect(p256b.verificationMethod?.[0]?.publicKeyJwk).toMatchObject({
      x: 'igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns',
      y: 'efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM',
    })
    expect(p256.assertionMethod).toEqual([p256.verificationMethod?.[0]?.id])
  })

  it('resolves did:jwk to a #0 key and refuses a private did:jwk', async () => {
    const did = `did:jwk:${Buffer.from(JSON.stringify(keys.issuerP256.publicJwk)).toString('base64url')}`
    const doc = await resolver.resolve(did)
    expect(doc.verificationMethod?.[0]).toMatchObject({ id: `${did}#0`, type: 'JsonWebKey2020' })
    const secret = `did:jwk:${Buffer.from(JSON.stringify(keys.issuerP256.privateJwk)).toString('base64url')}`
    expect((await codeOf(resolver.resolve(secret))).code).toBe('ERR_KEY_INVALID')
  })

  it('reports ERR_DID_INVALID, ERR_DID_METHOD_UNSUPPORTED for bad or foreign DIDs', async () => {
    expect((await codeOf(resolver.resolve('did:key:zNOTBASE58OIl'))).code).toBe('ERR_DID_INVALID')
    expect((await codeOf(resolver.resolve('not a did'))).code).toBe('ERR_DID_INVALID')
    expect((await codeOf(resolver.resolve('did:jwk:!!!'))).code).toBe('ERR_DID_INVALID')
    expect((await codeOf(resolver.resolve('did:ion:abc'))).code).toBe('ERR_DID_METHOD_UNSUPPORTED')
    expect((await codeOf(resolver.resolve('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc'))).code).toBe('ERR_DID_METHOD_UNSUPPORTED')
  })
})

describe('createDidResolver: did:web over real HTTP on 127.0.0.1', () => {
  let base = ''
  let host = ''
  let hits = 0
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>()
  const server = createServer((req, res) => {
    hits++
    const route = routes.get(req.url ?? '')
    if (route) route(req, res)
    else res.writeHead(404).end('not found')
  })

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    base = `http://127.0.0.1:${port}`
    host = `127.0.0.1%3A${port}`
    const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/did+json' }).end(JSON.stringify(body))
    }
    routes.set('/.well-known/did.json', json(createDidWebDocument({ did: `did:web:${host}`, keys: [{ publicJwk: keys.issuerP256.publicJwk }] })))
    routes.set('/uni/did.json', json(createDidWebDocument({ did: `did:web:${host}:uni`, keys: [{ publicJwk: keys.issuerEd25519.publicJwk }] })))
    routes.set('/mismatch/did.json', json(createDidWebDocument({ did: 'did:web:evil.example', keys: [{ publicJwk: keys.otherP256.publicJwk }] })))
    routes.set('/slow/did.json', () => {
      /* never answers */
    })
    routes.set('/huge/did.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      const pump = () => {
        while (sent < 64 && res.write(chunk)) sent++
        if (sent < 64) res.once('drain', pump)
        else res.end()
      }
      res.on('error', () => {})
      pump()
    })
    routes.set('/declared-huge/did.json', (_req, res) => res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) }).end())
    routes.set('/junk/did.json', (_req, res) => res.writeHead(200).end('<html>not json</html>'))
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('fetches /.well-known/did.json for a bare domain and <path>/did.json otherwise', async () => {
    const resolver = createDidResolver({ allowInsecureLocalhost: true })
    expect((await resolver.resolve(`did:web:${host}`)).id).toBe(`did:web:${host}`)
    expect((await resolver.resolve(`did:web:${host}:uni`)).verificationMethod?.[0]?.id).toBe(`did:web:${host}:uni#key-1`)
  })

  it('caches documents: the second resolution makes no request', async () => {
    const resolver = createDidResolver({ allowInsecureLocalhost: true, cache: createMemoryCache() })
    await resolver.resolve(`did:web:${host}:uni`)
    const before = hits
    await resolver.resolve(`did:web:${host}:uni`)
    expect(hits).toBe(before)
  })

  it('reports ERR_DID_DOCUMENT_INVALID when the document id is not the DID', async () => {
    const resolver = createDidResolver({ allowInsecureLocalhost: true })
    const { code, details } = await codeOf(resolver.resolve(`did:web:${host}:mismatch`))
    expect(code).toBe('ERR_DID_DOCUMENT_INVALID')
    expect(details).toMatchObject({ expected: `did:web:${host}:mismatch`, received: 'did:web:evil.example' })
  })

  it('reports ERR_DID_NOT_FOUND with the status for a 404 (the document is not there, no retry will change that)', async () => {
    const { code, details } = await codeOf(createDidResolver({ allowInsecureLocalhost: true }).resolve(`did:web:${host}:missing`))
    expect(code).toBe('ERR_DID_NOT_FOUND')
    expect(details).toMatchObject({ status: 404 })
  })

  it('reports ERR_DID_UNREACHABLE for a web page served instead of the document (a proxy or captive portal)', async () => {
    const { code, details } = await codeOf(createDidResolver({ allowInsecureLocalhost: true }).resolve(`did:web:${host}:junk`))
    expect(code).toBe('ERR_DID_UNREACHABLE')
    expect(details).toMatchObject({ reason: 'web-page' })
  })

  it('reports ERR_DID_UNREACHABLE (timeout) when the server does not answer in time', async () => {
    const started = Date.now()
    const { code, details } = await codeOf(createDidResolver({ allowInsecureLocalhost: true, timeout: 200 }).resolve(`did:web:${host}:slow`))
    expect(code).toBe('ERR_DID_UNREACHABLE')
    expect(details).toMatchObject({ reason: 'timeout' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('reports ERR_DID_DOCUMENT_INVALID for a huge response without reading it all', async () => {
    const resolver = createDidResolver({ allowInsecureLocalhost: true })
    expect((await codeOf(resolver.resolve(`did:web:${host}:huge`))).code).toBe('ERR_DID_DOCUMENT_INVALID')
    expect((await codeOf(resolver.resolve(`did:web:${host}:declared-huge`))).code).toBe('ERR_DID_DOCUMENT_INVALID')
  })

  it('reports ERR_DID_INSECURE for an http-only localhost DID without allowInsecureLocalhost', async () => {
    expect((await codeOf(createDidResolver({ timeout: 2000 }).resolve(`did:web:${host}:uni`))).code).toBe('ERR_DID_INSECURE')
  })

  it('verifies a credential end to end against a did:web issuer served over HTTP', async () => {
    const did = `did:web:${host}:uni`
    const input = deterministicInput()
    input.issuer.id = did
    const credential = buildCredential(input, { id: `${base}/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K` })
    const jwt = await signCredential(credential, await createSigner(keys.issuerEd25519.privateJwk, { kid: `${did}#key-1` }))
    const result = await verifyCredential(jwt, { now: NOW, allowInsecureLocalhost: true, cache: createMemoryCache() })
    expect(result.status).toBe('verified')
    expect(result.certificateId).toBe('MC-7KQ4-9XJ2-PM3A-W8TD-K')
    const insecure = await verifyCredential(jwt, { now: NOW, cache: createMemoryCache(), timeout: 2000 })
    expect(insecure.status).toBe('unknown')
    expect(insecure.checks[1]).toMatchObject({ id: 'signature', outcome: 'unknown', code: 'ERR_DID_INSECURE' })
  })
})

describe('createDidResolver: cancellation', () => {
  it('reports ERR_DID_UNREACHABLE when the caller aborts', async () => {
    const controller = new AbortController()
    const fetch: typeof globalThis.fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    const pending = createDidResolver({ fetch }).resolve('did:web:uni.example', { signal: controller.signal })
    controller.abort()
    const { code, details } = await codeOf(pending)
    expect(code).toBe('ERR_DID_UNREACHABLE')
    expect(details).toMatchObject({ reason: 'aborted' })
  })
})
