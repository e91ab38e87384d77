import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from './errors.js'
import { fetchLimited, isWebPage, type FetchedText } from './lib/fetch-limited.js'
import { parseCertificateId } from './parse-certificate-id.js'
import type { VerificationCheck, VerificationProfile, VerificationResult, VerifyOptions } from './types.js'
import { verifyCredential } from './verify-credential.js'

export interface LookupOptions extends VerifyOptions {
  /**
   * Registry base URL, e.g. `https://uni.example/microcerts`. Credentials are at `<registry>/credentials/<ID>.jwt`
   * (VC-JWT) or `<registry>/credentials/<ID>.json` (Data Integrity).
   */
  registry: string
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const DEFAULT_MAX_FETCH_BYTES = 8 * 1024 * 1024

/**
 * Looks a credential up by its certificate ID in a static registry and verifies it: the ID is normalised first
 * (a typo fails at once, without a request), then `<registry>/credentials/<ID>.jwt` is fetched with a plain GET —
 * and, when the registry has none (HTTP 404 / 410), `<registry>/credentials/<ID>.json`, where registries that issue
 * Data Integrity credentials publish them — and passed to `verifyCredential` with the same options (`cache: false`:
 * nothing fetched before is reused). Never throws for a bad ID or an unreachable registry.
 *
 * @example
 * const result = await lookupCredential('mc-7kq4 9xj2 pm3a w8td k', { registry: 'https://uni.example/microcerts' })
 * if (result.verified) console.log(result.credential?.name)
 *
 * Codes (besides those of verifyCredential): ERR_CERTIFICATE_ID_INVALID (failed, no request made),
 * ERR_CREDENTIAL_NOT_FOUND (failed: HTTP 404/410, or the registry answered with another credential),
 * ERR_REGISTRY_UNREACHABLE (unknown: network, timeout, HTTP error, a web page instead of a credential — a proxy or
 * captive portal —, or an `http:` registry that is not an opted-in localhost), ERR_INPUT_TOO_LARGE (failed),
 * ERR_FETCH_BUDGET_EXCEEDED (unknown). Throws `TypeError` when `registry` is not an http(s) URL.
 */
export async function lookupCredential(certificateId: string, options: LookupOptions): Promise<VerificationResult> {
  const { registry, ...verifyOptions } = options ?? ({} as LookupOptions)
  const profile = verifyOptions.profile ?? 'micro-credential'
  let base: URL
  try {
    base = new URL(registry)
  } catch {
    throw new TypeError(`lookupCredential: options.registry must be the registry base URL, got "${String(registry)}"`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`lookupCredential: options.registry must be an http: or https: URL, got "${registry}"`)
  }

  let id: string
  try {
    id = parseCertificateId(certificateId)
  } catch (error) {
    if (!isMicrocertError(error)) throw error
    return outcome(profile, 'failed', {
      id: 'format',
      outcome: 'failed',
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: { ...error.details } }),
    })
  }

  const credentialsUrl = `${base.href.replace(/\/+$/, '')}/credentials/${id}`
  let url = `${credentialsUrl}.jwt`
  if (base.protocol === 'http:' && !(verifyOptions.allowInsecureLocalhost === true && LOCAL_HOSTS.has(base.hostname))) {
    return outcome(
      profile,
      'unknown',
      {
        id: 'format',
        outcome: 'unknown',
        code: 'ERR_REGISTRY_UNREACHABLE',
        message: `The registry "${base.origin}" is not served over https`,
        details: { url, reason: 'insecure' },
      },
      id,
    )
  }

  // The credential's bytes come out of the same budget as everything its verification fetches.
  const budget = { remaining: verifyOptions.maxFetchBytes ?? DEFAULT_MAX_FETCH_BYTES }
  let fetched: FetchedText
  const get = (target: string) =>
    fetchLimited(target, {
      fetch: verifyOptions.fetch ?? globalThis.fetch.bind(globalThis),
      timeout: verifyOptions.timeout ?? 10_000,
      maxBytes: verifyOptions.maxBytes ?? 1024 * 1024,
      signal: verifyOptions.signal,
      budget,
      unreachableCode: 'ERR_REGISTRY_UNREACHABLE',
      tooLargeCode: 'ERR_INPUT_TOO_LARGE',
      what: 'The registry',
    })
  try {
    try {
      fetched = await get(url)
    } catch (error) {
      const status = isMicrocertError(error) ? error.details?.['status'] : undefined
      if (status !== 404 && status !== 410) throw error
      url = `${credentialsUrl}.json`
      fetched = await get(url)
    }
  } catch (error) {
    const e = isMicrocertError(error)
      ? error
      : new MicrocertError('ERR_REGISTRY_UNREACHABLE', 'The registry could not be reached', { cause: error, details: { url } })
    const status = e.details?.['status']
    if (status === 404 || status === 410) {
      return outcome(
        profile,
        'failed',
        { id: 'format', outcome: 'failed', code: 'ERR_CREDENTIAL_NOT_FOUND', message: `The registry has no credential "${id}"`, details: { url, status } },
        id,
      )
    }
    const failed = e.code !== 'ERR_REGISTRY_UNREACHABLE' && e.code !== 'ERR_FETCH_BUDGET_EXCEEDED'
    return outcome(
      profile,
      failed ? 'failed' : 'unknown',
      { id: 'format', outcome: failed ? 'failed' : 'unknown', code: e.code, message: e.message, details: { ...e.details, url } },
      id,
    )
  }

  // A captive portal, a proxy's error page or a host's catch-all page: the registry did not answer, nothing is forged.
  if (isWebPage(fetched)) {
    return outcome(
      profile,
      'unknown',
      {
        id: 'format',
        outcome: 'unknown',
        code: 'ERR_REGISTRY_UNREACHABLE',
        message: 'The registry answered with a web page, not a credential (a proxy or login page?)',
        details: { url, reason: 'web-page' },
      },
      id,
    )
  }

  const result = await verifyCredential(fetched.text.trim(), { ...verifyOptions, maxFetchBytes: Math.max(0, budget.remaining) })
  // A registry must not answer one ID with another credential (a mix-up, a swapped file), nor with an authentic
  // credential that carries no certificate ID at all: the ID the person typed would be vouched for by nothing.
  if (result.certificateId !== id && (result.certificateId !== undefined || result.credential !== undefined)) {
    const checks: VerificationCheck[] = [
      {
        id: 'format',
        outcome: 'failed',
        code: 'ERR_CREDENTIAL_NOT_FOUND',
        message:
          result.certificateId === undefined
            ? `The registry answered "${id}" with a credential that has no certificate ID`
            : `The registry answered "${id}" with credential "${result.certificateId}"`,
        details: { url, requested: id, ...(result.certificateId === undefined ? {} : { received: result.certificateId }) },
      },
      ...result.checks,
    ]
    return { ...result, verified: false, status: 'failed', checks, reason: { check: 'format', code: 'ERR_CREDENTIAL_NOT_FOUND' } }
  }
  return result.certificateId === undefined ? { ...result, certificateId: id } : result
}

function outcome(profile: VerificationProfile, status: 'failed' | 'unknown', check: VerificationCheck & { code: MicrocertErrorCode }, certificateId?: string): VerificationResult {
  return {
    profile,
    verified: false,
    status,
    checks: [check],
    reason: { check: check.id, code: check.code },
    ...(certificateId === undefined ? {} : { certificateId }),
  }
}
