import { isMicrocertError, MicrocertError, type MicrocertErrorCode } from '../errors.js'
import { readCapped } from './read-capped.js'

/**
 * What the network reads of one verification may still take, in bytes, shared by all its fetches (DID document,
 * trust list, status lists, notices): a credential cannot make its verifier download without end.
 */
export interface FetchBudget {
  remaining: number
}

export interface FetchLimitedOptions {
  fetch: typeof fetch
  timeout: number
  maxBytes: number
  signal?: AbortSignal | undefined
  /** Code for network errors, timeouts and HTTP errors. */
  unreachableCode: MicrocertErrorCode
  /** Code for a body over `maxBytes`. */
  tooLargeCode: MicrocertErrorCode
  /** What is fetched, for messages ("The DID document"). */
  what: string
  /** The verification's byte budget; this fetch takes its body from it. */
  budget?: FetchBudget | undefined
  /** An `Accept` header (CORS-safelisted, so still no preflight), for URLs that also serve a web page. Default none. */
  accept?: string | undefined
}

export interface FetchedText {
  status: number
  text: string
  contentType: string
}

/**
 * GET a URL as text with a timeout and a body size cap, and no custom headers (no CORS preflight).
 * HTTP errors throw `unreachableCode` with `details.status`; the caller maps e.g. a 404 itself by catching.
 */
export async function fetchLimited(url: string, options: FetchLimitedOptions): Promise<FetchedText> {
  const timeoutSignal = AbortSignal.timeout(options.timeout)
  const signal = options.signal === undefined ? timeoutSignal : anySignal(timeoutSignal, options.signal)
  let response: Response
  try {
    // Called unbound: `options.fetch(...)` would pass `options` as `this`, and a browser's window.fetch handed over
    // unbound then throws "Illegal invocation".
    const f = options.fetch
    response = await f(url, { signal, redirect: 'follow', credentials: 'omit', ...(options.accept === undefined ? {} : { headers: { accept: options.accept } }) })
  } catch (cause) {
    throw unreachable(options, url, timeoutSignal, cause, 'could not be fetched')
  }
  // A redirect may move a document, never downgrade it: an https URL answered over plain http could be anyone's answer.
  if (url.startsWith('https:') && response.url.startsWith('http:')) {
    await response.body?.cancel().catch(() => {})
    throw new MicrocertError(options.unreachableCode, `${options.what} was redirected from https to plain http`, {
      details: { url, redirectedTo: response.url, reason: 'insecure-redirect' },
    })
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {})
    throw new MicrocertError(options.unreachableCode, `${options.what} answered HTTP ${response.status}`, {
      details: { url, status: response.status, reason: 'http' },
    })
  }
  const declared = Number(response.headers.get('content-length'))
  if (options.budget !== undefined && declared > options.budget.remaining) {
    await response.body?.cancel().catch(() => {})
    throw budgetExceeded(options, url)
  }
  if (declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {})
    throw new MicrocertError(options.tooLargeCode, `${options.what} is larger than ${options.maxBytes} bytes`, {
      details: { url, maxBytes: options.maxBytes },
    })
  }
  const bytes = await readBody(response, options, url, timeoutSignal)
  const text = new TextDecoder().decode(bytes)
  return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' }
}

async function readBody(response: Response, options: FetchLimitedOptions, url: string, timeoutSignal: AbortSignal): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0)
  let bytes: Uint8Array | undefined
  try {
    bytes = await readCapped(response.body, options.maxBytes, options.budget, () => budgetExceeded(options, url))
  } catch (cause) {
    if (isMicrocertError(cause) && cause.code === 'ERR_FETCH_BUDGET_EXCEEDED') throw cause
    throw unreachable(options, url, timeoutSignal, cause, 'could not be read')
  }
  if (bytes === undefined) {
    throw new MicrocertError(options.tooLargeCode, `${options.what} is larger than ${options.maxBytes} bytes`, {
      details: { url, maxBytes: options.maxBytes },
    })
  }
  return bytes
}

/**
 * True when a fetched body is a web page rather than the JSON / JWT that was asked for: what a captive portal, a
 * proxy's error page or a site's catch-all route answers with status 200. It says "could not check", not "forged".
 */
export function isWebPage(fetched: FetchedText): boolean {
  return /\bhtml\b/i.test(fetched.contentType) || /^\s*</.test(fetched.text.replace(/^\uFEFF/, ''))
}

function budgetExceeded(options: FetchLimitedOptions, url: string): MicrocertError {
  return new MicrocertError('ERR_FETCH_BUDGET_EXCEEDED', `${options.what} would exceed the byte budget of this verification`, {
    details: { url, reason: 'budget' },
  })
}

// AbortSignal.any is missing from Safari < 17.4 and Firefox < 124.
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b])
  const controller = new AbortController()
  const abort = (source: AbortSignal) => () => controller.abort(source.reason)
  if (a.aborted || b.aborted) controller.abort((a.aborted ? a : b).reason)
  a.addEventListener('abort', abort(a), { once: true })
  b.addEventListener('abort', abort(b), { once: true })
  return controller.signal
}

function unreachable(options: FetchLimitedOptions, url: string, timeoutSignal: AbortSignal, cause: unknown, what: string): MicrocertError {
  const reason = options.signal?.aborted === true ? 'aborted' : timeoutSignal.aborted ? 'timeout' : 'network'
  const message =
    reason === 'timeout' ? `${options.what} did not arrive within ${options.timeout} ms` : reason === 'aborted' ? `${options.what} was not fetched: aborted` : `${options.what} ${what}`
  return new MicrocertError(options.unreachableCode, message, { cause, details: { url, reason } })
}
