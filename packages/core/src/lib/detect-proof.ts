import { isMicrocertError, MicrocertError } from '../errors.js'
import type { JwsAlgorithm } from '../types.js'
import { credentialFromPayload, isLegacyCredential, isRecord, subjectIdOf, VC_V1_CONTEXT, VC_V2_CONTEXT } from './jwt-claims.js'
import { checkJoseHeader, looksLikeCompactJws, parseCompactJws, type ParsedJws } from './jws.js'
import { exceedsBytes, parseJson } from './parse-json.js'

/**
 * The ways a credential can be secured. Detected once, from the input's shape, before anything is verified:
 * - `vc-jwt`: a compact JWS (also inside a VC 2.0 `EnvelopedVerifiableCredential`, `data:application/vc+jwt,…`);
 * - `data-integrity`: a JSON credential with an embedded `proof`;
 * - `sd-jwt`: an SD-JWT (`<jws>~<disclosure>~…~`), also enveloped as `data:application/vc+sd-jwt,…` / `dc+sd-jwt`;
 * - `unsigned`: JSON with no proof at all.
 */
export type ProofFormat = 'vc-jwt' | 'data-integrity' | 'sd-jwt' | 'unsigned'

export type DetectedProof =
  | { format: 'vc-jwt'; credential: Record<string, unknown>; legacy: boolean; jws: ParsedJws }
  | { format: 'data-integrity'; credential: Record<string, unknown>; legacy: boolean }
  | { format: 'sd-jwt'; credential: undefined; legacy: false; token: string }
  | { format: 'unsigned'; credential: Record<string, unknown>; legacy: boolean }

const utf8 = new TextDecoder('utf-8', { fatal: true })
const SD_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+~/
const SD_JWT_TYPES = /^(application\/)?(vc|dc)\+sd-jwt$/i

/**
 * Reads the input (a string, bytes of a file, or an object) and tells which proof format it carries. Nothing is
 * verified here. Throws MicrocertError: ERR_INPUT_TOO_LARGE, ERR_FORMAT_UNSUPPORTED, ERR_JWS_MALFORMED,
 * ERR_JSON_MALFORMED, ERR_JWT_TYPE_UNSUPPORTED, ERR_JWT_HEADER_FORBIDDEN, ERR_JWT_PAYLOAD_INVALID.
 */
export function detectProof(input: string | object | Uint8Array, maxBytes: number, algorithms: readonly JwsAlgorithm[]): DetectedProof {
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
    // The pattern scans a whole token before it fails; an SD-JWT always holds a "~", which is found far faster.
    if (text.includes('~') && SD_JWT.test(text)) return sdJwt(text)
    if (looksLikeCompactJws(text)) return detectJws(text, algorithms)
    if (!text.startsWith('{')) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The input is neither a VC-JWT nor a JSON credential')
    const value = parseJson(text, { maxDepth: 64, maxBytes })
    if (!isRecord(value)) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The JSON is not a credential object')
    object = value
  } else {
    object = input as Record<string, unknown>
  }
  const enveloped = envelopedCredential(object)
  if (enveloped !== undefined) return enveloped.sd ? sdJwt(enveloped.token) : detectJws(enveloped.token, algorithms)
  const context = object['@context']
  const first = Array.isArray(context) ? context[0] : context
  if (first !== VC_V2_CONTEXT && first !== VC_V1_CONTEXT) {
    throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The JSON is not a verifiable credential (no VC @context)')
  }
  const legacy = isLegacyCredential(object)
  return object['proof'] !== undefined ? { format: 'data-integrity', credential: object, legacy } : { format: 'unsigned', credential: object, legacy }
}

function detectJws(token: string, algorithms: readonly JwsAlgorithm[]): DetectedProof {
  const jws = parseCompactJws(token)
  const typ = jws.header['typ']
  if (typeof typ === 'string' && SD_JWT_TYPES.test(typ)) return sdJwt(token)
  try {
    checkJoseHeader(jws.header, algorithms)
  } catch (error) {
    // The algorithm is the signature step's business (forged or not checkable); every other header rule is format.
    if (!isMicrocertError(error) || (error.code !== 'ERR_ALGORITHM_UNSUPPORTED' && error.code !== 'ERR_PROOF_UNSUPPORTED')) throw error
  }
  const { credential, legacy } = credentialFromPayload(jws.payload)
  const { payload } = jws
  if (payload['jti'] !== undefined && payload['jti'] !== credential['id']) {
    throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT "jti" differs from the credential id')
  }
  if (payload['sub'] !== undefined && payload['sub'] !== subjectIdOf(credential)) {
    throw new MicrocertError('ERR_JWT_PAYLOAD_INVALID', 'The JWT "sub" differs from the credential subject id')
  }
  return { format: 'vc-jwt', credential, legacy, jws }
}

function sdJwt(token: string): DetectedProof {
  return { format: 'sd-jwt', credential: undefined, legacy: false, token }
}

/** A VC 2.0 EnvelopedVerifiableCredential: `{ type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+jwt,<jws>' }`. */
function envelopedCredential(object: Record<string, unknown>): { token: string; sd: boolean } | undefined {
  const type = object['type']
  const isEnveloped = type === 'EnvelopedVerifiableCredential' || (Array.isArray(type) && type.includes('EnvelopedVerifiableCredential'))
  const id = object['id']
  if (!isEnveloped || typeof id !== 'string') return undefined
  const match = /^data:application\/(vc\+jwt|vc\+sd-jwt|dc\+sd-jwt),(.*)$/s.exec(id)
  if (match === null) throw new MicrocertError('ERR_FORMAT_UNSUPPORTED', 'The enveloped credential is not a data:application/vc+jwt URL')
  return { token: match[2]!.trim(), sd: match[1] !== 'vc+jwt' }
}

function tooLarge(maxBytes: number): MicrocertError {
  return new MicrocertError('ERR_INPUT_TOO_LARGE', `The input is larger than ${maxBytes} bytes`, { details: { maxBytes } })
}
