import { MicrocertError } from '../errors.js'
import type { DidDocument, DidResolver, VerificationMethod } from '../types.js'
import type { VerificationCache } from './cache.js'
import type { FetchBudget } from './fetch-limited.js'
import { loadChunk } from './load-chunk.js'

/**
 * Resolves the document that says which keys an issuer controls: the DID document of a DID, or the controller
 * document an https issuer publishes at its own URL (an Open Badges issuer profile with `verificationMethod` and
 * `assertionMethod`). Throws MicrocertError with an ERR_DID_* code for both.
 */
export type ControllerResolver = (id: string, signal?: AbortSignal) => Promise<DidDocument>

/** How https controller documents are fetched: the verification's `fetch`, limits, cache and byte budget. */
export interface ControllerFetchContext {
  fetch: typeof fetch
  timeout: number
  cache: VerificationCache
  allowInsecureLocalhost: boolean
  budget?: FetchBudget | undefined
}

/** DIDs go to `resolver`; https URLs are fetched (the fetching code is a separate chunk, loaded on first use). */
export function createControllerResolver(resolver: DidResolver, web: ControllerFetchContext): ControllerResolver {
  return async (id, signal) => {
    if (id.startsWith('did:')) return resolver.resolve(id, signal === undefined ? {} : { signal })
    const { fetchControllerDocument } = await loadChunk(() => import('./fetch-controller-document.js'))
    return fetchControllerDocument(id, web, signal)
  }
}

/**
 * Checks a DID document or controller document and returns it with every verification method id absolute: a JSON
 * object whose `id` is the identifier that was resolved (a document must not speak for another identifier), with
 * well-formed `verificationMethod`, `assertionMethod` and `authentication` (a single object is read as a list of one,
 * as JSON-LD compaction writes it). `what` names the document in messages. Throws ERR_DID_DOCUMENT_INVALID.
 */
export function checkControllerDocument(id: string, value: unknown, what: string): DidDocument {
  const invalid = (why: string) => new MicrocertError('ERR_DID_DOCUMENT_INVALID', `${what} ${why}`)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('is not a JSON object')
  const doc = value as Record<string, unknown>
  if (doc['id'] !== id) {
    throw new MicrocertError('ERR_DID_DOCUMENT_INVALID', `${what} names itself "${typeof doc['id'] === 'string' ? doc['id'].slice(0, 200) : typeof doc['id']}", not "${id.slice(0, 200)}"`, {
      details: { expected: id.slice(0, 200), received: typeof doc['id'] === 'string' ? doc['id'].slice(0, 200) : typeof doc['id'] },
    })
  }
  const absolute = (ref: string) => (ref.startsWith('#') ? `${id}${ref}` : ref)
  const list = (name: string): unknown[] | undefined => {
    const raw = doc[name]
    if (raw === undefined) return undefined
    if (Array.isArray(raw)) return raw
    if (typeof raw === 'object' && raw !== null) return [raw]
    if (typeof raw === 'string') return [raw]
    throw invalid(`has a malformed ${name}`)
  }
  const toMethod = (raw: unknown): VerificationMethod => {
    if (typeof raw !== 'object' || raw === null) throw invalid('has a malformed verification method')
    const m = raw as Record<string, unknown>
    if (typeof m['id'] !== 'string' || typeof m['type'] !== 'string') throw invalid('has a verification method without id or type')
    return { ...(m as unknown as VerificationMethod), id: absolute(m['id']) }
  }
  const methods = (list('verificationMethod') ?? []).map(toMethod)
  const relation = (name: string): (string | VerificationMethod)[] | undefined =>
    list(name)?.map((entry) => (typeof entry === 'string' ? absolute(entry) : toMethod(entry)))
  const result: DidDocument = { ...doc, id, verificationMethod: methods }
  const assertionMethod = relation('assertionMethod')
  if (assertionMethod !== undefined) result.assertionMethod = assertionMethod
  const authentication = relation('authentication')
  if (authentication !== undefined) result.authentication = authentication
  return result
}

/** The verification method `id` names, wherever the document lists it (verificationMethod or embedded in a relationship). */
export function methodById(document: DidDocument, id: string): VerificationMethod | undefined {
  for (const candidate of [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? []), ...(document.authentication ?? [])]) {
    if (typeof candidate === 'object' && candidate.id === id) return candidate
  }
  return undefined
}

/** Whether the document authorises the key `id` for issuing credentials (`assertionMethod`, by reference or embedded). */
export function isAssertionKey(document: DidDocument, id: string): boolean {
  return (document.assertionMethod ?? []).some((entry) => (typeof entry === 'string' ? entry : entry.id) === id)
}
