import { MicroCredential, OpenBadgeCredential, formatSchemaIssues, missingEuElements } from '@microcert/schemas'
import { certificateIdFromCredentialId } from './certificate-id-from-credential-id.js'
import { createDidResolver } from './create-did-resolver.js'
import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from './errors.js'
import { createMemoryCache, type VerificationCache } from './lib/cache.js'
import { checkTrust } from './lib/check-trust.js'
import { checkValidity } from './lib/check-validity.js'
import { credentialFromPayload, isLegacyCredential, isRecord, issuerIdOf, subjectIdOf, VC_V1_CONTEXT, VC_V2_CONTEXT } from './lib/jwt-claims.js'
import { checkJoseHeader, looksLikeCompactJws, parseCompactJws, type ParsedJws } from './lib/jws.js'
import { exceedsBytes, parseJson } from './lib/parse-json.js'
import { verifyParsedJws } from './lib/verify-jws.js'
import { checkCredentialStatus } from './status/check-credential-status.js'
import type {
  Algorithm,
  VerificationCheck,
  VerificationCheckId,
  VerificationResult,
  VerificationStatus,
  VerifyOptions,
} from './types.js'

const CHECK_ORDER: readonly VerificationCheckId[] = ['format', 'signature', 'issuer', 'schema', 'trust', 'validity', 'status']
const DEFAULT_ALGORITHMS: readonly Algorithm[] = ['ES256', 'EdDSA']
const DEFAULT_MAX_BYTES = 1024 * 1024
/**
 * Caches shared by calls that bring none, so a page verifying many credentials fetches each DID document once. One per
 * fetch function and per localhost opt-in: what one caller fetched through its own `fetch` (a proxy, a test double) or
 * over http://localhost is never served to a call that used neither.
 */
const defaultCaches = { secure: new WeakMap<object, VerificationCache>(), insecure: new WeakMap<object, VerificationCache>() }
const utf8 = new TextDecoder('utf-8', { fatal: true })
/**
 * Schema outcomes of authenticated payloads, keyed by public key + signature: a signature that verified under a
 * key pins the payload (another payload with the same signature and key would be a forgery). The schema check is a
 * pure function of the payload and costs more than the rest of a cached verification together, so verifying the same
 * credential again (a page re-rendering, a registry serving a popular credential) skips it. Bounded; oldest first.
 */
const schemaChecks = new Map<string, VerificationCheck>()
const SCHEMA_CACHE_ENTRIES = 64
/** Codes of the signature step that mean "could not check", not "forged". */
const UNKNOWN_CODES = new Set<MicrocertErrorCode>(['ERR_DID_UNREACHABLE', 'ERR_DID_INSECURE'])

/**
 * Verifies a micro-credential — a VC-JWT, JSON text or object, or the bytes of a file — and reports every check
 * (format → signature → issuer → schema → trust → validity → status). It never throws for a bad credential: the
 * result says what failed, with a stable code. `verified` is true only when every check passed (or was skipped).
 *
 * @example
 * const result = await verifyCredential(jwt, { trustedIssuers: ['did:web:uni.example'] })
 * if (result.verified) console.log(result.credential?.credentialSubject.achievement.name)
 * else console.log(result.status, result.checks.filter((c) => c.code).map((c) => c.code))
 * @throws TypeError only for misuse (input not a string / object / Uint8Array, malformed options). Result codes:
 *   format ERR_INPUT_TOO_LARGE, ERR_FORMAT_UNSUPPORTED, ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_TYPE_UNSUPPORTED,
 *   ERR_JWT_HEADER_FORBIDDEN, ERR_JWT_PAYLOAD_INVALID; signature ERR_PROOF_MISSING, ERR_ALGORITHM_UNSUPPORTED,
 *   ERR_SIGNATURE_INVALID, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_DID_*; issuer ERR_ISSUER_MISMATCH; schema
 *   ERR_SCHEMA_INVALID, ERR_EU_ELEMENTS_MISSING, ERR_CREDENTIAL_LEGACY; trust ERR_ISSUER_UNTRUSTED,
 *   ERR_TRUST_LIST_UNREACHABLE, ERR_TRUST_LIST_INVALID; validity ERR_CREDENTIAL_EXPIRED, ERR_CREDENTIAL_NOT_YET_VALID,
 *   ERR_VALIDITY_INCONSISTENT; status ERR_CREDENTIAL_REVOKED, ERR_CREDENTIAL_SUSPENDED, ERR_STATUS_*.
 */
