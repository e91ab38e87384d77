import { SDJwt } from '@sd-jwt/core'
import { unpack } from '@sd-jwt/decode'
import type { Disclosure } from '@sd-jwt/utils'
import { createDidResolver } from '../create-did-resolver.js'
import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from '../errors.js'
import { isCanonicalBase64url } from '../lib/base64url.js'
import { createMemoryCache } from '../lib/cache.js'
import { checkTrust } from '../lib/check-trust.js'
import { publicJwkOf } from '../lib/jwk.js'
import type { Algorithm, VerificationStatus, VerifyOptions } from '../types.js'
import {
  COURSE_CLAIMS,
  MICRO_CREDENTIAL_VCT_PATH,
  NEVER_DISCLOSABLE_CLAIMS,
  REQUIRED_COURSE_CLAIMS,
  SD_JWT_VC_LEGACY_TYPE,
  SD_JWT_VC_TYPE,
  SELECTIVELY_DISCLOSABLE_CLAIMS,
} from './constants.js'
import { checkTokenStatus } from './lib/check-token-status.js'
import { resolveIssuerKey, type IssuerKey, type IssuerKeyContext, type KeyDiscovery } from './lib/resolve-issuer-key.js'
import { sha256Base64url, sha256Hasher } from './lib/sd-jwt-crypto.js'
import { verifyCompactJws } from './lib/verify-compact-jws.js'
import type { SdJwtVcCheck, SdJwtVcCheckId, SdJwtVcPresentation, SdJwtVcVerificationResult } from './types.js'

/** Options of `verifySdJwtVc`: those of `verifyCredential` plus the key-binding expectations. */
export interface VerifySdJwtVcOptions extends VerifyOptions {
  /** The nonce the verifier sent the wallet; the key-binding JWT must carry it. Default: not checked (a replay is not detected). */
  nonce?: string
  /** The verifier's identifier the key-binding JWT must name in `aud`. Default: not checked. */
  audience?: string
  /** Fail a holder-bound credential presented without a key-binding JWT. Default true. */
  requireKeyBinding?: boolean
  /** Oldest key-binding JWT accepted, in seconds. Default 300. */
  keyBindingMaxAge?: number
  /** Accepted `vct` values. Default: any `vct` ending in `/vct/micro-credential`. */
  vct?: string | string[]
  /** How the issuer key is found. Default `auto`: the DID document when the `kid` is a DID URL of the issuer, else `/.well-known/jwt-vc-issuer`. */
  keyDiscovery?: KeyDiscovery
}

const CHECK_ORDER: SdJwtVcCheckId[] = ['format', 'signature', 'holder', 'issuer', 'schema', 'trust', 'validity', 'status']
const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'crit', 'b64']

/**
 * Verifies an SD-JWT VC presentation a wallet made of a micro-credential (issuer-signed JWT + the disclosures the
 * learner chose + key-binding JWT): the issuer's signature (key from its did:web document or its JWT VC Issuer
 * Metadata), that every disclosure was signed into the credential, the key binding (signed by the wallet key in `cnf`;
 * `nonce`/`audience` when given), the type, trust, validity and the IETF Token Status List. The result carries only
 * what was disclosed; the type's other personal claims are listed as not disclosed. Never throws for a bad
 * presentation: every problem is a check with a code.
 *
 * @example
 * const result = await verifySdJwtVc(presentation, { nonce, audience: 'https://employer.example', trustedIssuers: ['did:web:uni.example'] })
 * result.presentation?.claims.title // 'Applied Data Ethics'
 * result.presentation?.notDisclosed // ['grade', 'dateOfBirth', …]
 * Codes: ERR_INPUT_TOO_LARGE, ERR_SD_JWT_MALFORMED, ERR_JWT_TYPE_UNSUPPORTED, ERR_JWT_HEADER_FORBIDDEN, ERR_ALGORITHM_UNSUPPORTED,
 *   ERR_SIGNATURE_INVALID, ERR_DISCLOSURE_UNKNOWN, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_DID_*, ERR_ISSUER_METADATA_*,
 *   ERR_KEY_BINDING_MISSING / _INVALID / _SIGNATURE_INVALID / _NONCE_MISMATCH / _AUDIENCE_MISMATCH, ERR_ISSUER_MISMATCH,
 *   ERR_SCHEMA_INVALID, ERR_EU_ELEMENTS_MISSING, ERR_ISSUER_UNTRUSTED, ERR_TRUST_LIST_*, ERR_CREDENTIAL_EXPIRED,
 *   ERR_CREDENTIAL_NOT_YET_VALID, ERR_CREDENTIAL_REVOKED, ERR_CREDENTIAL_SUSPENDED, ERR_STATUS_*
 */
