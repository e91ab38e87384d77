// A page that verifies by certificate ID on load needs two things at once: the verifier's code and the credential
// file. Without help they come one after the other (the verifier must run before `lookupCredential` asks for the
// file). So the element starts the credential's request itself while the verifier loads, and hands the response to
// `lookupCredential` through the `fetch` it passes. Only for the exact request core will make: the canonical ID
// (what published links carry), the URL `lookupCredential` builds, the same fetch options, and only where core
// would fetch at all (https, or an opted-in http://localhost).

const CANONICAL_ID = /^MC(-[0-9A-HJKMNP-TV-Z]{4}){4}-[0-9A-HJKMNP-TV-Z]$/
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
/** Started requests by URL, each taken at most once. */
const started = new Map<string, Promise<Response>>()

/** The URL `lookupCredential` fetches for a canonical ID in `registry`, or undefined when it would fetch nothing. */
function credentialUrl(id: string, registry: string, allowInsecureLocalhost: boolean): string | undefined {
  if (!CANONICAL_ID.test(id)) return undefined
  let base: URL
  try {
    base = new URL(registry)
  } catch {
    return undefined
  }
  const secure = base.protocol === 'https:' || (base.protocol === 'http:' && allowInsecureLocalhost && LOCAL_HOSTS.has(base.hostname))
  return secure ? `${base.href.replace(/\/+$/, '')}/credentials/${id}.jwt` : undefined
}

/** Starts fetching the credential `lookupCredential(id, { registry })` will ask for (see above). */
export function prefetchCredential(id: string, registry: string, allowInsecureLocalhost: boolean): void {
  const url = credentialUrl(id, registry, allowInsecureLocalhost)
  if (url === undefined || started.has(url)) return
  const request = fetch(url, { redirect: 'follow', credentials: 'omit' })
  // A request nobody takes must not report an unhandled rejection.
  request.catch(() => {})
  started.set(url, request)
}

/** Rejects like `fetch` does when `signal` aborts first. */
function abortable(response: Promise<Response>, signal: AbortSignal | null | undefined): Promise<Response> {
  if (!signal) return response
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const abort = (): void => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    response.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/**
 * The `fetch` the element gives the verifier when the page gives none: a prefetched response for its URL (once),
 * else the platform's `fetch`. One function for the page, so core keeps one DID-document cache across runs.
 */
export function prefetchingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined
  const prefetched = url === undefined ? undefined : started.get(url)
  if (prefetched === undefined || init?.method !== undefined && init.method !== 'GET') return fetch(input, init)
  started.delete(url!)
  return abortable(prefetched, init?.signal)
}
