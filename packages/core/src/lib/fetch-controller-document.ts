import { isLocalHost } from '../did-web-to-url.js'
import { MicrocertError, isMicrocertError } from '../errors.js'
import type { DidDocument } from '../types.js'
import { checkControllerDocument, type ControllerFetchContext } from './controller-document.js'
import { fetchLimited, isWebPage } from './fetch-limited.js'
import { parseJson } from './parse-json.js'

const MAX_BYTES = 256 * 1024
const TTL_MS = 300_000

/**
 * Fetches the controller document an https issuer publishes at its URL (an Open Badges issuer profile listing its keys)
 * with the limits of a DID document: https only (http only for an opted-in localhost), 256 KiB, the verification's
 * timeout and byte budget, cached for 5 minutes. Its `id` must be the URL. Throws MicrocertError ERR_DID_INSECURE,
 * ERR_DID_METHOD_UNSUPPORTED (not an http(s) URL), ERR_DID_NOT_FOUND (HTTP 404 / 410), ERR_DID_UNREACHABLE (network,
 * timeout, HTTP error, a web page), ERR_DID_DOCUMENT_INVALID, ERR_FETCH_BUDGET_EXCEEDED.
 */
export async function fetchControllerDocument(id: string, context: ControllerFetchContext, signal?: AbortSignal): Promise<DidDocument> {
  let url: URL
  try {
    url = new URL(id)
  } catch {
    throw new MicrocertError('ERR_DID_INVALID', `"${id.slice(0, 120)}" is neither a DID nor a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `Keys of "${url.protocol}" identifiers cannot be resolved (DIDs and https URLs can)`)
  }
  if (url.protocol === 'http:' && !(context.allowInsecureLocalhost && isLocalHost(url.hostname))) {
    throw new MicrocertError('ERR_DID_INSECURE', `The issuer profile "${id.slice(0, 200)}" is not served over https`, { details: { url: id.slice(0, 2048), reason: 'insecure' } })
  }
  const what = `The issuer profile at "${id.slice(0, 200)}"`
  const cacheKey = `controller:${id}`
  const cached = context.cache.get(cacheKey) as DidDocument | undefined
  if (cached !== undefined) return cached
  let text: string
  try {
    const fetched = await fetchLimited(id, {
      fetch: context.fetch,
      timeout: context.timeout,
      maxBytes: MAX_BYTES,
      signal,
      budget: context.budget,
      unreachableCode: 'ERR_DID_UNREACHABLE',
      tooLargeCode: 'ERR_DID_DOCUMENT_INVALID',
      what,
      accept: 'application/ld+json, application/json',
    })
    if (isWebPage(fetched)) {
      throw new MicrocertError('ERR_DID_UNREACHABLE', `${what} answered with a web page, not a document listing its keys`, { details: { url: id, reason: 'web-page' } })
    }
    text = fetched.text
  } catch (error) {
    const status = isMicrocertError(error) ? error.details?.['status'] : undefined
    if (status === 404 || status === 410) {
      throw new MicrocertError('ERR_DID_NOT_FOUND', `${what} does not exist (HTTP ${status}): the issuer publishes no keys there`, { cause: error, details: { url: id, status } })
    }
    throw error
  }
  let value: unknown
  try {
    value = parseJson(text, { maxDepth: 32, maxBytes: MAX_BYTES })
  } catch (cause) {
    throw new MicrocertError('ERR_DID_DOCUMENT_INVALID', `${what} is not valid JSON`, { cause })
  }
  const document = checkControllerDocument(id, value, what)
  context.cache.set(cacheKey, document, TTL_MS, 512 + (document.verificationMethod?.length ?? 0) * 512)
  return document
}
