import { isSurelyMicroCredential, missingEuElements, type EuElement, type MicroCredential } from '@microcert/schemas'
import { certificateIdFromCredentialId } from './certificate-id-from-credential-id.js'
import { createBudgetedDidResolver } from './create-did-resolver.js'
import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from './errors.js'
import { createMemoryCache, type VerificationCache } from './lib/cache.js'
import { loadChunk } from './lib/load-chunk.js'
import { checkTrust } from './lib/check-trust.js'
import { checkValidity } from './lib/check-validity.js'
import { createControllerResolver } from './lib/controller-document.js'
import { detectProof, type DetectedProof, type ProofFormat } from './lib/detect-proof.js'
import type { FetchBudget } from './lib/fetch-limited.js'
import { issuerIdentity, shortDid, type IssuerIdentity } from './lib/issuer-identity.js'
import { isRecord, issuerIdOf, VC_V1_CONTEXT, VC_V2_CONTEXT } from './lib/jwt-claims.js'
import { decide, euElementsReport, toCheck } from './lib/verdict.js'
import { claimedSigner, verifyProof, type VerifiedProof } from './lib/verify-proof.js'
import { checkCredentialStatus, prefetchStatusLists, tooManyStatusEntries } from './status/check-credential-status.js'
import type {
  IssuerConfirmation,
  JwsAlgorithm,
  VerificationCheck,
  VerificationCheckId,
  VerificationProfile,
  VerificationResult,
  VerifiedIssuer,
  VerifyOptions,
} from './types.js'

const CHECK_ORDER: readonly VerificationCheckId[] = ['format', 'signature', 'issuer', 'schema', 'trust', 'validity', 'status']
const DEFAULT_ALGORITHMS: readonly JwsAlgorithm[] = ['ES256', 'EdDSA', 'RS256', 'PS256']
const ALGORITHMS: ReadonlySet<string> = new Set(DEFAULT_ALGORITHMS)
const DEFAULT_MAX_BYTES = 1024 * 1024
const DEFAULT_MAX_FETCH_BYTES = 8 * 1024 * 1024
/**
 * Caches shared by calls that bring none, so a page verifying many credentials fetches each DID document once. One per
 * fetch function and per localhost opt-in: what one caller fetched through its own `fetch` (a proxy, a test double) or
 * over http://localhost is never served to a call that used neither.
 */
const defaultCaches = { secure: new WeakMap<object, VerificationCache>(), insecure: new WeakMap<object, VerificationCache>() }
/**
 * Schema outcomes of authenticated payloads, keyed by public key + signature: a JWS signature that verified under a
 * key pins the payload bytes (another payload with the same signature and key would be a forgery). The schema check is
 * a pure function of the payload and costs more than the rest of a cached verification together, so verifying the same
 * credential again (a page re-rendering, a registry serving a popular credential) skips it. Bounded; oldest first.
 */
const schemaChecks = new Map<string, SchemaOutcome>()
const SCHEMA_CACHE_ENTRIES = 64
/**
 * Codes of the signature step that mean "could not check here", not "forged": the issuer's keys could not be fetched
 * (or only over http), its DID method, the proof format / algorithm or a JSON-LD context is one this build does not
 * know, or the verification's byte budget ran out.
 */
const UNKNOWN_CODES = new Set<MicrocertErrorCode>([
  'ERR_DID_UNREACHABLE',
  'ERR_DID_INSECURE',
  'ERR_DID_METHOD_UNSUPPORTED',
  'ERR_PROOF_UNSUPPORTED',
  'ERR_CONTEXT_UNKNOWN',
  'ERR_FETCH_BUDGET_EXCEEDED',
])
const FORMAT_MESSAGES: Record<Exclude<ProofFormat, 'sd-jwt'>, string> = {
  'vc-jwt': 'A VC-JWT (compact JWS)',
  'data-integrity': 'A JSON credential with an embedded proof',
  unsigned: 'A JSON credential',
}

