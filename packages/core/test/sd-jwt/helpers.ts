import { createHash, createPrivateKey, sign as nodeSign } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SDJwtInstance } from '@sd-jwt/core'
import { buildCredential } from '../../src/build-credential.js'
import { createMemoryCache } from '../../src/lib/cache.js'
import { createDidWebDocument } from '../../src/create-did-web-document.js'
import { createSigner } from '../../src/create-signer.js'
import { buildJwtVcIssuerMetadata } from '../../src/sd-jwt/build-jwt-vc-issuer-metadata.js'
import { buildTokenStatusList, type TokenStatusEntry } from '../../src/sd-jwt/build-token-status-list.js'
import { issueSdJwtVc, type IssueSdJwtVcOptions } from '../../src/sd-jwt/issue-sd-jwt-vc.js'
import { jwtVcIssuerMetadataUrl } from '../../src/sd-jwt/jwt-vc-issuer-metadata-url.js'
import { microCredentialVct } from '../../src/sd-jwt/micro-credential-vct.js'
import type { Signer } from '../../src/types.js'
import { CREDENTIAL_ID, NOW, fullInput, keys } from '../helpers.js'
import walletKeys from '../vectors/wallet-keys.json' with { type: 'json' }

export { walletKeys }

/** An issuer's static site on 127.0.0.1: did.json, JWT VC Issuer Metadata, the Token Status List. */
export interface IssuerSite {
  url: string
  did: string
  signer: Signer
  statusUri: string
  /** Replaces (or adds) a file served at `path`. */
  put(path: string, body: string, type?: string): void
  remove(path: string): void
  /** Publishes the Token Status List with these entries. */
  publishStatus(entries: TokenStatusEntry[], options?: { signer?: Signer; size?: number }): Promise<void>
  close(): Promise<void>
}

export async function startIssuerSite(): Promise<IssuerSite> {
  const files = new Map<string, { body: string; type: string }>()
  const server: Server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://x').pathname)
    if (file === undefined) {
      response.writeHead(404).end('not found')
      return
    }
    response.writeHead(200, { 'content-type': file.type, 'access-control-allow-origin': '*' }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  const did = `did:web:127.0.0.1%3A${port}`
  const signer = await createSigner(keys.issuerP256.privateJwk, { kid: `${did}#key-1` })
  const put = (path: string, body: string, type = 'application/json') => files.set(path, { body, type })
  put('/.well-known/did.json', JSON.stringify(createDidWebDocument({ did, keys: [{ id: 'key-1', publicJwk: keys.issuerP256.publicJwk }] })))
  put(
    new URL(jwtVcIssuerMetadataUrl(url)).pathname,
    JSON.stringify(buildJwtVcIssuerMetadata({ issuer: url, keys: [{ kid: `${did}#key-1`, publicJwk: keys.issuerP256.publicJwk }] })),
  )
  const statusUri = `${url}/status/wallet.jwt`
  const site: IssuerSite = {
    url,
    did,
    signer,
    statusUri,
    put,
    remove: (path) => void files.delete(path),
    async publishStatus(entries, options = {}) {
      const jwt = await buildTokenStatusList({ uri: statusUri, signer: options.signer ?? signer, issuer: url, entries, now: NOW, size: options.size ?? 1024 })
      put('/status/wallet.jwt', jwt, 'application/statuslist+jwt')
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
  await site.publishStatus([])
  return site
}

export function sampleCredential() {
  return buildCredential(fullInput(), { id: CREDENTIAL_ID, now: NOW })
}

/** Issues the sample credential to the wallet key, as `site`'s issuer, with status index 7. */
export async function issueSample(site: IssuerSite, overrides: Partial<IssueSdJwtVcOptions> = {}): Promise<string> {
  return issueSdJwtVc(sampleCredential(), {
    signer: site.signer,
    issuer: site.url,
    vct: microCredentialVct(site.url),
    holderKey: walletKeys.walletP256.publicJwk,
    status: { idx: 7, uri: site.statusUri },
    holder: { givenName: 'Jana', familyName: 'Nováková', dateOfBirth: '2001-04-17' },
    now: NOW,
    ...overrides,
  })
}

export interface PresentOptions {
  /** Claims to disclose. Default: every disclosure. */
  disclose?: string[]
  nonce?: string
  aud?: string
  iat?: Date
  /** Private JWK of the key that signs the key-binding JWT. Default: the wallet key. */
  key?: JsonWebKey
  /** Leave out the key-binding JWT. */
  withoutKeyBinding?: boolean
}

export const VERIFIER = 'https://employer.example'
export const NONCE = 'n-0S6_WzA2Mj'

/** What a wallet does: picks disclosures and signs a key-binding JWT with its key (the OWF @sd-jwt holder code). */
export async function present(sdJwt: string, options: PresentOptions = {}): Promise<string> {
  const key = createPrivateKey({ key: (options.key ?? walletKeys.walletP256.privateJwk) as import('node:crypto').JsonWebKey, format: 'jwk' })
  const holder = new SDJwtInstance({
    hasher: (data, alg) => {
      if (alg !== 'sha-256') throw new Error(`unexpected ${alg}`)
      return new Uint8Array(createHash('sha256').update(typeof data === 'string' ? data : Buffer.from(data)).digest())
    },
    kbSigner: (data) => nodeSign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
    kbSignAlg: 'ES256',
  })
  const frame = options.disclose === undefined ? undefined : Object.fromEntries(options.disclose.map((name) => [name, true]))
  if (options.withoutKeyBinding === true) return holder.present(sdJwt, frame)
  return holder.present(sdJwt, frame, {
    kb: { payload: { iat: Math.floor((options.iat ?? NOW).getTime() / 1000), aud: options.aud ?? VERIFIER, nonce: options.nonce ?? NONCE } },
  })
}

/** Options every verification in these tests shares: the fixed clock, localhost over http, a fresh cache. */
export function verifyOptions(extra: Record<string, unknown> = {}) {
  return { now: NOW, allowInsecureLocalhost: true, nonce: NONCE, audience: VERIFIER, timeout: 2_000, cache: createMemoryCache(), ...extra }
}