export async function verifySdJwtVc(presentation: string, options: VerifySdJwtVcOptions = {}): Promise<SdJwtVcVerificationResult> {
  if (typeof presentation !== 'string') throw new TypeError('verifySdJwtVc(presentation): presentation must be a string')
  if (typeof options !== 'object' || options === null) throw new TypeError('verifySdJwtVc(presentation, options): options must be an object')
  const now = options.now ?? new Date()
  const clockTolerance = options.clockTolerance ?? 60
  // Wallet credentials are ES256 / EdDSA (HAIP); an RSA algorithm allowed for VC-JWTs does not widen them.
  const algorithms: readonly Algorithm[] = (options.algorithms ?? ['ES256', 'EdDSA']).filter((a): a is Algorithm => a === 'ES256' || a === 'EdDSA')
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis)
  const timeout = options.timeout ?? 10_000
  const cache = options.cache === false ? createMemoryCache() : (options.cache ?? defaultCache)
  const allowInsecureLocalhost = options.allowInsecureLocalhost === true
  const keyContext: IssuerKeyContext = {
    resolver: options.resolver ?? createDidResolver({ fetch: fetchFn, timeout, cache, allowInsecureLocalhost }),
    fetch: fetchFn,
    timeout,
    cache,
    allowInsecureLocalhost,
    keyDiscovery: options.keyDiscovery ?? 'auto',
    signal: options.signal,
  }
  const checks: SdJwtVcCheck[] = []
  const maxBytes = options.maxBytes ?? 1024 * 1024
  const text = presentation.trim()
  if (new TextEncoder().encode(text).byteLength > maxBytes) {
    return finish(checks, fail('format', 'ERR_INPUT_TOO_LARGE', `The presentation is larger than ${maxBytes} bytes`))
  }

  // --- format ----------------------------------------------------------------------------------
  let sdJwt: SDJwt
  try {
    if (!text.includes('~')) throw new MicrocertError('ERR_SD_JWT_MALFORMED', 'An SD-JWT presentation has "~" separators; this has none')
    // Only canonical base64url: a changed padding bit in a last character would otherwise decode to the same bytes.
    const segments = text.split('~').flatMap((part) => part.split('.'))
    if (!segments.every((segment) => /^[A-Za-z0-9_-]*$/.test(segment) && segment.length % 4 !== 1 && isCanonicalBase64url(segment))) {
      throw new MicrocertError('ERR_SD_JWT_MALFORMED', 'The presentation is not canonical base64url')
    }
    sdJwt = await SDJwt.fromEncode(text, sha256Hasher)
  } catch (error) {
    return finish(checks, fail('format', codeOf(error, 'ERR_SD_JWT_MALFORMED'), 'The presentation is not a well-formed SD-JWT'))
  }
  const header = (sdJwt.jwt?.header ?? {}) as Record<string, unknown>
  const payload = (sdJwt.jwt?.payload ?? {}) as Record<string, unknown>
  const disclosures = sdJwt.disclosures ?? []
  const formatProblem = checkFormat(header, payload, disclosures)
  if (formatProblem !== undefined) return finish(checks, formatProblem)
  const iss = payload['iss'] as string
  const vct = payload['vct'] as string
  checks.push({ id: 'format', outcome: 'passed', message: `An SD-JWT VC (${String(header['typ'])}) with ${disclosures.length} disclosure(s)` })

  // --- signature: issuer key, signature, every disclosure signed in ---------------------------
  const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined
  let key: IssuerKey | { jwk: JsonWebKey; via: 'key'; did?: string }
  try {
    key = options.key !== undefined ? { jwk: publicJwkOf(options.key, 'The "key" option'), via: 'key' } : await resolveIssuerKey(iss, kid, keyContext)
  } catch (error) {
    const e = asError(error)
    if (e.code === 'ERR_ISSUER_MISMATCH') {
      checks.push({ id: 'signature', outcome: 'skipped', message: 'Not checked: the key does not belong to the issuer' })
      checks.push({ id: 'holder', outcome: 'skipped', message: 'Not checked: the key does not belong to the issuer' })
      return finish(checks, toCheck('issuer', 'failed', e))
    }
    return finish(checks, toCheck('signature', /UNREACHABLE$/.test(e.code) ? 'unknown' : 'failed', e))
  }
  const issuerJwt = text.slice(0, text.indexOf('~'))
  let claims: Record<string, unknown>
  try {
    await verifyCompactJws(issuerJwt, header, key.jwk, algorithms, 'The credential')
    claims = await disclosedClaims(payload, disclosures)
  } catch (error) {
    return finish(checks, toCheck('signature', 'failed', asError(error)))
  }
  checks.push({ id: 'signature', outcome: 'passed', message: `Signed by the issuer's key${key.via === 'did' ? ' in its DID document' : key.via === 'jwt-vc-issuer' ? ' in its JWT VC Issuer Metadata' : ''}; every disclosure is covered` })

  // --- holder: key binding -------------------------------------------------------------------
  const holder = await checkKeyBinding(text, sdJwt, payload, { ...options, now, clockTolerance, algorithms })
  checks.push(holder.check)

  // --- issuer ------------------------------------------------------------------------------------
  checks.push({
    id: 'issuer',
    outcome: 'passed',
    message: key.via === 'key' ? `Issued by "${iss}" (key given by the caller)` : `Issued by "${iss}"`,
    details: { iss, ...(key.did === undefined ? {} : { did: key.did }) },
  })

  // --- schema ------------------------------------------------------------------------------------
  checks.push(checkSchema(vct, claims, options.vct))

  // --- trust -------------------------------------------------------------------------------------
  const trustId = options.trustedIssuers?.includes(iss) === true ? iss : (key.did ?? iss)
  const trust = await checkTrust(trustId, {
    trustedIssuers: options.trustedIssuers,
    trustList: options.trustList,
    fetch: fetchFn,
    timeout,
    cache,
    allowInsecureLocalhost,
    signal: options.signal,
  })
  checks.push(trust.check as SdJwtVcCheck)

  // --- validity ----------------------------------------------------------------------------------
  checks.push(checkValidity(payload, claims, now, clockTolerance))

  // --- status ------------------------------------------------------------------------------------
  let statusPurpose: 'revocation' | 'suspension' | undefined
  const statusClaim = (payload['status'] as { status_list?: unknown } | undefined)?.status_list
  if (options.checkStatus === false) {
    checks.push({ id: 'status', outcome: 'skipped', message: 'Status not checked (checkStatus: false)' })
  } else if (statusClaim === undefined) {
    checks.push({ id: 'status', outcome: 'skipped', message: 'The credential has no status list entry' })
  } else {
    const status = await checkTokenStatus(statusClaim, iss, { ...keyContext, now, clockTolerance, algorithms })
    checks.push(status.check)
    statusPurpose = status.purpose
  }

  const shown: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(claims)) {
    if (!['iss', 'vct', 'cnf', 'status', '_sd_alg'].includes(name)) shown[name] = value
  }
  const disclosed = disclosures.map((d) => d.key).filter((name): name is string => typeof name === 'string')
  const result: SdJwtVcPresentation = {
    vct,
    iss,
    claims: shown,
    disclosed,
    notDisclosed: SELECTIVELY_DISCLOSABLE_CLAIMS.filter((name) => !disclosed.includes(name)),
  }
  if (holder.keyBinding !== undefined) result.keyBinding = holder.keyBinding
  if (typeof payload['exp'] === 'number') result.expiresAt = new Date(payload['exp'] * 1000).toISOString()
  const listed = trust.listed
  const issuerInfo: NonNullable<SdJwtVcVerificationResult['issuer']> = { id: iss, trusted: trust.trusted }
  const name = listed?.name ?? (typeof claims['awardingBody'] === 'string' ? claims['awardingBody'] : undefined)
  const country = listed?.country ?? (typeof claims['issuerCountry'] === 'string' ? claims['issuerCountry'] : undefined)
  if (name !== undefined) issuerInfo.name = name
  if (country !== undefined) issuerInfo.country = country
  return finish(checks, undefined, {
    presentation: result,
    issuer: issuerInfo,
    ...(typeof claims['identifier'] === 'string' ? { certificateId: claims['identifier'] } : {}),
    ...(statusPurpose === undefined ? {} : { statusInfo: { purpose: statusPurpose } }),
  })
}