/**
 * Verifies a micro-credential — a VC-JWT, a Data Integrity credential (JSON text or object), an SD-JWT VC
 * presentation from a wallet, or the bytes of a file (a PDF certificate: the credential attached to it) — and reports
 * every check (format → signature → issuer → schema → trust → validity → status; a presentation adds `holder`). It
 * never throws for a bad credential: the result says what failed, with a stable code.
 *
 * `verified` needs every check passed (or skipped) AND an issuer identity confirmed from outside the credential: the
 * issuer is among `trustedIssuers` / on the `trustList`, or — when no trust is configured — a `did:web` (or an https
 * issuer whose own profile lists the key) whose domain publishes its keys (`result.issuer.domain`,
 * `confirmedBy: 'domain'`). A self-describing `did:key` / `did:jwk` issuer nobody vouched for is a warning
 * (ERR_ISSUER_UNCONFIRMED). What the content must be depends on `profile`: `micro-credential` (default) needs the 11
 * EU elements, `open-badge` any Open Badges 3.0 credential; `euElements` names what is present and missing either way.
 * `status` is the most severe outcome: failed > unknown (could not check) > warning; `reason` names the deciding check,
 * where an untrusted or unconfirmed issuer outranks the other warnings. When the signature could not be checked, or
 * nothing confirms the signing key is the issuer's, the issuer and trust checks are unknown, the rest is not checked,
 * and the content comes back only as `unverifiedCredential`.
 *
 * Proof formats: VC-JWT (ES256, EdDSA, RS256, PS256; OB 3.0 and VC-JOSE-COSE forms, VC 1.1 `vc` claim), Data
 * Integrity (`eddsa-rdfc-2022`, `ecdsa-rdfc-2019`, `Ed25519Signature2020`; contexts never fetched), SD-JWT VC
 * (`dc+sd-jwt` / `vc+sd-jwt`). Data Integrity, SD-JWT and PDF code is loaded only when such an input arrives.
 *
 * @example
 * const result = await verifyCredential(jwt, { trustedIssuers: ['did:web:uni.example'] })
 * if (result.verified) console.log(result.credential?.credentialSubject.achievement.name)
 * else console.log(result.status, result.reason?.code, result.euElements?.missing.map((e) => e.name))
 * @throws TypeError only for misuse (input not a string / object / Uint8Array, malformed options). Result codes:
 *   format ERR_INPUT_TOO_LARGE, ERR_FORMAT_UNSUPPORTED, ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_TYPE_UNSUPPORTED,
 *   ERR_JWT_HEADER_FORBIDDEN, ERR_JWT_PAYLOAD_INVALID, ERR_PDF_MALFORMED, ERR_PDF_ENCRYPTED, ERR_PDF_CREDENTIAL_MISSING,
 *   ERR_PDF_CREDENTIAL_AMBIGUOUS, ERR_SD_JWT_MALFORMED; signature ERR_PROOF_MISSING, ERR_PROOF_UNSUPPORTED (unknown),
 *   ERR_CONTEXT_UNKNOWN (unknown, `details.url`), ERR_CONTEXT_INVALID, ERR_ALGORITHM_UNSUPPORTED, ERR_SIGNATURE_INVALID,
 *   ERR_KEY_NOT_FOUND, ERR_KEY_NOT_AUTHORIZED, ERR_KEY_INVALID, ERR_DISCLOSURE_UNKNOWN, ERR_DID_NOT_FOUND, ERR_DID_*
 *   (ERR_DID_UNREACHABLE / ERR_DID_INSECURE / ERR_DID_METHOD_UNSUPPORTED unknown), ERR_FETCH_BUDGET_EXCEEDED (unknown);
 *   holder ERR_KEY_BINDING_*; issuer ERR_ISSUER_MISMATCH, ERR_DID_* (unknown: the issuer's profile could not confirm
 *   the key); schema ERR_SCHEMA_INVALID, ERR_EU_ELEMENTS_MISSING, ERR_CREDENTIAL_LEGACY, ERR_PROOF_UNSUPPORTED (unknown:
 *   the schema code could not be loaded); trust ERR_ISSUER_UNTRUSTED,
 *   ERR_ISSUER_UNCONFIRMED, ERR_TRUST_LIST_UNREACHABLE, ERR_TRUST_LIST_INVALID; validity ERR_CREDENTIAL_EXPIRED,
 *   ERR_CREDENTIAL_NOT_YET_VALID, ERR_VALIDITY_INCONSISTENT; status ERR_CREDENTIAL_REVOKED, ERR_CREDENTIAL_SUSPENDED,
 *   ERR_STATUS_TOO_MANY, ERR_STATUS_*, ERR_FETCH_BUDGET_EXCEEDED.
 */
