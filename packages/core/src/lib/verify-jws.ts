import { compactVerify } from 'jose'
import { isMicrocertError, MicrocertError } from '../errors.js'
import type { DidDocument, DidResolver, JwsAlgorithm, VerificationMethod } from '../types.js'
import { isAssertionKey, methodById, type ControllerResolver } from './controller-document.js'
import { resolveDidKey } from './did-key.js'
import { fromJoseError } from './jose-errors.js'
import { keyServes, publicJwkOf, verificationJwkOf } from './jwk.js'
import { checkJoseHeader, parseCompactJws, type ParsedJws } from './jws.js'
import { importPublicKey } from './public-key-cache.js'

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

/** `verifyJws` for a token already split by `parseCompactJws`. */
export async function verifyParsedJws(parsed: ParsedJws, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const { header, payload } = parsed
  let alg: JwsAlgorithm
  try {
    alg = checkJoseHeader(header, options.algorithms)
  } catch (error) {
    if (isMicrocertError(error) && error.code === 'ERR_PROOF_UNSUPPORTED') await refuteAlgorithm(String(header['alg']), header, payload, options)
    throw error
  }
  let candidates: CandidateKey[]
  if (options.key !== undefined) candidates = [keyFromOption(options.key, header, payload)]
  else if (isDidKid(header, payload)) candidates = [await keyFromDid(header, payload, options)]
  else candidates = await (await import('./discover-jws-keys.js')).discoverJwsKeys(header, payload, alg, controllersOf(options), options)
  let failure: MicrocertError | undefined
  for (const candidate of candidates) {
    if (!keyServes(candidate.jwk, alg)) {
      failure ??= new MicrocertError('ERR_KEY_INVALID', `The token says "${alg}" but key "${candidate.kid.slice(0, 200)}" cannot sign with it`)
      continue
    }
    const cryptoKey = await importPublicKey(candidate.jwk, alg)
    try {
      await compactVerify(parsed.token, cryptoKey, { algorithms: [alg] })
      return { header, payload, issuerDid: candidate.owner, kid: candidate.kid, publicJwk: candidate.jwk }
    } catch (error) {
      failure ??= fromJoseError(error)
    }
  }
  throw failure ?? new MicrocertError('ERR_KEY_NOT_FOUND', 'No key of the issuer could have signed this token')
}

/** The usual microcert token: a `kid` that is a DID URL (absolute, or `#…` under a DID `iss`) and no embedded key. */
function isDidKid(header: Record<string, unknown>, payload: Record<string, unknown>): boolean {
  const kid = header['kid']
  if (typeof kid !== 'string' || header['jwk'] !== undefined) return false
  return kid.startsWith('did:') || (kid.startsWith('#') && typeof payload['iss'] === 'string' && payload['iss'].startsWith('did:'))
}

function controllersOf(options: VerifyJwsOptions): ControllerResolver {
  return options.controllers ?? ((id, signal) => (id.startsWith('did:') ? options.resolver.resolve(id, signal === undefined ? {} : { signal }) : notResolvable(id)))
}

function notResolvable(id: string): never {
  throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `The keys of "${id.slice(0, 200)}" are published at an https URL, which is not fetched here`)
}

export function didOf(kid: string): string {
  const hash = kid.indexOf('#')
  return hash === -1 ? kid : kid.slice(0, hash)
}

function keyFromOption(key: JsonWebKey, header: Record<string, unknown>, payload: Record<string, unknown>): CandidateKey {
  const jwk = verificationJwkOf(key, 'The "key" option')
  const kid = typeof header['kid'] === 'string' ? header['kid'] : ''
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : ''
  const owner = kid.startsWith('did:') ? didOf(kid) : iss.startsWith('did:') ? iss : ''
  return { jwk, kid, owner }
}

/**
 * An algorithm this build cannot check is "unsupported" only when the issuer's key could sign with it. A header that
 * claims, say, ES384 for an issuer whose key is P-256 lies about the key: that is a forgery (ERR_KEY_INVALID), not a
 * format to check elsewhere. Returns when a key fits (or cannot be read here); throws otherwise.
 */
