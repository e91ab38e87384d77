import { isLocalHost } from '../../did-web-to-url.js'
import { MicrocertError, isMicrocertError } from '../../errors.js'
import type { VerificationCache } from '../../lib/cache.js'
import { fetchLimited } from '../../lib/fetch-limited.js'
import { publicJwkOf } from '../../lib/jwk.js'
import { parseJson } from '../../lib/parse-json.js'
import type { DidDocument, DidResolver, VerificationMethod } from '../../types.js'
import { jwtVcIssuerMetadataUrl } from '../jwt-vc-issuer-metadata-url.js'

/** How a verifier finds the issuer's key: `did` (the `kid` is a DID URL of the issuer's did:web), `jwt-vc-issuer` (JWKS from `/.well-known/jwt-vc-issuer`), or `auto` (DID when the `kid` is one, else the metadata). */
export type KeyDiscovery = 'auto' | 'did' | 'jwt-vc-issuer'

export interface IssuerKeyContext {
  resolver: DidResolver
  fetch: typeof fetch
  timeout: number
  cache: VerificationCache
  allowInsecureLocalhost: boolean
  keyDiscovery: KeyDiscovery
  signal?: AbortSignal | undefined
}

export interface IssuerKey {
  jwk: JsonWebKey
  /** How the key was found. */
  via: 'did' | 'jwt-vc-issuer'
  /** The DID that vouched for the key (did route), or the did:web equivalent of an https `iss`. */
  did?: string
}

const METADATA_TTL = 300_000
const METADATA_MAX_BYTES = 256 * 1024

/**
 * The public key that must have signed a JWT of issuer `iss` with header `kid`: from the DID document when `iss` is a
 * DID or the `kid` is a DID URL of the did:web of the https `iss` (same domain and path), else from the issuer's JWT VC
 * Issuer Metadata. Throws MicrocertError:
 * ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_ISSUER_MISMATCH, ERR_DID_*, ERR_ISSUER_METADATA_UNREACHABLE / _INVALID.
 */
export async function resolveIssuerKey(iss: string, kid: string | undefined, context: IssuerKeyContext): Promise<IssuerKey> {
  const kidDid = kid?.startsWith('did:') === true ? kid.split('#')[0]! : undefined
  const issDid = iss.startsWith('did:') ? iss : didWebForUrl(iss)
  // A DID issuer's kid must be one of its own keys. For an https issuer the draft's mechanism is the JWT VC Issuer
  // Metadata, where a kid is only a label the JWK Set binds to the issuer; the did:web that *is* the issuer URL is an
  // equivalent second route (its did.json sits inside the registry), any other DID in the kid proves nothing.
  if (iss.startsWith('did:') && kidDid !== undefined && kidDid !== issDid) {
    throw new MicrocertError('ERR_ISSUER_MISMATCH', `The key "${kid!.slice(0, 200)}" does not belong to the issuer "${iss.slice(0, 200)}"`, {
      details: { iss: iss.slice(0, 200), kid: kid!.slice(0, 200) },
    })
  }
  const useDid = iss.startsWith('did:') || (kidDid !== undefined && kidDid === issDid && context.keyDiscovery !== 'jwt-vc-issuer')
  if (useDid) {
    if (kid === undefined || kidDid === undefined) {
      throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token has no "kid" naming a key of the issuer\'s DID')
    }
    const document = await context.resolver.resolve(kidDid, context.signal === undefined ? {} : { signal: context.signal })
    const method = findAssertionMethod(document, kid)
    if (method?.publicKeyJwk === undefined) {
      throw new MicrocertError('ERR_KEY_NOT_FOUND', `The DID document of "${kidDid}" has no assertion key "${kid.slice(0, 200)}"`, {
        details: { kid: kid.slice(0, 200) },
      })
    }
    return { jwk: publicJwkOf(method.publicKeyJwk, `Key "${kid.slice(0, 200)}"`), via: 'did', did: kidDid }
  }
  if (context.keyDiscovery === 'did') {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token\'s "kid" is not a DID URL of the issuer\'s did:web')
  }
  const keys = await fetchIssuerJwks(iss, context)
  const candidates = kid === undefined ? keys : keys.filter((key) => (key as { kid?: unknown }).kid === kid)
  if (candidates.length !== 1) {
    throw new MicrocertError(
      'ERR_KEY_NOT_FOUND',
      kid === undefined ? 'The token has no "kid" and the issuer lists more than one key' : `The issuer lists no key "${kid.slice(0, 200)}"`,
      { details: { kid: kid?.slice(0, 200) } },
    )
  }
  return { jwk: publicJwkOf(candidates[0], `Key "${(kid ?? '').slice(0, 200)}"`), via: 'jwt-vc-issuer', ...(issDid === undefined ? {} : { did: issDid }) }
}

