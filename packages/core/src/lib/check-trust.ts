import type { TrustList } from '@microcert/schemas'
import { isMicrocertError, MicrocertError } from '../errors.js'
import type { VerificationCache } from './cache.js'
import { fetchLimited, type FetchBudget } from './fetch-limited.js'
import { loadChunk } from './load-chunk.js'
import { parseJson } from './parse-json.js'
import { isLocalHost } from '../did-web-to-url.js'
import type { VerificationCheck } from '../types.js'

export interface TrustContext {
  trustedIssuers?: readonly string[] | undefined
  trustList?: TrustList | string | undefined
  fetch: typeof fetch
  timeout: number
  cache: VerificationCache
  allowInsecureLocalhost: boolean
  signal?: AbortSignal | undefined
  budget?: FetchBudget | undefined
}

export interface TrustOutcome {
  check: VerificationCheck
  trusted: boolean
  /** Name and country confirmed by the trust list. */
  listed?: { name?: string; country?: string }
}

const TRUST_LIST_TTL = 300_000
const TRUST_LIST_MAX_BYTES = 1024 * 1024

/**
 * The `trust` check when the verifier configured trust: is the (authenticated) issuer DID among `trustedIssuers` or
 * on the trust list? A list that cannot be loaded is "could not check" (unknown), never "untrusted".
 */
export async function checkTrust(issuerId: string, context: TrustContext): Promise<TrustOutcome> {
  if (context.trustedIssuers === undefined && context.trustList === undefined) {
    return { trusted: false, check: { id: 'trust', outcome: 'skipped', message: 'No trusted issuers or trust list were given' } }
  }
  if (context.trustedIssuers?.includes(issuerId) === true) {
    return { trusted: true, check: { id: 'trust', outcome: 'passed', message: `"${issuerId}" is a trusted issuer` } }
  }
  if (context.trustList !== undefined) {
    let list: TrustList
    try {
      list = await loadTrustList(context.trustList, context)
    } catch (error) {
      const e = isMicrocertError(error) ? error : new MicrocertError('ERR_TRUST_LIST_UNREACHABLE', 'The trust list could not be loaded', { cause: error })
      return { trusted: false, check: { id: 'trust', outcome: 'unknown', code: e.code, message: e.message } }
    }
    const entry = list.issuers.find((issuer) => issuer.id === issuerId)
    if (entry !== undefined) {
      const listed: { name?: string; country?: string } = { name: entry.name }
      if (entry.country !== undefined) listed.country = entry.country
      return {
        trusted: true,
        listed,
        check: { id: 'trust', outcome: 'passed', message: `"${issuerId}" is on the trust list${list.name === undefined ? '' : ` "${list.name}"`}` },
      }
    }
  }
  return {
    trusted: false,
    check: {
      id: 'trust',
      outcome: 'warning',
      code: 'ERR_ISSUER_UNTRUSTED',
      message: `"${issuerId}" is not among the trusted issuers`,
      details: { issuer: issuerId },
    },
  }
}

async function loadTrustList(source: TrustList | string, context: TrustContext): Promise<TrustList> {
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
  const list = await parseTrustList(value)
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

/** Checks a trust list against the schema, which is loaded only when a verifier uses a trust list. */
async function parseTrustList(value: unknown): Promise<TrustList> {
  const { parseTrustList: parse } = await loadChunk(() => import('./parse-trust-list.js'))
  return parse(value)
}
