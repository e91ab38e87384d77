import { MicroCredential, OpenBadgeCredential, formatSchemaIssues, missingEuElements } from '@microcert/schemas'
import { certificateIdFromCredentialId } from './certificate-id-from-credential-id.js'
import { createBudgetedDidResolver } from './create-did-resolver.js'
import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from './errors.js'
import { createMemoryCache, type VerificationCache } from './lib/cache.js'
import { checkTrust } from './lib/check-trust.js'
import { checkValidity } from './lib/check-validity.js'
import { detectProof, type DetectedProof, type ProofFormat } from './lib/detect-proof.js'
import type { FetchBudget } from './lib/fetch-limited.js'
import { issuerIdentity, shortDid, type IssuerIdentity } from './lib/issuer-identity.js'
import { isRecord, issuerIdOf } from './lib/jwt-claims.js'
import { claimedSigner, verifyProof, type VerifiedProof } from './lib/verify-proof.js'
import { checkCredentialStatus, tooManyStatusEntries } from './status/check-credential-status.js'
import type {
  Algorithm,
  IssuerConfirmation,
  VerificationCheck,
  VerificationCheckId,
  VerificationResult,
  VerificationStatus,
  VerifiedIssuer,
  VerifyOptions,
} from './types.js'

const CHECK_ORDER: readonly VerificationCheckId[] = ['format', 'signature', 'issuer', 'schema', 'trust', 'validity', 'status']
const DEFAULT_ALGORITHMS: readonly Algorithm[] = ['ES256', 'EdDSA']
const DEFAULT_MAX_BYTES = 1024 * 1024
const DEFAULT_MAX_FETCH_BYTES = 8 * 1024 * 1024
/**
 * Caches shared by calls that bring none, so a page verifying many credentials fetches each DID document once. One per
 * fetch function and per localhost opt-in: what one caller fetched through its own `fetch` (a proxy, a test double) or
 * over http://localhost is never served to a call that used neither.
 */
const defaultCaches = { secure: new WeakMap<object, VerificationCache>(), insecure: new WeakMap<object, VerificationCache>() }
/**
 * Schema outcomes of authenticated payloads, keyed by public key + signature: a signature that verified under a
 * key pins the payload (another payload with the same signature and key would be a forgery). The schema check is a
 * pure function of the payload and costs more than the rest of a cached verification together, so verifying the same
 * credential again (a page re-rendering, a registry serving a popular credential) skips it. Bounded; oldest first.
 */
const schemaChecks = new Map<string, VerificationCheck>()
const SCHEMA_CACHE_ENTRIES = 64
/**
 * Codes of the signature step that mean "could not check here", not "forged": the issuer's keys could not be fetched
 * (or only over http), its DID method or the proof format / algorithm is one this build does not verify, or the
 * verification's byte budget ran out.
 */
const UNKNOWN_CODES = new Set<MicrocertErrorCode>([
  'ERR_DID_UNREACHABLE',
  'ERR_DID_INSECURE',
  'ERR_DID_METHOD_UNSUPPORTED',
  'ERR_PROOF_UNSUPPORTED',
  'ERR_FETCH_BUDGET_EXCEEDED',
])
const FORMAT_MESSAGES: Record<ProofFormat, string> = {
  'vc-jwt': 'A VC-JWT (compact JWS)',
  'data-integrity': 'A JSON credential with an embedded proof',
  'sd-jwt': 'An SD-JWT (selective disclosure)',
  unsigned: 'A JSON credential',
}