/** did:web of an http(s) URL (`https://uni.example:8443/a/b` → `did:web:uni.example%3A8443:a:b`), or undefined. */
export function didWebForUrl(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  const host = parsed.port === '' ? parsed.hostname : `${parsed.hostname}%3A${parsed.port}`
  const path = parsed.pathname.split('/').filter((segment) => segment.length > 0)
  return ['did:web', host, ...path].join(':')
}

function findAssertionMethod(document: DidDocument, kid: string): VerificationMethod | undefined {
  for (const entry of document.assertionMethod ?? []) {
    if (typeof entry === 'string') {
      if (entry === kid) return document.verificationMethod?.find((method) => method.id === kid)
    } else if (entry.id === kid) {
      return entry
    }
  }
  return undefined
}

async function fetchIssuerJwks(iss: string, context: IssuerKeyContext): Promise<unknown[]> {
  let url: string
  try {
    url = jwtVcIssuerMetadataUrl(iss)
  } catch (cause) {
    throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', `The issuer "${iss.slice(0, 200)}" is neither a DID nor an https URL`, { cause })
  }
  const cacheKey = `jwt-vc-issuer:${url}`
  const cached = context.cache.get(cacheKey) as unknown[] | undefined
  if (cached !== undefined) return cached
  const metadata = await fetchJson(url, context, 'The issuer metadata')
  if (typeof metadata !== 'object' || metadata === null || (metadata as { issuer?: unknown }).issuer !== iss) {
    throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', `The issuer metadata at ${url} does not name the issuer "${iss.slice(0, 200)}"`)
  }
  const { jwks, jwks_uri: jwksUri } = metadata as { jwks?: unknown; jwks_uri?: unknown }
  if ((jwks === undefined) === (jwksUri === undefined)) {
    throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', `The issuer metadata at ${url} must have exactly one of "jwks" and "jwks_uri"`)
  }
  const set = jwks ?? (typeof jwksUri === 'string' ? await fetchJson(checkedUrl(jwksUri, context), context, 'The issuer key set') : undefined)
  const keys = (set as { keys?: unknown } | undefined)?.keys
  if (!Array.isArray(keys)) throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', `The issuer metadata at ${url} has no key set`)
  context.cache.set(cacheKey, keys, METADATA_TTL)
  return keys
}

function checkedUrl(url: string, context: IssuerKeyContext): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', 'The issuer metadata names a "jwks_uri" that is not a URL', { cause })
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && context.allowInsecureLocalhost && isLocalHost(parsed.hostname))) return parsed.href
  throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', 'The issuer key set must be served over https:')
}

async function fetchJson(url: string, context: IssuerKeyContext, what: string): Promise<unknown> {
  const target = checkedUrl(url, context)
  let text: string
  try {
    ;({ text } = await fetchLimited(target, {
      fetch: context.fetch,
      timeout: context.timeout,
      maxBytes: METADATA_MAX_BYTES,
      signal: context.signal,
      unreachableCode: 'ERR_ISSUER_METADATA_UNREACHABLE',
      tooLargeCode: 'ERR_ISSUER_METADATA_INVALID',
      what,
    }))
  } catch (error) {
    if (isMicrocertError(error)) throw error
    throw new MicrocertError('ERR_ISSUER_METADATA_UNREACHABLE', `${what} could not be fetched`, { cause: error })
  }
  try {
    return parseJson(text, { maxDepth: 16, maxBytes: METADATA_MAX_BYTES })
  } catch (cause) {
    throw new MicrocertError('ERR_ISSUER_METADATA_INVALID', `${what} at ${target} is not valid JSON`, { cause })
  }
}