export async function verifyCredential(input: string | object | Uint8Array, options: VerifyOptions = {}): Promise<VerificationResult> {
  checkArguments(input, options)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeout = options.timeout ?? 10_000
  const allowInsecureLocalhost = options.allowInsecureLocalhost === true
  const cache = options.cache ?? defaultCacheFor(options.fetch, allowInsecureLocalhost)
  const now = options.now ?? new Date()
  const checks: VerificationCheck[] = []

  // format
  const decoded = decodeInput(input, maxBytes, algorithms)
  if ('error' in decoded) return finish(checks, failed('format', decoded.error))
  checks.push({ id: 'format', outcome: 'passed', message: decoded.parsed === undefined ? 'A JSON credential' : 'A VC-JWT (compact JWS)' })
  const { credential, legacy, parsed } = decoded

  // signature
  if (decoded.preSignature !== undefined) return finish(checks, failed('signature', decoded.preSignature))
  if (parsed === undefined) {
    const hasProof = credential['proof'] !== undefined
    return finish(
      checks,
      hasProof
        ? failed('signature', new MicrocertError('ERR_ALGORITHM_UNSUPPORTED', 'Embedded Data Integrity proofs are not supported yet; present the VC-JWT'))
        : failed('signature', new MicrocertError('ERR_PROOF_MISSING', 'The credential is unsigned JSON: nothing proves who issued it')),
    )
  }
  const resolver =
    options.resolver ?? createDidResolver({ fetch: fetchFn, timeout, cache, allowInsecureLocalhost, maxBytes: 256 * 1024 })
  let keyDid: string | undefined
  let signatureOutcome: 'passed' | 'unknown' = 'passed'
  let schemaKey: string | undefined
  try {
    const verified = await verifyParsedJws(parsed, { resolver, algorithms, key: options.key, signal: options.signal })
    keyDid = verified.issuerDid
    schemaKey = `${verified.publicJwk.x}.${verified.publicJwk.y ?? ''}.${parsed.token.slice(parsed.signingInputLength + 1)}`
    checks.push({ id: 'signature', outcome: 'passed', message: `Signed with key "${verified.kid || 'given by the verifier'}"` })
  } catch (error) {
    const e = asMicrocertError(error, 'ERR_SIGNATURE_INVALID')
    if (!UNKNOWN_CODES.has(e.code)) return finish(checks, failed('signature', e))
    signatureOutcome = 'unknown'
    checks.push(toCheck('signature', 'unknown', e))
    const kid = parsed.header['kid']
    if (typeof kid === 'string' && kid.startsWith('did:')) keyDid = kid.split('#')[0]
  }

  // issuer
  const issuerId = issuerIdOf(credential)
  const issuerCheck = checkIssuer(issuerId, parsed.payload['iss'], keyDid, options.key !== undefined)
  checks.push(issuerCheck)
  if (issuerCheck.outcome === 'failed' || issuerId === undefined) return finish(checks, undefined)

  const result: Partial<VerificationResult> = { credential: credential as MicroCredential }
  const certificateId = typeof credential['id'] === 'string' ? certificateIdFromCredentialId(credential['id']) : undefined
  if (certificateId !== undefined) result.certificateId = certificateId

  // schema
  const schemaCheck = schemaKey === undefined ? checkSchema(credential, legacy) : cachedSchemaCheck(schemaKey, credential, legacy)
  checks.push(schemaCheck)
  if (schemaCheck.outcome === 'failed') return finish(checks, undefined, result)

  // trust
  const trust = await checkTrust(issuerId, {
    trustedIssuers: options.trustedIssuers,
    trustList: options.trustList,
    fetch: fetchFn,
    timeout,
    cache,
    allowInsecureLocalhost,
    signal: options.signal,
  })
  checks.push(trust.check)
  const issuer = isRecord(credential['issuer']) ? credential['issuer'] : {}
  const address = isRecord(issuer['address']) ? issuer['address'] : {}
  const name = trust.listed?.name ?? (typeof issuer['name'] === 'string' ? issuer['name'] : undefined)
  const country = trust.listed?.country ?? (typeof address['addressCountryCode'] === 'string' ? address['addressCountryCode'] : undefined)
  result.issuer = { id: issuerId, ...(name === undefined ? {} : { name }), ...(country === undefined ? {} : { country }), trusted: trust.trusted && signatureOutcome === 'passed' }

  // validity
  const validity = checkValidity(credential, parsed.payload, now, options.clockTolerance ?? 60)
  checks.push(validity)
  if (validity.outcome === 'failed') return finish(checks, undefined, result)

  // status
  if (options.checkStatus === false) {
    checks.push({ id: 'status', outcome: 'skipped', message: 'Status checking was turned off' })
  } else {
    let status: VerificationCheck
    try {
      status = await checkCredentialStatus(credential, {
        fetch: fetchFn,
        now,
        timeout,
        resolver,
        algorithms: [...algorithms],
        allowInsecureLocalhost,
        cache,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        issuerDid: issuerId,
      })
    } catch (error) {
      status = toCheck('status', 'unknown', asMicrocertError(error, 'ERR_STATUS_UNREACHABLE'))
    }
    checks.push(status)
    if (status.code === 'ERR_CREDENTIAL_REVOKED' || status.code === 'ERR_CREDENTIAL_SUSPENDED') {
      const details = status.details ?? {}
      result.statusInfo = {
        purpose: typeof details['purpose'] === 'string' ? details['purpose'] : status.code === 'ERR_CREDENTIAL_REVOKED' ? 'revocation' : 'suspension',
        ...(typeof details['reason'] === 'string' ? { reason: details['reason'] } : {}),
        ...(typeof details['since'] === 'string' ? { since: details['since'] } : {}),
      }
    }
  }
  return finish(checks, undefined, result)
}

