import { MicrocertError } from '../errors.js'
import type { JwsAlgorithm, Signer } from '../types.js'
import { decodeBase64url, encodeBase64url, encodeBase64urlText, isCanonicalBase64url } from './base64url.js'
import { parseJson } from './parse-json.js'

export interface ParsedJws {
  token: string
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** Length of `<header>.<payload>`, the signing input. */
  signingInputLength: number
}

const B64URL = /^[A-Za-z0-9_-]*$/
/**
 * Header parameters we refuse: key URLs and certificate chains from the token itself, extensions we do not implement.
 * An embedded `jwk` (the Open Badges 3.0 VC-JWT form) is read, but only as a pointer to one of the issuer's own keys.
 */
const FORBIDDEN_HEADERS = ['jku', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'crit', 'b64'] as const
const ACCEPTED_TYPES = new Set(['jwt', 'vc+jwt', 'application/jwt', 'application/vc+jwt'])
/**
 * Registered asymmetric JWS algorithms (IANA JOSE registry) that an honest issuer may sign with. Outside the
 * allow-list they mean "this build cannot check it" (ERR_PROOF_UNSUPPORTED); anything else — `none`, HMAC, a made-up
 * name — is something only a forger writes (ERR_ALGORITHM_UNSUPPORTED).
 */
const ASYMMETRIC_ALGORITHMS = new Set([
  'ES256', 'ES384', 'ES512', 'ES256K', 'EdDSA', 'Ed25519', 'Ed448', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87',
])
const decoder = new TextDecoder('utf-8', { fatal: true })

function malformed(message: string, cause?: unknown): MicrocertError {
  return new MicrocertError('ERR_JWS_MALFORMED', message, cause === undefined ? {} : { cause })
}

function decodePart(part: string, name: string): string {
  const bytes = decodeBase64url(part)
  if (bytes === undefined) throw malformed(`The JWS ${name} is not base64url`)
  try {
    return decoder.decode(bytes)
  } catch (cause) {
    throw malformed(`The JWS ${name} is not base64url-encoded UTF-8`, cause)
  }
}

function decodeJsonPart(part: string, name: string): Record<string, unknown> {
  let value: unknown
  try {
    value = parseJson(decodePart(part, name), { maxDepth: 64, maxBytes: Number.MAX_SAFE_INTEGER })
  } catch (error) {
    if (error instanceof MicrocertError && error.details?.['reason'] === 'syntax') throw malformed(`The JWS ${name} is not JSON`, error)
    throw error
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw name === 'header'
      ? malformed('The JWS header is not a JSON object')
      : new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT payload is not a JSON object')
  }
  return value as Record<string, unknown>
}

/**
 * True when `text` has the shape of a compact JWS: three dot-separated parts, not JSON. The parts' characters are
 * checked when they are decoded (so a stray character is reported as a malformed JWS, not as unknown input).
 */
export function looksLikeCompactJws(text: string): boolean {
  const first = text.indexOf('.')
  if (first <= 0) return false
  const second = text.indexOf('.', first + 1)
  if (second === -1 || text.indexOf('.', second + 1) !== -1) return false
  const c = text.charCodeAt(0)
  return c !== 123 /* { */ && c !== 91 /* [ */ && c !== 34 /* " */ && !/\s/.test(text.slice(0, 16))
}

/**
 * Splits and decodes a compact JWS without verifying it. Throws ERR_JWS_MALFORMED (shape, base64url, JSON),
 * ERR_JSON_MALFORMED (depth, forbidden keys), ERR_JWT_PAYLOAD_INVALID (payload not an object).
 */
export function parseCompactJws(token: string): ParsedJws {
  const parts = token.split('.')
  if (parts.length !== 3) throw malformed(`A compact JWS has 3 parts, this one has ${parts.length}`)
  const [h = '', p = '', s = ''] = parts
  if (h.length === 0) throw malformed('The JWS header is empty')
  // Only the canonical encoding: otherwise a changed padding bit in the last character would still verify.
  if (!B64URL.test(s) || s.length % 4 === 1 || !isCanonicalBase64url(s)) throw malformed('The JWS signature is not canonical base64url')
  const header = decodeJsonPart(h, 'header')
  const payload = decodeJsonPart(p, 'payload')
  return { token, header, payload, signingInputLength: h.length + 1 + p.length }
}