export async function verifyCredential(input: string | object | Uint8Array, options: VerifyOptions = {}): Promise<VerificationResult> {
  checkArguments(input, options)
  const profile = options.profile ?? 'micro-credential'
  const checks: VerificationCheck[] = []
  const base = { profile }
  const unloaded = (error: MicrocertError) => finish(checks, toCheck('format', 'unknown', error), base)
  if (input instanceof Uint8Array && isPdf(input)) return loadChunk(() => import('./lib/verify-pdf.js')).then(({ verifyPdf }) => verifyPdf(input, options), unloaded)
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeout = options.timeout ?? 10_000
  const allowInsecureLocalhost = options.allowInsecureLocalhost === true
  // cache: false still needs somewhere to keep what this one verification fetched (a DID document used twice).
  const cache = options.cache === false ? createMemoryCache() : (options.cache ?? defaultCacheFor(options.fetch, allowInsecureLocalhost))
  const now = options.now ?? new Date()
  const budget: FetchBudget = { remaining: options.maxFetchBytes ?? DEFAULT_MAX_FETCH_BYTES }

  // format: the proof format is detected once, here, and decides which verifier the signature step uses
  let proof: DetectedProof
  try {
    proof = detectProof(input, maxBytes, algorithms)
  } catch (error) {
    return finish(checks, toCheck('format', 'failed', asMicrocertError(error, 'ERR_FORMAT_UNSUPPORTED')), base)
  }
  const resolver =
    options.resolver ?? createBudgetedDidResolver({ fetch: fetchFn, timeout, cache, allowInsecureLocalhost, maxBytes: 256 * 1024 }, budget)
  if (proof.format === 'sd-jwt') {
    // A wallet's presentation has checks of its own (disclosures, key binding, Token Status List): its verifier runs them.
    const token = proof.token
    return loadChunk(() => import('./lib/verify-presentation.js')).then(
      ({ verifyPresentation }) => verifyPresentation(token, { ...options, cache, resolver, algorithms: [...algorithms], profile }),
      unloaded,
    )
  }
  checks.push({ id: 'format', outcome: 'passed', message: FORMAT_MESSAGES[proof.format], details: { format: proof.format } })

  // Refused before any request: a credential must not be able to make its verifier fetch without end.
  const tooMany = proof.credential === undefined ? undefined : tooManyStatusEntries(proof.credential)
  if (tooMany !== undefined) {
    skipUntil(checks, 'status', 'Not checked: the credential was refused before any request')
    return finish(checks, tooMany, base)
  }

  // The status lists travel while the signature step fetches the issuer's keys; they are verified in the status step.
  const prefetched =
    options.checkStatus === false || proof.credential === undefined
      ? undefined
      : prefetchStatusLists(proof.credential, { fetch: fetchFn, timeout, allowInsecureLocalhost, cache, budget })
  try {
    // signature: the one boundary every proof format goes through
    const controllers = createControllerResolver(resolver, { fetch: fetchFn, timeout, cache, allowInsecureLocalhost, budget })
    let verified: VerifiedProof
    try {
      verified = await verifyProof(proof, { resolver, controllers, algorithms, key: options.key, contexts: options.contexts, signal: options.signal })
    } catch (error) {
      const e = asMicrocertError(error, 'ERR_SIGNATURE_INVALID')
      if (!UNKNOWN_CODES.has(e.code)) return finish(checks, toCheck('signature', 'failed', e), base)
      return couldNotCheck(checks, e, proof, profile)
    }
    checks.push({
      id: 'signature',
      outcome: 'passed',
      message: `Signed with key "${verified.kid === '' ? 'given by the verifier' : shortDid(verified.kid)}"`,
      ...(verified.details === undefined ? {} : { details: verified.details }),
    })
    const credential = proof.credential!

    // issuer
    const issuerId = issuerIdOf(credential)
    const identity = issuerId === undefined ? undefined : issuerIdentity(issuerId)
    const issuerCheck = verified.issuerCheck !== undefined && verified.issuerCheck.outcome !== 'passed' ? verified.issuerCheck : checkIssuer(issuerId, verified, identity)
    if (issuerCheck.outcome === 'unknown') return unvouched(checks, issuerCheck, credential, proof.legacy, profile)
    checks.push(issuerCheck)
    if (issuerCheck.outcome === 'failed' || issuerId === undefined || identity === undefined) return finish(checks, undefined, base)

    const result: Partial<VerificationResult> & { profile: VerificationProfile } = { ...base, credential: credential as MicroCredential }
    const certificateId = typeof credential['id'] === 'string' ? certificateIdFromCredentialId(credential['id']) : undefined
    if (certificateId !== undefined) result.certificateId = certificateId

    // schema
    const schema = await cachedSchemaCheck(verified.pin, credential, proof.legacy, profile)
    checks.push(schema.check)
    result.euElements = euElementsReport(schema.missing)
    if (schema.check.outcome === 'failed') return finish(checks, undefined, result)

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
          controllers,
          algorithms: [...algorithms],
          allowInsecureLocalhost,
          cache,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.contexts === undefined ? {} : { contexts: options.contexts }),
          issuerDid: issuerId,
          budget,
          ...(prefetched === undefined ? {} : { prefetched }),
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
  } finally {
    prefetched?.cancel()
  }
}