/**
 * Verifies a micro-credential — a VC-JWT, JSON text or object, or the bytes of a file — and reports every check
 * (format → signature → issuer → schema → trust → validity → status). It never throws for a bad credential: the
 * result says what failed, with a stable code.
 *
 * `verified` needs every check passed (or skipped) AND an issuer identity confirmed from outside the credential: the
 * issuer is among `trustedIssuers` / on the `trustList`, or — when no trust is configured — a `did:web` whose domain
 * publishes its keys (`result.issuer.domain`, `confirmedBy: 'domain'`). A self-describing `did:key` / `did:jwk` issuer
 * nobody vouched for is a warning (ERR_ISSUER_UNCONFIRMED). `status` is the most severe outcome: failed > unknown
 * (could not check) > warning; `reason` names the deciding check, where an untrusted or unconfirmed issuer outranks the
 * other warnings. When the signature could not be checked, the issuer and trust checks are unknown too, the rest is
 * not checked, and the content comes back only as `unverifiedCredential`.
 *
 * @example
 * const result = await verifyCredential(jwt, { trustedIssuers: ['did:web:uni.example'] })
 * if (result.verified) console.log(result.credential?.credentialSubject.achievement.name)
 * else console.log(result.status, result.reason?.code)
 * @throws TypeError only for misuse (input not a string / object / Uint8Array, malformed options). Result codes:
 *   format ERR_INPUT_TOO_LARGE, ERR_FORMAT_UNSUPPORTED, ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_TYPE_UNSUPPORTED,
 *   ERR_JWT_HEADER_FORBIDDEN, ERR_JWT_PAYLOAD_INVALID; signature ERR_PROOF_MISSING, ERR_PROOF_UNSUPPORTED (unknown),
 *   ERR_ALGORITHM_UNSUPPORTED, ERR_SIGNATURE_INVALID, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_DID_NOT_FOUND,
 *   ERR_DID_* (ERR_DID_UNREACHABLE / ERR_DID_INSECURE / ERR_DID_METHOD_UNSUPPORTED unknown), ERR_FETCH_BUDGET_EXCEEDED
 *   (unknown); issuer ERR_ISSUER_MISMATCH; schema ERR_SCHEMA_INVALID, ERR_EU_ELEMENTS_MISSING, ERR_CREDENTIAL_LEGACY;
 *   trust ERR_ISSUER_UNTRUSTED, ERR_ISSUER_UNCONFIRMED, ERR_TRUST_LIST_UNREACHABLE, ERR_TRUST_LIST_INVALID; validity
 *   ERR_CREDENTIAL_EXPIRED, ERR_CREDENTIAL_NOT_YET_VALID, ERR_VALIDITY_INCONSISTENT; status ERR_CREDENTIAL_REVOKED,
 *   ERR_CREDENTIAL_SUSPENDED, ERR_STATUS_TOO_MANY, ERR_STATUS_*, ERR_FETCH_BUDGET_EXCEEDED.
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
  const budget: FetchBudget = { remaining: options.maxFetchBytes ?? DEFAULT_MAX_FETCH_BYTES }
  const checks: VerificationCheck[] = []

  // format: the proof format is detected once, here, and decides which verifier the signature step uses
  let proof: DetectedProof
  try {
    proof = detectProof(input, maxBytes, algorithms)
  } catch (error) {
    return finish(checks, failed('format', asMicrocertError(error, 'ERR_FORMAT_UNSUPPORTED')))
  }
  checks.push({ id: 'format', outcome: 'passed', message: FORMAT_MESSAGES[proof.format], details: { format: proof.format } })

  // Refused before any request: a credential must not be able to make its verifier fetch without end.
  const tooMany = proof.credential === undefined ? undefined : tooManyStatusEntries(proof.credential)
  if (tooMany !== undefined) {
    skipUntil(checks, 'status', 'Not checked: the credential was refused before any request')
    return finish(checks, tooMany)
  }

  // signature: the one boundary every proof format goes through
  const resolver =
    options.resolver ?? createBudgetedDidResolver({ fetch: fetchFn, timeout, cache, allowInsecureLocalhost, maxBytes: 256 * 1024 }, budget)
  let verified: VerifiedProof
  try {
    verified = await verifyProof(proof, { resolver, algorithms, key: options.key, signal: options.signal })
  } catch (error) {
    const e = asMicrocertError(error, 'ERR_SIGNATURE_INVALID')
    if (!UNKNOWN_CODES.has(e.code)) return finish(checks, failed('signature', e))
    return couldNotCheck(checks, e, proof)
  }
  checks.push({ id: 'signature', outcome: 'passed', message: `Signed with key "${verified.kid === '' ? 'given by the verifier' : shortDid(verified.kid)}"` })
  const credential = proof.credential!

  // issuer
  const issuerId = issuerIdOf(credential)
  const identity = issuerId === undefined ? undefined : issuerIdentity(issuerId)
  const issuerCheck = checkIssuer(issuerId, verified, identity)
  checks.push(issuerCheck)
  if (issuerCheck.outcome === 'failed' || issuerId === undefined || identity === undefined) return finish(checks, undefined)

  const result: Partial<VerificationResult> = { credential: credential as MicroCredential }
  const certificateId = typeof credential['id'] === 'string' ? certificateIdFromCredentialId(credential['id']) : undefined
  if (certificateId !== undefined) result.certificateId = certificateId

  // schema
  const schemaCheck = cachedSchemaCheck(verified.pin, credential, proof.legacy)
  checks.push(schemaCheck)
  if (schemaCheck.outcome === 'failed') return finish(checks, undefined, result)

  // trust: who says this issuer is who it claims to be?
  const trustConfigured = options.trustedIssuers !== undefined || options.trustList !== undefined
  let trusted = false
  let confirmedBy: IssuerConfirmation | undefined
  let listed: { name?: string; country?: string } | undefined
  if (trustConfigured) {
    const trust = await checkTrust(issuerId, {
      trustedIssuers: options.trustedIssuers,
      trustList: options.trustList,
      fetch: fetchFn,
      timeout,
      cache,
      allowInsecureLocalhost,
      signal: options.signal,
      budget,
    })
    checks.push(trust.check)
    trusted = trust.trusted
    listed = trust.listed
    if (trusted) confirmedBy = listed === undefined ? 'trusted-issuers' : 'trust-list'
  } else {
    confirmedBy = verified.keySource === 'key' ? 'key' : identity.domain !== undefined ? 'domain' : undefined
    checks.push(untrustedConfirmation(issuerId, identity, confirmedBy))
  }
  const issuer = isRecord(credential['issuer']) ? credential['issuer'] : {}
  const address = isRecord(issuer['address']) ? issuer['address'] : {}
  const name = listed?.name ?? (typeof issuer['name'] === 'string' ? issuer['name'] : undefined)
  const country = listed?.country ?? (typeof address['addressCountryCode'] === 'string' ? address['addressCountryCode'] : undefined)
  const verifiedIssuer: VerifiedIssuer = { id: issuerId, trusted }
  if (name !== undefined) verifiedIssuer.name = name
  if (country !== undefined) verifiedIssuer.country = country
  if (identity.domain !== undefined) verifiedIssuer.domain = identity.domain
  if (confirmedBy !== undefined) verifiedIssuer.confirmedBy = confirmedBy
  result.issuer = verifiedIssuer

  // validity
  const validity = checkValidity(credential, verified.claims, now, options.clockTolerance ?? 60)
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
        budget,
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

/**
 * The signature could not be checked: nothing confirms who issued the credential or that its content is theirs. The
 * issuer and trust checks say so (unknown, with the signature's code), the checks of the content are not run, and
 * the content is returned only as `unverifiedCredential`. A proof that names another signer than the issuer still
 * fails: that needs no key.
 */