type Decoded =
  | { error: MicrocertError }
  | {
      credential: Record<string, unknown>
      legacy: boolean
      parsed: ParsedJws | undefined
      /** A header error that belongs to the signature step (the algorithm), found while reading the format. */
      preSignature?: MicrocertError
    }

function decodeInput(input: string | object | Uint8Array, maxBytes: number, algorithms: readonly Algorithm[]): Decoded {
  try {
    let text: string | undefined
    if (typeof input === 'string') {
      if (exceedsBytes(input, maxBytes)) throw tooLarge(maxBytes)
      text = input
    } else if (input instanceof Uint8Array) {
      if (input.byteLength > maxBytes) throw tooLarge(maxBytes)
      try {
        text = utf8.decode(input)
      } catch (cause) {
        throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The file is not UTF-8 text', { cause })
      }
    }
    let object: Record<string, unknown>
    if (text !== undefined) {
      text = text.replace(/^\uFEFF/, '').trim()
      if (looksLikeCompactJws(text)) return decodeJws(text, algorithms)
      if (!text.startsWith('{')) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The input is neither a VC-JWT nor a JSON credential')
      const value = parseJson(text, { maxDepth: 64, maxBytes })
      if (!isRecord(value)) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The JSON is not a credential object')
      object = value
    } else {
      object = input as Record<string, unknown>
    }
    const enveloped = envelopedJws(object)
    if (enveloped !== undefined) return decodeJws(enveloped, algorithms)
    const context = object['@context']
    const first = Array.isArray(context) ? context[0] : context
    if (first !== VC_V2_CONTEXT && first !== VC_V1_CONTEXT) {
      throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The JSON is not a verifiable credential (no VC @context)')
    }
    return { credential: object, legacy: isLegacyCredential(object), parsed: undefined }
  } catch (error) {
    return { error: asMicrocertError(error, 'ERR_FORMAT_UNSUPPORTED') }
  }
}

