import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { base64url } from 'jose'
import { buildCredential } from '../src/build-credential.js'
import { createSigner } from '../src/create-signer.js'
import { generateKeyPair } from '../src/generate-key-pair.js'
import { signCredential } from '../src/sign-credential.js'
import { signJwt } from '../src/sign-jwt.js'
import { buildStatusListCredential } from '../src/status/build-status-list-credential.js'
import { createStatusList } from '../src/status/create-status-list.js'
import { encodeStatusList } from '../src/status/encode-status-list.js'
import { setStatusBit } from '../src/status/set-status-bit.js'
import type { Signer } from '../src/types.js'
import { deterministicInput } from './helpers.js'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 (a free port) serving in-memory files and hand-written routes. */
export interface FixtureServer {
  origin: string
  /** The did:web authority of this server, `127.0.0.1%3A<port>`. */
  didHost: string
  /** Path → body (served 200 with `type`). */
  files: Map<string, { body: string | Uint8Array; type?: string }>
  /** Path → handler, for answers that are not a plain file (errors, web pages, silence). */
  routes: Map<string, Handler>
  /** Paths requested, in order. */
  requests: string[]
  close(): Promise<void>
}

export async function fixtureServer(): Promise<FixtureServer> {
  const files = new Map<string, { body: string | Uint8Array; type?: string }>()
  const routes = new Map<string, Handler>()
  const requests: string[] = []
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    requests.push(path)
    const route = routes.get(path)
    if (route !== undefined) return route(req, res)
    const file = files.get(path)
    if (file === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    else res.writeHead(200, { 'content-type': file.type ?? 'application/octet-stream' }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    origin: `http://127.0.0.1:${port}`,
    didHost: `127.0.0.1%3A${port}`,
    files,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A captive portal / proxy error page: HTML with status 200. */
export const webPage: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in to the Wi-Fi</title><p>Please log in')
}

export const status =
  (code: number): Handler =>
  (_req, res) =>
    res.writeHead(code, { 'content-type': 'text/plain' }).end(`HTTP ${code}`)

export interface Party {
  did: string
  signer: Signer
  publicJwk: JsonWebKey
}

/** A did:jwk issuer with a fresh key (its DID is its key: resolved without network). */
export async function jwkParty(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<Party> {
  const { privateJwk, publicJwk } = await generateKeyPair(alg)
  const did = `did:jwk:${base64url.encode(JSON.stringify(publicJwk))}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#0` }), publicJwk }
}

export interface CredentialOptions {
  name?: string
  id?: string
  validUntil?: string
  issuedAt?: string
  credentialStatus?: Record<string, unknown> | Record<string, unknown>[]
  /** Drop EU elements (assessment, QA) so the credential is a plain OB 3.0 one. */
  withoutEuElements?: boolean
}

/** A signed VC-JWT micro-credential of `party` (the sample input, issuer swapped). */
export async function signedCredential(party: Party, options: CredentialOptions = {}): Promise<string> {
  const input = deterministicInput()
  input.issuer.id = party.did
  if (options.name !== undefined) input.issuer.name = options.name
  if (options.issuedAt !== undefined) input.issuedAt = options.issuedAt
  if (options.validUntil !== undefined) input.validUntil = options.validUntil
  const credential = buildCredential(input, options.id === undefined ? {} : { id: options.id }) as unknown as Record<string, unknown>
  if (options.credentialStatus !== undefined) credential['credentialStatus'] = options.credentialStatus
  if (options.withoutEuElements === true) {
    const achievement = (credential['credentialSubject'] as { achievement: Record<string, unknown> }).achievement
    delete achievement['typeOfAssessment']
    delete achievement['qualityAssurance']
  }
  return signCredential(credential, party.signer)
}

/** A revocation entry pointing at `listUrl`. */
export function statusEntry(listUrl: string, index: number, purpose = 'revocation'): Record<string, unknown> {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  }
}

/** A signed BitstringStatusListCredential (VC-JWT) for `url`. */
export async function signedStatusList(
  party: Party,
  url: string,
  options: { purpose?: string; set?: number[]; validFrom?: string; validUntil?: string; ttl?: number; encodedList?: string; id?: string } = {},
): Promise<string> {
  const bits = createStatusList()
  for (const index of options.set ?? []) setStatusBit(bits, index)
  const credential = buildStatusListCredential({
    id: options.id ?? url,
    issuer: party.did,
    purpose: options.purpose ?? 'revocation',
    encodedList: options.encodedList ?? (await encodeStatusList(bits)),
    validFrom: options.validFrom ?? '2026-11-01T00:00:00Z',
    ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  })
  return signJwt({ ...credential, iss: party.did }, party.signer)
}