const defaultCache = createMemoryCache()

function checkFormat(header: Record<string, unknown>, payload: Record<string, unknown>, disclosures: Disclosure[]): SdJwtVcCheck | undefined {
  const typ = header['typ']
  if (typ !== SD_JWT_VC_TYPE && typ !== SD_JWT_VC_LEGACY_TYPE) {
    return fail('format', 'ERR_JWT_TYPE_UNSUPPORTED', `The SD-JWT has typ "${String(typ).slice(0, 40)}", not "${SD_JWT_VC_TYPE}"`)
  }
  const forbidden = FORBIDDEN_HEADERS.filter((name) => name in header)
  if (forbidden.length > 0) return fail('format', 'ERR_JWT_HEADER_FORBIDDEN', `The SD-JWT header carries ${forbidden.map((n) => `"${n}"`).join(', ')}, which microcert refuses`)
  if (payload['_sd_alg'] !== undefined && payload['_sd_alg'] !== 'sha-256') {
    return fail('format', 'ERR_SD_JWT_MALFORMED', `The disclosures are hashed with "${String(payload['_sd_alg']).slice(0, 40)}"; only "sha-256" is accepted`)
  }
  if (typeof payload['iss'] !== 'string' || payload['iss'].length === 0) return fail('format', 'ERR_SD_JWT_MALFORMED', 'The SD-JWT VC has no "iss"')
  if (typeof payload['vct'] !== 'string' || payload['vct'].length === 0) return fail('format', 'ERR_SD_JWT_MALFORMED', 'The SD-JWT VC has no "vct"')
  const seen = new Set<string>()
  for (const disclosure of disclosures) {
    const encoded = disclosure.encode()
    if (seen.has(encoded)) return fail('format', 'ERR_SD_JWT_MALFORMED', 'A disclosure appears twice')
    seen.add(encoded)
    if (typeof disclosure.key === 'string' && (NEVER_DISCLOSABLE_CLAIMS as readonly string[]).includes(disclosure.key)) {
      return fail('format', 'ERR_SD_JWT_MALFORMED', `"${disclosure.key}" must not be selectively disclosed`)
    }
  }
  return undefined
}