async function refuteAlgorithm(alg: string, header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions): Promise<void> {
  const keys: { kid: string; jwk: unknown }[] = []
  if (options.key !== undefined) {
    keys.push({ kid: '', jwk: options.key })
  } else if (isDidKid(header, payload)) {
    const { method } = await assertionMethodOf(header, payload, options)
    keys.push({ kid: method.id, jwk: rawJwkOf(method) })
  } else {
    const { discoverJwsKeys } = await import('./discover-jws-keys.js')
    for (const key of await discoverJwsKeys(header, payload, undefined, controllersOf(options), options, { raw: true })) keys.push(key)
  }
  if (keys.length === 0 || keys.some(({ jwk }) => typeof jwk !== 'object' || jwk === null)) return
  const fitting = keys.find(({ jwk }) => keyFitsAlgorithm((jwk as JsonWebKey).kty, (jwk as JsonWebKey).crv, alg))
  if (fitting !== undefined) return
  const { kid, jwk } = keys[0]!
  const { kty, crv } = jwk as JsonWebKey
  throw new MicrocertError('ERR_KEY_INVALID', `The token says "${alg}" but the issuer's key "${kid.slice(0, 200)}" is a ${String(kty)} ${String(crv ?? '')} key`, {
    details: { alg, kty: String(kty), ...(crv === undefined ? {} : { crv: String(crv) }) },
  })
}

/** A method's public key as written (publicKeyJwk, or a did:key-style publicKeyMultibase), unchecked; undefined if unreadable. */
export function rawJwkOf(method: VerificationMethod): JsonWebKey | undefined {
  if (method.publicKeyJwk !== undefined) return method.publicKeyJwk
  if (typeof method.publicKeyMultibase !== 'string') return undefined
  try {
    return resolveDidKey(`did:key:${method.publicKeyMultibase}`).verificationMethod?.[0]?.publicKeyJwk
  } catch {
    return undefined
  }
}

/** Whether a key of type `kty` / curve `crv` can sign with the registered JWS algorithm `alg`. */
function keyFitsAlgorithm(kty: unknown, crv: unknown, alg: string): boolean {
  if (/^(RS|PS)\d+$/.test(alg)) return kty === 'RSA'
  const curves: Record<string, [string, string[]]> = {
    ES256: ['EC', ['P-256']],
    ES384: ['EC', ['P-384']],
    ES512: ['EC', ['P-521']],
    ES256K: ['EC', ['secp256k1']],
    EdDSA: ['OKP', ['Ed25519', 'Ed448']],
    Ed25519: ['OKP', ['Ed25519']],
    Ed448: ['OKP', ['Ed448']],
  }
  const family = curves[alg]
  if (family === undefined) return kty === 'AKP'
  return kty === family[0] && family[1].includes(String(crv))
}

async function keyFromDid(header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions): Promise<CandidateKey> {
  const { method, did } = await assertionMethodOf(header, payload, options)
  return { jwk: jwkOfMethod(method), owner: did, kid: method.id }
}

/** The verification method the token's `kid` (a DID URL) names in its DID document, among the document's assertion methods. */
async function assertionMethodOf(header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions) {
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

/** The checked public JWK of a verification method (publicKeyJwk incl. RSA, or publicKeyMultibase). Throws ERR_KEY_INVALID. */
export function jwkOfMethod(method: VerificationMethod): JsonWebKey {
  const cached = jwkOfMethodCache.get(method)
  if (cached !== undefined) return cached
  let jwk: JsonWebKey | undefined
  if (method.publicKeyJwk !== undefined) {
    jwk = verificationJwkOf(method.publicKeyJwk, `Key "${method.id.slice(0, 200)}"`)
  } else if (typeof method.publicKeyMultibase === 'string') {
    try {
      jwk = publicJwkOf(resolveDidKey(`did:key:${method.publicKeyMultibase}`).verificationMethod?.[0]?.publicKeyJwk)
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
