// Subpath import: the widget's main chunk must not reach jose's index, which re-exports what only lazy chunks use.
import { compactVerify } from 'jose/jws/compact/verify'
import { MicrocertError } from '../errors.js'
import type { DidDocument, DidResolver, JwsAlgorithm, VerificationMethod } from '../types.js'
import { isAssertionKey, methodById, type ControllerResolver } from './controller-document.js'
import { resolveDidKey } from './did-key.js'
import { fromJoseError } from './jose-errors.js'
import { keyServes, publicJwkOf } from './jwk.js'
import { checkJoseHeader, parseCompactJws, type ParsedJws } from './jws.js'
import { importPublicKey } from './public-key-cache.js'
import { loadChunk } from './load-chunk.js'

export interface VerifyJwsOptions {
  resolver: DidResolver
  algorithms: readonly JwsAlgorithm[]
  /** Verify against this public JWK instead of resolving `kid`. */
  key?: JsonWebKey | undefined
  signal?: AbortSignal | undefined
  /**
   * Resolves the issuer's keys for every other kind of token (an https issuer, a `jwk` header, a bare `kid`, no
   * `kid`): DIDs through `resolver`, https controller documents fetched. Default: DIDs only.
   */
  controllers?: ControllerResolver | undefined
  /** The issuer the credential names, for a token without `iss`. */
  issuer?: string | undefined
}

export interface VerifiedJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** Who controls the key: the DID (or https issuer URL) whose document lists it; '' when `key` was given and no DID is known. */
  issuerDid: string
  /** The absolute key id used ('' when `key` was given without a `kid`). */
  kid: string
  /** The public key the signature verified with. */
  publicJwk: JsonWebKey
}

/** A key the signature may have been made with, and whose it is. */
export interface CandidateKey {
  jwk: JsonWebKey
  kid: string
  owner: string
}

/**
 * The one place that verifies a compact JWS: header rules, algorithm allow-list, the key (a `kid` of the issuer's DID
 * document or controller document, an embedded `jwk` the issuer's document authorises, or — with neither — the
 * issuer's assertion keys, at most 8), signature. Claims are not checked here. Throws MicrocertError:
 * ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_PAYLOAD_INVALID, ERR_JWT_TYPE_UNSUPPORTED, ERR_JWT_HEADER_FORBIDDEN,
 * ERR_ALGORITHM_UNSUPPORTED, ERR_PROOF_UNSUPPORTED, ERR_KEY_NOT_FOUND, ERR_KEY_NOT_AUTHORIZED, ERR_KEY_INVALID,
 * ERR_SIGNATURE_INVALID, ERR_DID_*.
 */
export async function verifyJws(token: string, options: VerifyJwsOptions): Promise<VerifiedJws> {
  return verifyParsedJws(parseCompactJws(token), options)
}

/**
 * `verifyJws` for a token already split by `parseCompactJws`. microcert's own tokens (ES256 / EdDSA, a `kid` that is
 * a DID URL, no embedded key) are checked here; every other form other issuers write — RSA, an embedded `jwk`, an
 * https issuer, a bare or missing `kid`, a verifier-supplied key — by a separate chunk, loaded when one arrives.
 */
export async function verifyParsedJws(parsed: ParsedJws, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const { header, payload } = parsed
  const alg = header['alg']
  if (options.key === undefined && (alg === 'ES256' || alg === 'EdDSA') && (options.algorithms as readonly string[]).includes(alg) && isDidKid(header, payload)) {
    checkJoseHeader(header, options.algorithms)
    const { method, did } = await assertionMethodOf(header, payload, options)
    return verifyWithKeys(parsed, alg, [{ jwk: jwkOfMethod(method), owner: did, kid: method.id }])
  }
  return (await loadChunk(() => import('./verify-foreign-jws.js'))).verifyForeignJws(parsed, options)
}