function decodeJws(token: string, algorithms: readonly Algorithm[]): Decoded {
  const parsed = parseCompactJws(token)
  let preSignature: MicrocertError | undefined
  try {
    checkJoseHeader(parsed.header, algorithms)
  } catch (error) {
    if (!isMicrocertError(error) || error.code !== 'ERR_ALGORITHM_UNSUPPORTED') throw error
    preSignature = error
  }
  const { credential, legacy } = credentialFromPayload(parsed.payload)
  const { payload } = parsed
  if (payload['jti'] !== undefined && payload['jti'] !== credential['id']) {
    throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT "jti" differs from the credential id')
  }
  if (payload['sub'] !== undefined && payload['sub'] !== subjectIdOf(credential)) {
    throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT "sub" differs from the credential subject id')
  }
  return preSignature === undefined ? { credential, legacy, parsed } : { credential, legacy, parsed, preSignature }
}

/** A VC 2.0 EnvelopedVerifiableCredential: `{ type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,<jws>' }`. */
function envelopedJws(object: Record<string, unknown>): string | undefined {
  const type = object['type']
  const isEnveloped = type === 'EnvelopedVerifiableCredential' || (Array.isArray(type) && type.includes('EnvelopedVerifiableCredential'))
  const id = object['id']
  if (!isEnveloped || typeof id !== 'string') return undefined
  const match = /^data:application\/vc\+jwt,(.*)$/s.exec(id)
  if (match === null) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The enveloped credential is not a data:application/vc+jwt URL')
  return match[1]!.trim()
}

function defaultCacheFor(fetchFn: typeof fetch | undefined, allowInsecureLocalhost: boolean): VerificationCache {
  const caches = allowInsecureLocalhost ? defaultCaches.insecure : defaultCaches.secure
  const key: object = fetchFn ?? globalThis
  let cache = caches.get(key)
  if (cache === undefined) {
    cache = createMemoryCache()
    caches.set(key, cache)
  }
  return cache
}

function checkIssuer(issuerId: string | undefined, iss: unknown, keyDid: string | undefined, keyGiven: boolean): VerificationCheck {
  const mismatch = (message: string, details?: Record<string, unknown>): VerificationCheck => ({
    id: 'issuer',
    outcome: 'failed',
    code: 'ERR_ISSUER_MISMATCH',
    message,
    ...(details === undefined ? {} : { details }),
  })
  if (issuerId === undefined) return mismatch('The credential names no issuer id')
  if (iss !== undefined && iss !== issuerId) return mismatch(`The JWT "iss" is not the credential issuer "${issuerId}"`, { iss, issuer: issuerId })
  if (keyDid === undefined || keyDid === '') {
    if (keyGiven) return { id: 'issuer', outcome: 'passed', message: `Issuer "${issuerId}" (key given by the verifier)` }
    return mismatch('The signing key is not tied to the issuer')
  }
  if (keyDid !== issuerId) return mismatch(`The signing key belongs to "${keyDid}", not to the issuer "${issuerId}"`, { keyDid, issuer: issuerId })
  return { id: 'issuer', outcome: 'passed', message: `The key belongs to issuer "${issuerId}"` }
}

function cachedSchemaCheck(key: string, credential: Record<string, unknown>, legacy: boolean): VerificationCheck {
  const hit = schemaChecks.get(key)
  if (hit !== undefined) return { ...hit }
  const check = checkSchema(credential, legacy)
  if (schemaChecks.size >= SCHEMA_CACHE_ENTRIES) schemaChecks.delete(schemaChecks.keys().next().value!)
  schemaChecks.set(key, check)
  return { ...check }
}