/** A PDF file: its header within the first 1024 bytes (PDF 32000-1 §7.5.2 lets junk precede it). */
function isPdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024))
  return head.includes('%PDF-')
}

/**
 * The signature could not be checked: nothing confirms who issued the credential or that its content is theirs. The
 * issuer and trust checks say so (unknown, with the signature's code), the checks of the content are not run, and
 * the content is returned only as `unverifiedCredential`. A proof that names another signer than the issuer still
 * fails: that needs no key.
 */
function couldNotCheck(checks: VerificationCheck[], error: MicrocertError, proof: DetectedProof, profile: VerificationProfile): VerificationResult {
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
    }, { profile })
  }
  return unvouched(checks, { id: 'issuer', outcome: 'unknown', code: error.code, details: { dependsOn: 'signature' }, message: 'Not checked: without the signature nothing confirms who issued the credential' }, credential, proof.legacy, profile)
}

/**
 * Nothing confirms the content is the issuer's: the signature could not be checked, or it matches a key nothing
 * confirms is the issuer's (an https issuer whose profile could not be fetched, where the proof wrote its key into the
 * URL). The issuer and trust checks say so, the rest is not checked, the content is nobody's word.
 */
function unvouched(
  checks: VerificationCheck[],
  issuerCheck: VerificationCheck,
  credential: Record<string, unknown> | undefined,
  legacy: boolean,
  profile: VerificationProfile,
): VerificationResult {
  const notChecked = 'Not checked: nothing confirms who issued the credential'
  checks.push(issuerCheck, { id: 'schema', outcome: 'skipped', message: notChecked })
  checks.push({ id: 'trust', outcome: 'unknown', code: issuerCheck.code!, details: { dependsOn: 'issuer' }, message: notChecked })
  skipUntil(checks, undefined, notChecked)
  if (credential === undefined) return finish(checks, undefined, { profile })
  // Presence of EU elements is a fact about the text, not a claim that anyone issued it.
  return finish(checks, undefined, { profile, unverifiedCredential: credential, euElements: euElementsReport(missingEuElements(legacy ? asVc2(credential) : credential)) })
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
  // Say exactly what the key match proves: a did:web (or https issuer) key is published by a domain; a did:key /
  // did:jwk key is the identifier itself, which proves only that whoever holds the key signed it.
  if (identity.domain !== undefined) {
    return {
      id: 'issuer',
      outcome: 'passed',
      message: `The key is published for "${issuerId}" by its domain "${identity.domain}"`,
      details: { ...(identity.method === undefined ? {} : { method: identity.method }), domain: identity.domain },
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

interface SchemaOutcome {
  check: VerificationCheck
  missing: EuElement[]
}

async function cachedSchemaCheck(pin: string | undefined, credential: Record<string, unknown>, legacy: boolean, profile: VerificationProfile): Promise<SchemaOutcome> {
  const key = pin === undefined ? undefined : `${profile}.${pin}`
  const hit = key === undefined ? undefined : schemaChecks.get(key)
  if (hit !== undefined) return { check: { ...hit.check }, missing: hit.missing }
  const outcome = await checkSchema(credential, legacy, profile)
  if (key !== undefined && outcome.check.outcome !== 'unknown') {
    if (schemaChecks.size >= SCHEMA_CACHE_ENTRIES) schemaChecks.delete(schemaChecks.keys().next().value!)
    schemaChecks.set(key, outcome)
  }
  return { check: { ...outcome.check }, missing: outcome.missing }
}

/**
 * A VC 1.1 credential in the shape of VC 2.0, so the Open Badges 3.0 schema can judge its content: the 2018 context
 * becomes the v2 context, `issuanceDate` / `expirationDate` become `validFrom` / `validUntil`.
 */
function asVc2(credential: Record<string, unknown>): Record<string, unknown> {
  const { issuanceDate, expirationDate, ...rest } = credential
  const context = rest['@context']
  const out: Record<string, unknown> = { ...rest, '@context': Array.isArray(context) ? context.map((c) => (c === VC_V1_CONTEXT ? VC_V2_CONTEXT : c)) : context }
  if (out['validFrom'] === undefined && issuanceDate !== undefined) out['validFrom'] = issuanceDate
  if (out['validUntil'] === undefined && expirationDate !== undefined) out['validUntil'] = expirationDate
  return out
}

/**
 * The schema check under a profile. The content is judged without its embedded `proof` (the signature step checked
 * that; W3C Data Integrity allows a single proof object where the OB schema lists proofs), and a VC 1.1 credential is
 * judged in its VC 2.0 shape. A complete micro-credential of the plain shape microcert issues passes the quick check
 * (`isSurelyMicroCredential`, no Zod); everything else goes to the schemas, loaded only then (issue 14: the widget's
 * verifier carries no Zod for its usual credential, and Node skips the schema's cost for it).
 */
async function checkSchema(credential: Record<string, unknown>, legacy: boolean, profile: VerificationProfile): Promise<SchemaOutcome> {
  const { proof: _proof, ...content } = legacy ? asVc2(credential) : credential
  // A complete micro-credential has every EU element (what missingEuElements looks for, MicroCredential requires).
  if (!legacy && isSurelyMicroCredential(content)) {
    return { missing: [], check: { id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential with all 11 EU micro-credential elements' } }
  }
  const missing = missingEuElements(content)
  try {
    const { checkSchemaFully } = await loadChunk(() => import('./lib/check-schema-fully.js'))
    return { missing, check: checkSchemaFully(content, legacy, profile, missing) }
  } catch (error) {
    return { missing, check: toCheck('schema', 'unknown', asMicrocertError(error, 'ERR_PROOF_UNSUPPORTED')) }
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
  for (const name of ['clockTolerance', 'timeout', 'maxBytes', 'maxFetchBytes', 'maxPdfBytes'] as const) {
    const value = o[name]
    if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) throw bad(name, 'a non-negative number')
  }
  if (o.resolver !== undefined && typeof o.resolver?.resolve !== 'function') throw bad('resolver', 'a DidResolver')
  if (o.cache !== undefined && o.cache !== false && (typeof o.cache?.get !== 'function' || typeof o.cache?.set !== 'function')) {
    throw bad('cache', 'a VerificationCache or false')
  }
  if (o.algorithms !== undefined && (!Array.isArray(o.algorithms) || !o.algorithms.every((a) => ALGORITHMS.has(a)))) {
    throw bad('algorithms', `a list of ${DEFAULT_ALGORITHMS.join(', ')}`)
  }
  if (o.key !== undefined && !isRecord(o.key)) throw bad('key', 'a public JWK object')
  if (o.profile !== undefined && o.profile !== 'micro-credential' && o.profile !== 'open-badge') throw bad('profile', '"micro-credential" or "open-badge"')
  if (o.contexts !== undefined && (!isRecord(o.contexts) || !Object.values(o.contexts).every(isRecord))) throw bad('contexts', 'JSON-LD context objects by URL')
}

function asMicrocertError(error: unknown, fallback: MicrocertErrorCode): MicrocertError {
  if (isMicrocertError(error)) return error
  return new MicrocertError(fallback, 'Verification stopped on an unexpected error', { cause: error })
}

function finish(checks: VerificationCheck[], last: VerificationCheck | undefined, extra: Partial<VerificationResult> & { profile: VerificationProfile }): VerificationResult {
  if (last !== undefined) checks.push(last)
  skipUntil(checks, undefined, 'Not checked: an earlier check failed')
  return { ...decide(checks), checks, ...extra }
}
