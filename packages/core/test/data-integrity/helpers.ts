import { readFileSync } from 'node:fs'
import { createDidResolver } from '../../src/create-did-resolver.js'
import type { DidDocument } from '../../src/types.js'

/** Reads a fixture from test/vectors/foreign/ (see PROVENANCE.md there). */
export function foreign<T = Record<string, any>>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../vectors/foreign/${path}`, import.meta.url), 'utf8')) as T
}

export function foreignText(path: string): string {
  return readFileSync(new URL(`../vectors/foreign/${path}`, import.meta.url), 'utf8').trim()
}

/** The W3C example contexts the W3C test vectors use; never bundled (they carry an `@vocab`), passed as extras. */
export const EXAMPLE_CONTEXTS = {
  'https://www.w3.org/ns/credentials/examples/v2': foreign('contexts/credentials-examples-v2.json'),
  'https://www.w3.org/2018/credentials/examples/v1': foreign('contexts/credentials-examples-v1.json'),
}

/**
 * A real did:web / did:key / did:jwk resolver whose did:web requests are answered from `documents` (no network):
 * the did:web URL rules and the document-id check run as in production.
 */
export function resolverServing(documents: DidDocument[]) {
  const byUrl = new Map<string, DidDocument>()
  for (const document of documents) {
    const [, , host = '', ...path] = document.id.split(':')
    const url = path.length === 0 ? `https://${decodeURIComponent(host)}/.well-known/did.json` : `https://${decodeURIComponent(host)}/${path.join('/')}/did.json`
    byUrl.set(url, document)
  }
  const requested: string[] = []
  const fetch = async (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input)
    requested.push(url)
    const document = byUrl.get(url)
    return document === undefined ? new Response('not found', { status: 404 }) : new Response(JSON.stringify(document), { headers: { 'content-type': 'application/did+json' } })
  }
  return Object.assign(createDidResolver({ fetch: fetch as typeof globalThis.fetch }), { requested })
}

/** The Ed25519 key pair of the Open Badges implementation guide's Data Integrity test vector (public test key). */
export const OB_IMPL_GUIDE_KEY = {
  publicKeyHex: '4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5',
  secretKeyHex: '6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4',
  publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
}

export function ed25519Jwk(secretHex: string, publicHex: string): JsonWebKey {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64url')
  return { kty: 'OKP', crv: 'Ed25519', d: b64(secretHex), x: b64(publicHex) }
}