function couldNotCheck(checks: VerificationCheck[], error: MicrocertError, proof: DetectedProof): VerificationResult {
  const credential = proof.credential
  checks.push(toCheck('signature', 'unknown', error))
  const issuerId = credential === undefined ? undefined : issuerIdOf(credential)
  const { keyDid, claims } = claimedSigner(proof)
  const iss = claims['iss']
  if (issuerId !== undefined && ((iss !== undefined && iss !== issuerId) || (keyDid !== undefined && keyDid !== issuerId))) {
    return finish(checks, {
      id: 'issuer',
      outcome: 'failed',
      code: 'ERR_ISSUER_MISMATCH',
      message: `The credential is signed (or claims to be) by "${shortDid(String(iss !== issuerId && iss !== undefined ? iss : keyDid))}", not by its issuer "${shortDid(issuerId)}"`,
      details: { issuer: issuerId, ...(keyDid === undefined ? {} : { keyDid }), ...(iss === undefined ? {} : { iss }) },
    })
  }
  const dependent = { code: error.code, details: { dependsOn: 'signature' } }
  const notChecked = 'Not checked: the signature could not be checked'
  checks.push({ id: 'issuer', outcome: 'unknown', ...dependent, message: 'Not checked: without the signature nothing confirms who issued the credential' })
  checks.push({ id: 'schema', outcome: 'skipped', message: notChecked })
  checks.push({ id: 'trust', outcome: 'unknown', ...dependent, message: 'Not checked: without the signature the issuer is not known' })
  skipUntil(checks, undefined, notChecked)
  return finish(checks, undefined, credential === undefined ? {} : { unverifiedCredential: credential })
}

/** The trust check when the verifier configured none: skipped when the issuer is confirmed otherwise, else a warning. */
function untrustedConfirmation(issuerId: string, identity: IssuerIdentity, confirmedBy: IssuerConfirmation | undefined): VerificationCheck {
  if (confirmedBy === 'domain') {
    return {
      id: 'trust',
      outcome: 'skipped',
      message: `No trusted issuers or trust list were given; the issuer is identified by its domain "${identity.domain}"`,
      details: { confirmedBy, domain: identity.domain },
    }
  }
  if (confirmedBy === 'key') {
    return { id: 'trust', outcome: 'skipped', message: 'No trusted issuers or trust list were given; the verifier supplied the key', details: { confirmedBy } }
  }
  return {
    id: 'trust',
    outcome: 'warning',
    code: 'ERR_ISSUER_UNCONFIRMED',
    message: identity.selfDescribing
      ? `Nothing confirms who "${shortDid(issuerId)}" is: the identifier is just a key, and no trusted issuers or trust list were given`
      : `Nothing confirms who "${shortDid(issuerId)}" is: no trusted issuers or trust list were given`,
    details: { issuer: issuerId },
  }
}