/** The payload with every disclosure put in its place; throws ERR_DISCLOSURE_UNKNOWN for one the issuer did not sign. */
async function disclosedClaims(payload: Record<string, unknown>, disclosures: Disclosure[]): Promise<Record<string, unknown>> {
  const { unpackedObj, disclosureKeymap } = await unpack(payload, disclosures, sha256Hasher)
  const used = new Set(Object.values(disclosureKeymap))
  for (const disclosure of disclosures) {
    const digest = await disclosure.digest({ hasher: sha256Hasher, alg: 'sha-256' })
    if (!used.has(digest)) {
      throw new MicrocertError('ERR_DISCLOSURE_UNKNOWN', `The disclosure of ${typeof disclosure.key === 'string' ? `"${disclosure.key.slice(0, 60)}"` : 'an array element'} is not part of the signed credential`, {
        details: { claim: typeof disclosure.key === 'string' ? disclosure.key.slice(0, 60) : null },
      })
    }
  }
  for (const name of Object.keys(payload)) {
    if (name !== '_sd' && disclosures.some((d) => d.key === name)) {
      throw new MicrocertError('ERR_SD_JWT_MALFORMED', `"${name}" is both a plain claim and a disclosure`)
    }
  }
  return unpackedObj as Record<string, unknown>
}

interface KeyBindingContext extends Omit<VerifySdJwtVcOptions, 'algorithms'> {
  now: Date
  clockTolerance: number
  algorithms: readonly Algorithm[]
}