/**
 * Applies the header rules of DESIGN §4: `alg` on the allow-list (never `none`, never HMAC), `typ` JWT / vc+jwt /
 * absent, none of jku / x5u / x5c / x5t / crit / b64 (a `jwk` is bound to the issuer by the key step). Returns the
 * algorithm. A registered asymmetric algorithm outside the allow-list throws ERR_PROOF_UNSUPPORTED ("cannot check
 * here"); `none`, HMAC or an unknown name throws ERR_ALGORITHM_UNSUPPORTED (forged).
 */
export function checkJoseHeader(header: Record<string, unknown>, algorithms: readonly JwsAlgorithm[]): JwsAlgorithm {
  const typ = header['typ']
  if (typ !== undefined && (typeof typ !== 'string' || !ACCEPTED_TYPES.has(typ.toLowerCase()))) {
    throw new MicrocertError('ERR_JWT_TYPE_UNSUPPORTED', `JOSE header typ "${String(typ).slice(0, 40)}" is not "JWT" or "vc+jwt"`)
  }
  for (const name of FORBIDDEN_HEADERS) {
    if (name in header) {
      throw new MicrocertError('ERR_JWT_HEADER_FORBIDDEN', `The JOSE header carries "${name}", which microcert refuses`, {
        details: { parameter: name },
      })
    }
  }
  const alg = header['alg']
  if (typeof alg === 'string' && ASYMMETRIC_ALGORITHMS.has(alg) && !(algorithms as readonly string[]).includes(alg)) {
    throw new MicrocertError('ERR_PROOF_UNSUPPORTED', `Algorithm "${alg}" cannot be checked here (allowed: ${algorithms.join(', ')})`, {
      details: { alg, allowed: [...algorithms] },
    })
  }
  if (typeof alg !== 'string' || !(algorithms as readonly string[]).includes(alg)) {
    throw new MicrocertError('ERR_ALGORITHM_UNSUPPORTED', `Algorithm "${String(alg).slice(0, 20)}" is not allowed (allowed: ${algorithms.join(', ')})`, {
      details: { alg: typeof alg === 'string' ? alg.slice(0, 20) : null, allowed: [...algorithms] },
    })
  }
  return alg as JwsAlgorithm
}

const encoder = new TextEncoder()

/** Signs `payload` as a compact JWS with header `{ alg, kid, typ: 'JWT' }` (the OB 3.0 VC-JWT profile). */
export async function signCompactJws(payload: Record<string, unknown>, signer: Signer): Promise<string> {
  if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
    throw new TypeError('A signer is required: { alg, kid, sign(bytes) }')
  }
  if (signer.alg !== 'ES256' && signer.alg !== 'EdDSA') throw new TypeError(`Signer alg must be "ES256" or "EdDSA", got "${String(signer.alg)}"`)
  if (typeof signer.kid !== 'string' || signer.kid.length === 0) throw new TypeError('Signer kid must be a non-empty string')
  const header = encodeBase64urlText(JSON.stringify({ alg: signer.alg, kid: signer.kid, typ: 'JWT' }))
  const input = `${header}.${encodeBase64urlText(JSON.stringify(payload))}`
  let signature = await signer.sign(encoder.encode(input))
  if (!(signature instanceof Uint8Array)) throw new TypeError('Signer.sign must return a Uint8Array')
  if (signer.alg === 'ES256' && signature.length !== 64) signature = derToRaw(signature)
  return `${input}.${encodeBase64url(signature)}`
}

// KMS/HSM APIs often return ECDSA signatures DER-encoded; JWS needs the 64-byte r‖s form.
function derToRaw(der: Uint8Array): Uint8Array {
  const fail = () => new MicrocertError('ERR_KEY_INVALID', 'The signer returned an ES256 signature that is neither 64 bytes nor DER')
  if (der[0] !== 0x30) throw fail()
  let offset = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2
  const out = new Uint8Array(64)
  for (let i = 0; i < 2; i++) {
    if (der[offset] !== 0x02) throw fail()
    const length = der[offset + 1]!
    let int = der.subarray(offset + 2, offset + 2 + length)
    while (int.length > 32 && int[0] === 0) int = int.subarray(1)
    if (int.length > 32 || int.length === 0) throw fail()
    out.set(int, i * 32 + (32 - int.length))
    offset += 2 + length
  }
  return out
}
