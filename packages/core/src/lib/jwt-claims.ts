import { MicrocertError } from '../errors.js'

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1'
const REGISTERED_CLAIMS = new Set(['iss', 'jti', 'sub', 'nbf', 'exp', 'iat', 'aud'])

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `issuer` (a string or an object with `id`) → its id. */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential['issuer']
  if (typeof issuer === 'string') return issuer
  if (isRecord(issuer) && typeof issuer['id'] === 'string') return issuer['id']
  return undefined
}

/** The id of a single credentialSubject, when it has one. */
export function subjectIdOf(credential: Record<string, unknown>): string | undefined {
  const subject = credential['credentialSubject']
  return isRecord(subject) && typeof subject['id'] === 'string' ? subject['id'] : undefined
}

/** Seconds since the epoch of a dateTimeStamp, or undefined when it does not parse. */
export function secondsOf(date: unknown): number | undefined {
  if (typeof date !== 'string') return undefined
  const ms = Date.parse(date)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/** The OB 3.0 VC-JWT claims of a credential (DESIGN §4): iss, jti, sub, nbf, exp. */
export function claimsForCredential(credential: Record<string, unknown>): Record<string, unknown> {
  const iss = issuerIdOf(credential)
  if (iss === undefined) throw new MicrocertError('ERR_INPUT_INVALID', 'The credential has no issuer id', { details: { issues: ['issuer: required'] } })
  const nbf = secondsOf(credential['validFrom'])
  if (nbf === undefined) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The credential has no valid "validFrom"', { details: { issues: ['validFrom: required'] } })
  }
  const claims: Record<string, unknown> = { iss }
  if (typeof credential['id'] === 'string') claims['jti'] = credential['id']
  const sub = subjectIdOf(credential)
  if (sub !== undefined) claims['sub'] = sub
  claims['nbf'] = nbf
  if (credential['validUntil'] !== undefined) {
    const exp = secondsOf(credential['validUntil'])
    if (exp === undefined) {
      throw new MicrocertError('ERR_INPUT_INVALID', 'The credential\'s "validUntil" is not a date', { details: { issues: ['validUntil: invalid date'] } })
    }
    claims['exp'] = exp
  }
  return claims
}

function firstContext(value: Record<string, unknown>): unknown {
  const context = value['@context']
  return Array.isArray(context) ? context[0] : context
}

/**
 * The credential a VC-JWT payload carries: the payload itself (without the JWT claims), or — only for a VC 1.1
 * credential — the legacy `vc` claim, completed from `iss`/`jti`/`sub`/`nbf`/`exp` as VC 1.1 JWTs encode it.
 * Throws ERR_JWT_PAYLOAD_INVALID.
 */
export function credentialFromPayload(payload: Record<string, unknown>): { credential: Record<string, unknown>; legacy: boolean } {
  const vc = payload['vc']
  if (vc !== undefined || payload['vp'] !== undefined) {
    if (payload['@context'] !== undefined) {
      throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'A VC 2.0 JWT payload must not carry "vc" or "vp" claims')
    }
    if (!isRecord(vc) || firstContext(vc) !== VC_V1_CONTEXT) {
      throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The "vc" claim is not a VC 1.1 credential')
    }
    const credential: Record<string, unknown> = { ...vc }
    const iss = payload['iss']
    // did-jwt-vc writes the issuer's other properties (name, address…) beside `iss` in a top-level `issuer` claim.
    const issuer = credential['issuer'] ?? payload['issuer']
    if (typeof iss === 'string') credential['issuer'] = isRecord(issuer) ? { ...issuer, id: issuer['id'] ?? iss } : (issuer ?? iss)
    if (credential['id'] === undefined && typeof payload['jti'] === 'string') credential['id'] = payload['jti']
    if (credential['issuanceDate'] === undefined && typeof payload['nbf'] === 'number') credential['issuanceDate'] = dateOfSeconds(payload['nbf'])
    if (credential['expirationDate'] === undefined && typeof payload['exp'] === 'number') credential['expirationDate'] = dateOfSeconds(payload['exp'])
    const subject = credential['credentialSubject']
    if (isRecord(subject) && subject['id'] === undefined && typeof payload['sub'] === 'string') {
      credential['credentialSubject'] = { ...subject, id: payload['sub'] }
    }
    return { credential, legacy: true }
  }
  const context = firstContext(payload)
  if (context !== VC_V2_CONTEXT && context !== VC_V1_CONTEXT) {
    throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT payload is not a verifiable credential (no VC @context)')
  }
  // Copy without the claims instead of deleting them: `delete` turns the object into a slow dictionary.
  const credential: Record<string, unknown> = {}
  for (const key of Object.keys(payload)) if (!REGISTERED_CLAIMS.has(key)) credential[key] = payload[key]
  return { credential, legacy: isLegacyCredential(credential) }
}

/** Seconds since the epoch as a dateTimeStamp, without the milliseconds a JWT cannot carry. */
function dateOfSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

/** A VC 1.1-era credential: the 2018 context, or the VC 1.1 date names (`issuanceDate`, `expirationDate`). */
export function isLegacyCredential(credential: Record<string, unknown>): boolean {
  return firstContext(credential) === VC_V1_CONTEXT || 'issuanceDate' in credential || 'expirationDate' in credential
}
