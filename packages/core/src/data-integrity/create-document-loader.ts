import { MicrocertError } from '../errors.js'
import { resolveDidKey } from '../lib/did-key.js'
import { BUNDLED_CONTEXTS } from './lib/bundled-contexts.js'
import { withKeyContext } from './lib/verification-method-context.js'

/** What a JSON-LD document loader returns (the `jsonld` / `jsonld-signatures` contract). */
export interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: unknown
  /** `'static'` lets jsonld keep the processed context across calls; only for documents that never change. */
  tag?: 'static'
}

/** A JSON-LD document loader: URL in, document out; never touches the network. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>

export interface DocumentLoaderOptions {
  /**
   * Extra JSON-LD contexts by URL (an ecosystem's own vocabulary, a test suite's example context), served beside the
   * bundled ones. A URL that is already bundled cannot be replaced. Default none.
   */
  contexts?: Readonly<Record<string, unknown>>
  /** Other documents by URL (a verification method, a controller document), served as given. Default none. */
  documents?: Readonly<Record<string, unknown>>
  /**
   * For each URL with several published versions (context drift), which one to serve (index into the bundled
   * versions). Default: the first, the one its publisher serves today.
   */
  variants?: Readonly<Record<string, number>>
  /** Called with every URL the loader was asked for and could not serve, before it throws. */
  onUnknown?: (url: string) => void
}

/**
 * Creates the static, offline JSON-LD document loader of microcert: it serves the bundled contexts (VC 1.1 and 2.0,
 * Open Badges 3.0.x and its extensions, Data Integrity, Multikey, JWK, Ed25519Signature2020, JsonWebKey2020, Bitstring
 * Status List, StatusList2021, DID v1, security v1/v2), `did:key` DID documents and their keys, and what the caller
 * adds through `contexts` / `documents`. Anything else is refused with ERR_CONTEXT_UNKNOWN: nothing is ever fetched.
 *
 * @example
 * const documentLoader = createDocumentLoader({ contexts: { 'https://example.org/ctx/v1': myContext } })
 * const { document } = await documentLoader('https://www.w3.org/ns/credentials/v2')
 * @throws MicrocertError (from the loader) ERR_CONTEXT_UNKNOWN (`details.url`), ERR_DID_INVALID /
 *   ERR_DID_METHOD_UNSUPPORTED (a malformed or non-Ed25519/P-256 did:key); TypeError for a `contexts` entry that
 *   would replace a bundled context or is not an object
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  if (typeof options !== 'object' || options === null) throw new TypeError('createDocumentLoader(options): options must be an object')
  const extra = new Map<string, unknown>()
  for (const [url, document] of Object.entries(options.contexts ?? {})) {
    if (BUNDLED_CONTEXTS.has(url)) throw new TypeError(`createDocumentLoader: "${url}" is bundled and cannot be replaced`)
    if (typeof document !== 'object' || document === null) throw new TypeError(`createDocumentLoader: the context "${url}" must be an object`)
    extra.set(url, document)
  }
  const documents = new Map(Object.entries(options.documents ?? {}))
  const variants = options.variants ?? {}

  return async (url: string): Promise<RemoteDocument> => {
    const bundled = BUNDLED_CONTEXTS.get(url)
    if (bundled !== undefined) {
      const chosen = bundled[variants[url] ?? 0] ?? bundled[0]
      // A URL with published variants is never cached across calls, so another call can pick another variant.
      return bundled.length === 1 ? { contextUrl: null, documentUrl: url, document: chosen, tag: 'static' } : { contextUrl: null, documentUrl: url, document: chosen }
    }
    if (extra.has(url)) return { contextUrl: null, documentUrl: url, document: extra.get(url) }
    if (documents.has(url)) return { contextUrl: null, documentUrl: url, document: documents.get(url) }
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: didKeyDocument(url) }
    options.onUnknown?.(url)
    throw new MicrocertError('ERR_CONTEXT_UNKNOWN', `"${url.slice(0, 200)}" is not a bundled JSON-LD context; microcert never fetches contexts`, {
      details: { url: url.slice(0, 2048) },
    })
  }
}

/** A did:key DID document, or one of its verification methods for a DID URL with a fragment. */
function didKeyDocument(url: string): unknown {
  const [did = '', fragment] = url.split('#', 2)
  const document = resolveDidKey(did)
  if (fragment === undefined) return document
  const method = document.verificationMethod?.find((m) => m.id === url)
  if (method === undefined) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', `The did:key document has no key "${url.slice(0, 200)}"`)
  }
  return withKeyContext(method)
}
