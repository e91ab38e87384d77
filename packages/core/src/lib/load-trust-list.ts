// The trust list: fetched, parsed and checked against its schema (Zod). check-trust.ts loads this module only when a
// verifier uses a trust list, so a verification without one carries neither this code nor Zod.
import { TrustList } from '@microcert/schemas'
import { isLocalHost } from '../did-web-to-url.js'
import { MicrocertError } from '../errors.js'
import type { TrustContext } from './check-trust.js'
import { fetchLimited } from './fetch-limited.js'
import { parseJson } from './parse-json.js'

const TRUST_LIST_TTL = 300_000
const TRUST_LIST_MAX_BYTES = 1024 * 1024

/** The trust list given, or fetched from its URL (cached): checked against the TrustList schema. */
export async function loadTrustList(source: TrustList | string, context: TrustContext): Promise<TrustList> {
  if (typeof source !== 'string') return parseTrustList(source)
  const url = resolveUrl(source)
  const cacheKey = `trust:${url}`
  const cached = context.cache.get(cacheKey) as TrustList | undefined
  if (cached !== undefined) return cached
  const { text } = await fetchLimited(url, {
    fetch: context.fetch,
    timeout: context.timeout,
    maxBytes: TRUST_LIST_MAX_BYTES,
    signal: context.signal,
    budget: context.budget,
    unreachableCode: 'ERR_TRUST_LIST_UNREACHABLE',
    tooLargeCode: 'ERR_TRUST_LIST_INVALID',
    what: 'The trust list',
  })
  let value: unknown
  try {
    value = parseJson(text, { maxDepth: 16, maxBytes: TRUST_LIST_MAX_BYTES })
  } catch (cause) {
    throw new MicrocertError('ERR_TRUST_LIST_INVALID', 'The trust list is not valid JSON', { cause })
  }
  const list = parseTrustList(value)
  context.cache.set(cacheKey, list, TRUST_LIST_TTL, text.length * 2)
  return list

  function resolveUrl(text: string): string {
    let parsed: URL
    try {
      parsed = new URL(text, (globalThis as { location?: { href: string } }).location?.href)
    } catch (cause) {
      throw new MicrocertError('ERR_TRUST_LIST_UNREACHABLE', 'The trust list URL is not a URL', { cause })
    }
    const insecureOk = context.allowInsecureLocalhost && isLocalHost(parsed.hostname)
    const sameOriginHttp = (globalThis as { location?: { origin: string } }).location?.origin === parsed.origin
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && (insecureOk || sameOriginHttp))) {
      throw new MicrocertError('ERR_TRUST_LIST_UNREACHABLE', 'The trust list must be fetched over https:')
    }
    return parsed.href
  }
}

function parseTrustList(value: unknown): TrustList {
  const result = TrustList.safeParse(value)
  if (!result.success) throw new MicrocertError('ERR_TRUST_LIST_INVALID', 'The trust list is malformed', { cause: result.error })
  return result.data
}