async function checkKeyBinding(
  text: string,
  sdJwt: SDJwt,
  payload: Record<string, unknown>,
  options: KeyBindingContext,
): Promise<{ check: SdJwtVcCheck; keyBinding?: NonNullable<SdJwtVcPresentation['keyBinding']> }> {
  const cnf = payload['cnf'] as { jwk?: unknown } | undefined
  const kb = sdJwt.kbJwt
  if (cnf === undefined) {
    return { check: { id: 'holder', outcome: 'skipped', message: 'The credential is not bound to a holder key' } }
  }
  if (kb === undefined) {
    if (options.requireKeyBinding === false) return { check: { id: 'holder', outcome: 'skipped', message: 'No key-binding JWT; not required by the caller' } }
    return { check: fail('holder', 'ERR_KEY_BINDING_MISSING', 'The credential is bound to the holder\'s key but the presentation has no key-binding JWT') }
  }
  let holderKey: JsonWebKey
  try {
    holderKey = publicJwkOf(cnf.jwk, 'The holder key (cnf.jwk)')
  } catch {
    return { check: fail('holder', 'ERR_KEY_BINDING_INVALID', 'The credential\'s holder key ("cnf.jwk") is not a P-256 or Ed25519 public key') }
  }
  const kbHeader = (kb.header ?? {}) as Record<string, unknown>
  const kbPayload = (kb.payload ?? {}) as Record<string, unknown>
  const kbCompact = text.slice(text.lastIndexOf('~') + 1)
  const { iat, aud, nonce } = kbPayload
  if (kbHeader['typ'] !== 'kb+jwt' || typeof iat !== 'number' || typeof aud !== 'string' || typeof nonce !== 'string' || typeof kbPayload['sd_hash'] !== 'string') {
    return { check: fail('holder', 'ERR_KEY_BINDING_INVALID', 'The key-binding JWT needs typ "kb+jwt" and "iat", "aud", "nonce", "sd_hash"') }
  }
  try {
    await verifyCompactJws(kbCompact, kbHeader, holderKey, options.algorithms, 'The key-binding JWT')
  } catch (error) {
    const e = asError(error)
    if (e.code === 'ERR_SIGNATURE_INVALID') {
      return { check: fail('holder', 'ERR_KEY_BINDING_SIGNATURE_INVALID', 'The key-binding JWT is not signed by the holder key the credential was issued to') }
    }
    return { check: fail('holder', 'ERR_KEY_BINDING_INVALID', `The key-binding JWT cannot be checked: ${e.message}`) }
  }
  const expectedHash = await sha256Base64url(text.slice(0, text.lastIndexOf('~') + 1))
  if (kbPayload['sd_hash'] !== expectedHash) {
    return { check: fail('holder', 'ERR_KEY_BINDING_INVALID', 'The key-binding JWT does not cover these disclosures ("sd_hash" differs): the presentation was altered') }
  }
  if (options.nonce !== undefined && nonce !== options.nonce) {
    return { check: fail('holder', 'ERR_KEY_BINDING_NONCE_MISMATCH', 'The key-binding JWT carries another nonce than the one asked for') }
  }
  if (options.audience !== undefined && aud !== options.audience) {
    return { check: fail('holder', 'ERR_KEY_BINDING_AUDIENCE_MISMATCH', `The key-binding JWT was made for "${aud.slice(0, 200)}", not "${options.audience.slice(0, 200)}"`) }
  }
  const nowSeconds = options.now.getTime() / 1000
  const maxAge = options.keyBindingMaxAge ?? 300
  if (iat > nowSeconds + options.clockTolerance || iat < nowSeconds - maxAge - options.clockTolerance) {
    return {
      check: fail('holder', 'ERR_KEY_BINDING_INVALID', `The key-binding JWT was made at ${new Date(iat * 1000).toISOString()}, outside the accepted ${maxAge} s`, {
        issuedAt: new Date(iat * 1000).toISOString(),
      }),
    }
  }
  const replayNote = options.nonce === undefined ? ' (no nonce was expected: a replay would not be detected)' : ''
  return {
    check: { id: 'holder', outcome: 'passed', message: `Presented by the holder of the wallet key the credential was issued to${replayNote}` },
    keyBinding: { audience: aud, nonce, issuedAt: new Date(iat * 1000).toISOString() },
  }
}

