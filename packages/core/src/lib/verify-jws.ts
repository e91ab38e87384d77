import { compactVerify } from 'jose'
import { isMicrocertError, MicrocertError } from '../errors.js'
import type { Algorithm, DidDocument, DidResolver, VerificationMethod } from '../types.js'
import { resolveDidKey } from './did-key.js'
import { fromJoseError } from './jose-errors.js'
import { algorithmOfJwk, publicJwkOf } from './jwk.js'
import { checkJoseHeader, parseCompactJws, type ParsedJws } from './jws.js'
import { importPublicKey } from './public-key-cache.js'

export interface VerifyJwsOptions {
  resolver: DidResolver
  algorithms: readonly Algorithm[]
  /** Verify against this public JWK instead of resolving `kid`. */
  key?: JsonWebKey | undefined
  signal?: AbortSignal | undefined
}

export interface VerifiedJws {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** The DID the key belongs to (the part of `kid` before `#`); '' when `key` was given and no DID is known. */
  issuerDid: string
  /** The absolute key id used ('' when `key` was given without a `kid`). */
  kid: string
  /** The public key the signature verified with. */
  publicJwk: JsonWebKey
}

/**
 * The one place that verifies a compact JWS: header rules, algorithm allow-list, `kid` → key of the issuer's DID
 * document (an `assertionMethod`), signature. Claims are not checked here. Throws MicrocertError: ERR_JWS_MALFORMED,
 * ERR_JSON_MALFORMED, ERR_JWT_PAYLOAD_INVALID, ERR_JWT_TYPE_UNSUPPORTED, ERR_JWT_HEADER_FORBIDDEN,
 * ERR_ALGORITHM_UNSUPPORTED, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_SIGNATURE_INVALID, ERR_DID_*.
 */
export async function verifyJws(token: string, options: VerifyJwsOptions): Promise<VerifiedJws> {
  return verifyParsedJws(parseCompactJws(token), options)
}

/** `verifyJws` for a token already split by `parseCompactJws`. */
export async function verifyParsedJws(parsed: ParsedJws, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const { header, payload } = parsed
  let alg: Algorithm
  try {
    alg = checkJoseHeader(header, options.algorithms)
  } catch (error) {
    if (isMicrocertError(error) && error.code === 'ERR_PROOF_UNSUPPORTED') await refuteAlgorithm(String(header['alg']), header, payload, options)
    throw error
  }
  const { jwk, issuerDid, kid } = options.key !== undefined ? keyFromOption(options.key, header, payload) : await keyFromDid(header, payload, options)
  const keyAlg = algorithmOfJwk(jwk)
  if (keyAlg !== alg) {
    throw new MicrocertError('ERR_KEY_INVALID', `The token says "${alg}" but key "${kid}" is a ${keyAlg ?? 'unsupported'} key`)
  }
  const cryptoKey = await importPublicKey(jwk, alg)
  try {
    await compactVerify(parsed.token, cryptoKey, { algorithms: [alg] })
  } catch (error) {
    throw fromJoseError(error)
  }
  return { header, payload, issuerDid, kid, publicJwk: jwk }
}

function didOf(kid: string): string {
  const hash = kid.indexOf('#')
  return hash === -1 ? kid : kid.slice(0, hash)
}

function keyFromOption(key: JsonWebKey, header: Record<string, unknown>, payload: Record<string, unknown>) {
  const jwk = publicJwkOf(key, 'The "key" option')
  const kid = typeof header['kid'] === 'string' ? header['kid'] : ''
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : ''
  const issuerDid = kid.startsWith('did:') ? didOf(kid) : iss.startsWith('did:') ? iss : ''
  return { jwk, issuerDid, kid }
}

/**
 * An algorithm this build cannot check is "unsupported" only when the issuer's key could sign with it. A header that
 * claims, say, RS256 for an issuer whose key is P-256 lies about the key: that is a forgery (ERR_KEY_INVALID), not a
 * format to check elsewhere. Returns when the key fits (or cannot be read here); throws otherwise.
 */
async function refuteAlgorithm(alg: string, header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions): Promise<void> {
  let jwk: unknown
  let kid = ''
  if (options.key !== undefined) {
    jwk = options.key
  } else {
    const found = await assertionMethodOf(header, payload, options)
    kid = found.method.id
    jwk = found.method.publicKeyJwk
    if (jwk === undefined && typeof found.method.publicKeyMultibase === 'string') {
      try {
        jwk = resolveDidKey(`did:key:${found.method.publicKeyMultibase}`).verificationMethod?.[0]?.publicKeyJwk
      } catch {
        return
      }
    }
  }
  if (typeof jwk !== 'object' || jwk === null) return
  const { kty, crv } = jwk as { kty?: unknown; crv?: unknown }
  if (keyFitsAlgorithm(kty, crv, alg)) return
  throw new MicrocertError('ERR_KEY_INVALID', `The token says "${alg}" but the issuer's key "${kid.slice(0, 200)}" is a ${String(kty)} ${String(crv ?? '')} key`, {
    details: { alg, kty: String(kty), ...(crv === undefined ? {} : { crv: String(crv) }) },
  })
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

async function keyFromDid(header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions) {
  const { method, did } = await assertionMethodOf(header, payload, options)
  return { jwk: jwkOfMethod(method), issuerDid: did, kid: method.id }
}

/** The verification method the token's `kid` names in its DID document, among the document's assertion methods. */
async function assertionMethodOf(header: Record<string, unknown>, payload: Record<string, unknown>, options: VerifyJwsOptions) {
  const rawKid = header['kid']
  if (typeof rawKid !== 'string' || rawKid.length === 0) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token has no "kid"; pass the issuer key with the "key" option')
  }
  const kid = rawKid.startsWith('#') && typeof payload['iss'] === 'string' ? `${payload['iss']}${rawKid}` : rawKid
  if (!kid.startsWith('did:')) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token\'s "kid" is not a DID URL; pass the issuer key with the "key" option', {
      details: { kid: kid.slice(0, 200) },
    })
  }
  const did = didOf(kid)
  const document = await options.resolver.resolve(did, options.signal === undefined ? {} : { signal: options.signal })
  const method = findAssertionMethod(document, kid)
  if (method === undefined) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', `The DID document of "${did}" has no assertion key "${kid.slice(0, 200)}"`, {
      details: { kid: kid.slice(0, 200) },
    })
  }
  return { method, did }
}

/** The verification method `kid` names, if the document lists it for `assertionMethod`. A bare DID picks a sole key. */
function findAssertionMethod(document: DidDocument, kid: string): VerificationMethod | undefined {
  const assertion = document.assertionMethod ?? []
  const byId = (id: string): VerificationMethod | undefined => {
    for (const entry of assertion) {
      if (typeof entry === 'string') {
        if (entry === id) return document.verificationMethod?.find((m) => m.id === id)
      } else if (entry.id === id) {
        return entry
      }
    }
    return undefined
  }
  if (kid.includes('#')) return byId(kid)
  if (assertion.length !== 1) return undefined
  const only = assertion[0]!
  return typeof only === 'string' ? byId(only) : only
}

// Cached per method object: a cached DID document yields the same JWK object, which keeps the CryptoKey cache hit cheap.
const jwkOfMethodCache = new WeakMap<VerificationMethod, JsonWebKey>()

function jwkOfMethod(method: VerificationMethod): JsonWebKey {
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