/** Verifies the signature with the first of `candidates` that holds (each a key that can sign `alg`). */
export async function verifyWithKeys(parsed: ParsedJws, alg: JwsAlgorithm, candidates: readonly CandidateKey[]): Promise<VerifiedJws> {
  let failure: MicrocertError | undefined
  for (const candidate of candidates) {
    if (!keyServes(candidate.jwk, alg)) {
      failure ??= new MicrocertError('ERR_KEY_INVALID', `The token says "${alg}" but key "${candidate.kid.slice(0, 200)}" cannot sign with it`)
      continue
    }
    const cryptoKey = await importPublicKey(candidate.jwk, alg)
    try {
      await compactVerify(parsed.token, cryptoKey, { algorithms: [alg] })
      return { header: parsed.header, payload: parsed.payload, issuerDid: candidate.owner, kid: candidate.kid, publicJwk: candidate.jwk }
    } catch (error) {
      failure ??= fromJoseError(error)
    }
  }
  throw failure ?? new MicrocertError('ERR_KEY_NOT_FOUND', 'No key of the issuer could have signed this token')
}

/** The usual microcert token: a `kid` that is a DID URL (absolute, or `#…` under a DID `iss`) and no embedded key. */
export function isDidKid(header: Record<string, unknown>, payload: Record<string, unknown>): boolean {
  const kid = header['kid']
  if (typeof kid !== 'string' || header['jwk'] !== undefined) return false
  return kid.startsWith('did:') || (kid.startsWith('#') && typeof payload['iss'] === 'string' && payload['iss'].startsWith('did:'))
}

export function didOf(kid: string): string {
  const hash = kid.indexOf('#')
  return hash === -1 ? kid : kid.slice(0, hash)
}

/** The verification method the token's `kid` (a DID URL) names in its DID document, among the document's assertion methods. */
export async function assertionMethodOf(header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions) {
  const rawKid = header['kid'] as string
  const kid = rawKid.startsWith('#') ? `${String(payload['iss'])}${rawKid}` : rawKid
  const did = didOf(kid)
  const document = await options.resolver.resolve(did, options.signal === undefined ? {} : { signal: options.signal })
  return { method: findAssertionMethod(document, kid), did }
}

/**
 * The verification method `kid` names, if the document authorises it for issuing (`assertionMethod`). A bare DID picks
 * a sole assertion key. Throws ERR_KEY_NOT_FOUND (not in the document) or ERR_KEY_NOT_AUTHORIZED (listed, but not for
 * issuing credentials).
 */
export function findAssertionMethod(document: DidDocument, kid: string): VerificationMethod {
  let id = kid
  if (!kid.includes('#')) {
    const only = document.assertionMethod?.length === 1 ? document.assertionMethod[0]! : undefined
    if (only !== undefined) id = typeof only === 'string' ? only : only.id
  }
  const method = methodById(document, id)
  if (method === undefined) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', `The document of "${document.id.slice(0, 200)}" has no key "${kid.slice(0, 200)}"`, {
      details: { kid: kid.slice(0, 200) },
    })
  }
  if (!isAssertionKey(document, id)) {
    throw new MicrocertError('ERR_KEY_NOT_AUTHORIZED', `"${document.id.slice(0, 200)}" does not authorise key "${id.slice(0, 200)}" for issuing credentials (assertionMethod)`, {
      details: { kid: id.slice(0, 200) },
    })
  }
  return method
}

// Cached per method object: a cached DID document yields the same JWK object, which keeps the CryptoKey cache hit cheap.
const jwkOfMethodCache = new WeakMap<VerificationMethod, JsonWebKey>()

/** The checked P-256 / Ed25519 public JWK of a verification method (publicKeyJwk or publicKeyMultibase). Throws ERR_KEY_INVALID. */
export function jwkOfMethod(method: VerificationMethod): JsonWebKey {
  const cached = jwkOfMethodCache.get(method)
  if (cached !== undefined) return cached
  let jwk: JsonWebKey | undefined
  if (method.publicKeyJwk !== undefined) {
    jwk = publicJwkOf(method.publicKeyJwk, `Key "${method.id.slice(0, 200)}"`)
  } else if (typeof method.publicKeyMultibase === 'string') {
    try {
      jwk = resolveDidKey(`did:key:${method.publicKeyMultibase}`).verificationMethod?.[0]?.publicKeyJwk
    } catch (cause) {
      throw new MicrocertError('ERR_KEY_INVALID', `Key "${method.id.slice(0, 200)}" has an unsupported publicKeyMultibase`, { cause })
    }
  }
  if (jwk === undefined) {
    throw new MicrocertError('ERR_KEY_INVALID', `Key "${method.id.slice(0, 200)}" has neither publicKeyJwk nor a supported publicKeyMultibase`)
  }
  jwkOfMethodCache.set(method, jwk)
  return jwk
}
