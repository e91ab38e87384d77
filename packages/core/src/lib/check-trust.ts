import type { TrustList } from '@microcert/schemas'
import { isMicrocertError, MicrocertError } from '../errors.js'
import type { VerificationCache } from './cache.js'
import type { FetchBudget } from './fetch-limited.js'
import { loadChunk } from './load-chunk.js'
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
      // The trust list code and its schema (Zod) are loaded only by a verifier that uses a trust list.
      const { loadTrustList } = await loadChunk(() => import('./load-trust-list.js'))
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
