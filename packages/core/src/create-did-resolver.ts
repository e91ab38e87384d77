import { MicrocertError, isMicrocertError } from './errors.js'
import { didWebToUrl, isLocalHost } from './did-web-to-url.js'
import { createMemoryCache, type VerificationCache } from './lib/cache.js'
import { resolveDidJwk } from './lib/did-jwk.js'
import { resolveDidKey } from './lib/did-key.js'
import { fetchLimited, isWebPage, type FetchBudget } from './lib/fetch-limited.js'
import { checkControllerDocument } from './lib/controller-document.js'
import { parseJson } from './lib/parse-json.js'
import type { DidDocument, DidResolver } from './types.js'

export interface DidResolverOptions {
  /** The `fetch` used for did:web. Default `globalThis.fetch`. */
  fetch?: typeof fetch
  /** Timeout of a did:web request in ms. Default 10000. */
  timeout?: number
  /** Where resolved documents are kept. Default: a private in-memory cache. */
  cache?: VerificationCache
  /** How long a did:web document is cached, in ms. Default 300000 (5 minutes). */
  cacheTtl?: number
  /** Allow `http:` for did:web on `localhost` / `127.0.0.1`. Default false. */
  allowInsecureLocalhost?: boolean
  /** Largest accepted DID document in bytes. Default 262144 (256 KiB). */
  maxBytes?: number
}

const DID = /^did:([a-z0-9]+):([A-Za-z0-9._%:-]+)$/

/**
 * Creates a DID resolver for `did:web` (HTTPS GET per the did:web spec; the document `id` must equal the DID),
 * `did:key` (Ed25519, P-256) and `did:jwk` (both without network). Documents are cached.
 *
 * @example
 * const resolver = createDidResolver({ timeout: 5000 })
 * const doc = await resolver.resolve('did:web:uni.example')
 * @throws MicrocertError (from `resolve`) ERR_DID_INVALID, ERR_DID_METHOD_UNSUPPORTED, ERR_DID_NOT_FOUND (HTTP 404/410),
 *   ERR_DID_UNREACHABLE (network, timeout, 5xx, a web page instead of the document), ERR_DID_DOCUMENT_INVALID,
 *   ERR_DID_INSECURE, ERR_KEY_INVALID
 */
export function createDidResolver(options: DidResolverOptions = {}): DidResolver {
  return createBudgetedDidResolver(options, undefined)
}

/** `createDidResolver` whose did:web fetches take their bytes from one verification's budget (internal to core). */
export function createBudgetedDidResolver(options: DidResolverOptions, budget: FetchBudget | undefined): DidResolver {
  if (typeof options !== 'object' || options === null) throw new TypeError('createDidResolver(options): options must be an object')
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeout = options.timeout ?? 10_000
  const cache = options.cache ?? createMemoryCache()
  const cacheTtl = options.cacheTtl ?? 300_000
  const maxBytes = options.maxBytes ?? 256 * 1024
  const allowInsecureLocalhost = options.allowInsecureLocalhost === true

  async function resolveWeb(did: string, signal: AbortSignal | undefined): Promise<DidDocument> {
    const url = didWebToUrl(did, { allowInsecureLocalhost })
    let fetched: Awaited<ReturnType<typeof fetchLimited>>
    try {
      fetched = await fetchLimited(url, {
        fetch: fetchFn,
        timeout,
        maxBytes,
        signal,
        budget,
        unreachableCode: 'ERR_DID_UNREACHABLE',
        tooLargeCode: 'ERR_DID_DOCUMENT_INVALID',
        what: `The DID document of "${did}"`,
      })
    } catch (error) {
      const status = isMicrocertError(error) ? error.details?.['status'] : undefined
      // Gone or never there: the issuer publishes no keys at this address, which no retry will change.
      if (status === 404 || status === 410) {
        throw new MicrocertError('ERR_DID_NOT_FOUND', `The DID document of "${did}" does not exist (HTTP ${status} at ${url})`, {
          cause: error,
          details: { url, status },
        })
      }
      if (
        isMicrocertError(error) &&
        error.code === 'ERR_DID_UNREACHABLE' &&
        !allowInsecureLocalhost &&
        isLocalHost(new URL(url).hostname) &&
        error.details?.['reason'] === 'network'
      ) {
        throw new MicrocertError('ERR_DID_INSECURE', `"${did}" is served over http: only; pass allowInsecureLocalhost to allow it`, {
          cause: error,
        })
      }
      throw error
    }
    if (isWebPage(fetched)) {
      throw new MicrocertError('ERR_DID_UNREACHABLE', `The DID document URL of "${did}" answered with a web page (a proxy or login page?)`, {
        details: { url, reason: 'web-page' },
      })
    }
    let value: unknown
    try {
      value = parseJson(fetched.text, { maxDepth: 32, maxBytes })
    } catch (cause) {
      throw new MicrocertError('ERR_DID_DOCUMENT_INVALID', `The DID document of "${did}" is not valid JSON`, { cause })
    }
    return checkControllerDocument(did, value, `The DID document of "${did}"`)
  }

  return {
    async resolve(did, resolveOptions = {}) {
      if (typeof did !== 'string') throw new TypeError('resolve(did): did must be a string')
      const match = DID.exec(did)
      if (match === null) throw new MicrocertError('ERR_DID_INVALID', `"${did.slice(0, 120)}" is not a DID`)
      const cacheKey = `did:${did}`
      const cached = cache.get(cacheKey) as DidDocument | undefined
      if (cached !== undefined) return cached
      let document: DidDocument
      switch (match[1]) {
        case 'web':
          document = await resolveWeb(did, resolveOptions.signal)
          break
        case 'key':
          document = resolveDidKey(did)
          break
        case 'jwk':
          document = resolveDidJwk(did)
          break
        default:
          throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `DID method "${match[1]}" is not supported (did:web, did:key, did:jwk are)`)
      }
      cache.set(cacheKey, document, cacheTtl, didDocumentBytes(document))
      return document
    },
  }
}

/** A rough size of a resolved document for byte-bounded caches (its methods dominate). */
function didDocumentBytes(document: DidDocument): number {
  return 512 + (document.verificationMethod?.length ?? 0) * 512 + (document.assertionMethod?.length ?? 0) * 128
}