/** Marks every check after the last one recorded, up to (not including) `until`, as not checked. */
function skipUntil(checks: VerificationCheck[], until: VerificationCheckId | undefined, message: string): void {
  for (const id of CHECK_ORDER.slice(checks.length)) {
    if (id === until) return
    checks.push({ id, outcome: 'skipped', message })
  }
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

function checkIssuer(issuerId: string | undefined, verified: VerifiedProof, identity: IssuerIdentity | undefined): VerificationCheck {
  const mismatch = (message: string, details?: Record<string, unknown>): VerificationCheck => ({
    id: 'issuer',
    outcome: 'failed',
    code: 'ERR_ISSUER_MISMATCH',
    message,
    ...(details === undefined ? {} : { details }),
  })
  if (issuerId === undefined || identity === undefined) return mismatch('The credential names no issuer id')
  const iss = verified.claims['iss']
  if (iss !== undefined && iss !== issuerId) return mismatch(`The JWT "iss" is not the credential issuer "${issuerId}"`, { iss, issuer: issuerId })
  const { keyDid } = verified
  if (verified.keySource === 'key' && (keyDid === '' || keyDid === issuerId)) {
    return { id: 'issuer', outcome: 'passed', message: `Issuer "${shortDid(issuerId)}" (key given by the verifier)`, details: { keySource: 'key' } }
  }
  if (keyDid === '') return mismatch('The signing key is not tied to the issuer')
  if (keyDid !== issuerId) return mismatch(`The signing key belongs to "${shortDid(keyDid)}", not to the issuer "${shortDid(issuerId)}"`, { keyDid, issuer: issuerId })
  // Say exactly what the key match proves: a did:web key is published by a domain; a did:key / did:jwk key is the
  // identifier itself, which proves only that whoever holds the key signed it.
  if (identity.domain !== undefined) {
    return {
      id: 'issuer',
      outcome: 'passed',
      message: `The key is published for "${issuerId}" by its domain "${identity.domain}"`,
      details: { method: identity.method, domain: identity.domain },
    }
  }
  if (identity.selfDescribing) {
    return {
      id: 'issuer',
      outcome: 'passed',
      message: `Signed with the key the issuer identifier "${shortDid(issuerId)}" contains; the identifier does not say who holds it`,
      details: { method: identity.method, selfDescribing: true },
    }
  }
  return { id: 'issuer', outcome: 'passed', message: `The key belongs to issuer "${shortDid(issuerId)}"`, details: { method: identity.method } }
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
  for (const name of ['clockTolerance', 'timeout', 'maxBytes', 'maxFetchBytes'] as const) {
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

/**
 * The severity of a check's outcome, which decides the result's status and headline: failed > could not check >
 * untrusted / unconfirmed issuer > expired > other warnings (EU elements missing, legacy format). Never by check order.
 */
function severity(check: VerificationCheck): number {
  switch (check.outcome) {
    case 'failed':
      return 5
    case 'unknown':
      return 4
    case 'warning':
      return check.id === 'trust' ? 3 : check.id === 'validity' ? 2 : 1
    default:
      return 0
  }
}

const STATUS_BY_SEVERITY: readonly VerificationStatus[] = ['verified', 'warning', 'warning', 'warning', 'unknown', 'failed']

function finish(checks: VerificationCheck[], last: VerificationCheck | undefined, extra: Partial<VerificationResult> = {}): VerificationResult {
  if (last !== undefined) checks.push(last)
  skipUntil(checks, undefined, 'Not checked: an earlier check failed')
  let decisive: VerificationCheck | undefined
  for (const check of checks) if (severity(check) > (decisive === undefined ? 0 : severity(decisive))) decisive = check
  const status = STATUS_BY_SEVERITY[decisive === undefined ? 0 : severity(decisive)]!
  const result: VerificationResult = { verified: status === 'verified', status, checks }
  if (decisive?.code !== undefined) result.reason = { check: decisive.id, code: decisive.code }
  return { ...result, ...extra }
}