function checkSchema(vct: string, claims: Record<string, unknown>, expected: string | string[] | undefined): SdJwtVcCheck {
  const accepted = expected === undefined ? undefined : Array.isArray(expected) ? expected : [expected]
  const known = accepted === undefined ? vct.endsWith(`/${MICRO_CREDENTIAL_VCT_PATH}`) : accepted.includes(vct)
  if (!known) return fail('schema', 'ERR_SCHEMA_INVALID', `The credential type "${vct.slice(0, 200)}" is not a micro-credential type this verifier accepts`)
  const problems: string[] = []
  for (const name of REQUIRED_COURSE_CLAIMS) {
    const value = claims[name]
    const ok =
      name === 'notionalWorkload'
        ? typeof (value as { value?: unknown } | undefined)?.value === 'number'
        : name === 'learningOutcomes' || name === 'typeOfAssessment' || name === 'qualityAssurance'
          ? Array.isArray(value) && value.length > 0
          : typeof value === 'string' && value.length > 0
    if (!ok) problems.push(name)
  }
  for (const name of COURSE_CLAIMS) {
    if (claims[name] !== undefined && typeof claims[name] !== 'string' && typeof claims[name] !== 'object' && typeof claims[name] !== 'boolean') problems.push(name)
  }
  if (problems.length > 0) {
    return { id: 'schema', outcome: 'warning', code: 'ERR_EU_ELEMENTS_MISSING', message: `The course lacks EU elements: ${problems.join(', ')}`, details: { missing: problems } }
  }
  return { id: 'schema', outcome: 'passed', message: 'A micro-credential with every EU element of the course' }
}

function checkValidity(payload: Record<string, unknown>, claims: Record<string, unknown>, now: Date, tolerance: number): SdJwtVcCheck {
  const nowSeconds = now.getTime() / 1000
  const { exp, nbf } = payload
  const iat = claims['iat']
  for (const [name, value] of [['exp', exp], ['nbf', nbf], ['iat', iat]] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      return fail('validity', 'ERR_VALIDITY_INCONSISTENT', `"${name}" is not a number of seconds`)
    }
  }
  if (typeof nbf === 'number' && nowSeconds + tolerance < nbf) {
    return fail('validity', 'ERR_CREDENTIAL_NOT_YET_VALID', `The credential is valid only from ${new Date(nbf * 1000).toISOString()}`)
  }
  if (typeof iat === 'number' && nowSeconds + tolerance < iat) {
    return fail('validity', 'ERR_CREDENTIAL_NOT_YET_VALID', `The credential was issued in the future (${new Date(iat * 1000).toISOString()})`)
  }
  if (typeof exp === 'number' && nowSeconds - tolerance > exp) {
    const validUntil = new Date(exp * 1000).toISOString()
    return { id: 'validity', outcome: 'warning', code: 'ERR_CREDENTIAL_EXPIRED', message: `The credential expired on ${validUntil}`, details: { validUntil } }
  }
  return { id: 'validity', outcome: 'passed', message: exp === undefined ? 'The credential is valid and does not expire' : 'The credential is within its validity period' }
}

function fail(id: SdJwtVcCheckId, code: MicrocertErrorCode, message: string, details?: Record<string, unknown>): SdJwtVcCheck {
  return { id, outcome: 'failed', code, message, ...(details === undefined ? {} : { details }) }
}

function asError(error: unknown): MicrocertError {
  return isMicrocertError(error) ? error : new MicrocertError('ERR_SD_JWT_MALFORMED', 'The presentation could not be read', { cause: error })
}

function codeOf(error: unknown, fallback: MicrocertErrorCode): MicrocertErrorCode {
  return isMicrocertError(error) ? error.code : fallback
}

function toCheck(id: SdJwtVcCheckId, outcome: SdJwtVcCheck['outcome'], error: MicrocertError): SdJwtVcCheck {
  return { id, outcome, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: { ...error.details } }) }
}

function finish(checks: SdJwtVcCheck[], last: SdJwtVcCheck | undefined, extra: Partial<SdJwtVcVerificationResult> = {}): SdJwtVcVerificationResult {
  if (last !== undefined) checks.push(last)
  for (const id of CHECK_ORDER) {
    if (!checks.some((check) => check.id === id)) checks.push({ id, outcome: 'skipped', message: 'Not checked: an earlier check failed' })
  }
  checks.sort((a, b) => CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id))
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