function checkSchema(credential: Record<string, unknown>, legacy: boolean): VerificationCheck {
  if (legacy) {
    return {
      id: 'schema',
      outcome: 'warning',
      code: 'ERR_CREDENTIAL_LEGACY',
      message: 'A VC 1.1 credential (issuanceDate / "vc" claim): accepted, but not checked against the OB 3.0 schema',
    }
  }
  if (MicroCredential.safeParse(credential).success) {
    return { id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential with all 11 EU micro-credential elements' }
  }
  const ob = OpenBadgeCredential.safeParse(credential)
  if (!ob.success) {
    return {
      id: 'schema',
      outcome: 'failed',
      code: 'ERR_SCHEMA_INVALID',
      message: 'Not a valid Open Badges 3.0 credential',
      details: { issues: formatSchemaIssues(ob.error) },
    }
  }
  const missing = missingEuElements(credential)
  return {
    id: 'schema',
    outcome: 'warning',
    code: 'ERR_EU_ELEMENTS_MISSING',
    message: missing.length > 0 ? `EU micro-credential elements missing: ${missing.join(', ')}` : 'Some EU micro-credential elements are malformed',
    details: { missing, issues: formatSchemaIssues(MicroCredential.safeParse(credential).error!) },
  }
}

function checkArguments(input: unknown, options: unknown): void {
  if (typeof input !== 'string' && !(input instanceof Uint8Array) && !isRecord(input)) {
    throw new TypeError('verifyCredential(input): input must be a string, a Uint8Array or a credential object')
  }
  if (!isRecord(options)) throw new TypeError('verifyCredential(input, options): options must be an object')
  const o = options as VerifyOptions
  const bad = (name: string, expected: string) => new TypeError(`verifyCredential options.${name} must be ${expected}`)
  if (o.trustedIssuers !== undefined && (!Array.isArray(o.trustedIssuers) || !o.trustedIssuers.every((d) => typeof d === 'string'))) {
    throw bad('trustedIssuers', 'an array of DID strings')
  }
  if (o.trustList !== undefined && typeof o.trustList !== 'string' && !isRecord(o.trustList)) throw bad('trustList', 'a TrustList or a URL')
  if (o.fetch !== undefined && typeof o.fetch !== 'function') throw bad('fetch', 'a function')
  if (o.now !== undefined && (!(o.now instanceof Date) || Number.isNaN(o.now.getTime()))) throw bad('now', 'a valid Date')
  for (const name of ['clockTolerance', 'timeout', 'maxBytes'] as const) {
    const value = o[name]
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) throw bad(name, 'a non-negative number')
  }
  if (o.resolver !== undefined && typeof o.resolver?.resolve !== 'function') throw bad('resolver', 'a DidResolver')
  if (o.cache !== undefined && (typeof o.cache?.get !== 'function' || typeof o.cache?.set !== 'function')) throw bad('cache', 'a VerificationCache')
  if (o.algorithms !== undefined && (!Array.isArray(o.algorithms) || !o.algorithms.every((a) => a === 'ES256' || a === 'EdDSA'))) {
    throw bad('algorithms', 'an array of "ES256" / "EdDSA"')
  }
  if (o.key !== undefined && !isRecord(o.key)) throw bad('key', 'a public JWK object')
}

function tooLarge(maxBytes: number): MicrocertError {
  return new MicrocertError('ERR_INPUT_TOO_LARGE', `The input is larger than ${maxBytes} bytes`, { details: { maxBytes } })
}

function asMicrocertError(error: unknown, fallback: MicrocertErrorCode): MicrocertError {
  if (isMicrocertError(error)) return error
  return new MicrocertError(fallback, 'Verification stopped on an unexpected error', { cause: error })
}

function toCheck(id: VerificationCheckId, outcome: VerificationCheck['outcome'], error: MicrocertError): VerificationCheck {
  return { id, outcome, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: { ...error.details } }) }
}

function failed(id: VerificationCheckId, error: MicrocertError): VerificationCheck {
  return toCheck(id, 'failed', error)
}

function finish(checks: VerificationCheck[], last: VerificationCheck | undefined, extra: Partial<VerificationResult> = {}): VerificationResult {
  if (last !== undefined) checks.push(last)
  for (const id of CHECK_ORDER.slice(checks.length)) {
    checks.push({ id, outcome: 'skipped', message: 'Not checked: an earlier check failed' })
  }
  let status: VerificationStatus = 'verified'
  for (const check of checks) {
    if (check.outcome === 'failed') {
      status = 'failed'
      break
    }
    if (check.outcome === 'unknown') status = 'unknown'
    else if (check.outcome === 'warning' && status === 'verified') status = 'warning'
  }
  return { verified: status === 'verified', status, checks, ...extra }
}
