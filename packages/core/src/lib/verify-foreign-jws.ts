import { isMicrocertError, MicrocertError } from '../errors.js'
import type { DidDocument, JwsAlgorithm, VerificationMethod } from '../types.js'
import { encodeBase64url } from './base64url.js'
import { isAssertionKey, methodById, type ControllerResolver } from './controller-document.js'
import { resolveDidKey } from './did-key.js'
import { keyServes, publicJwkOf } from './jwk.js'
import { checkJoseHeader, type ParsedJws } from './jws.js'
import { sha256 } from './sha256.js'
import {
  assertionMethodOf,
  didOf,
  findAssertionMethod,
  isDidKid,
  jwkOfMethod,
  verifyWithKeys,
  type CandidateKey,
  type VerifiedJws,
  type VerifyJwsOptions,
} from './verify-jws.js'

/** Most assertion keys tried for a token that names none: a document cannot make its verifier try keys without end. */
const MAX_KEYS_TRIED = 8
/** RSA moduli from 2048 to 8192 bits, as base64url (342 to 1366 characters; a leading zero byte allowed). */
const RSA_MODULUS = /^[A-Za-z0-9_-]{342,1368}$/

/**
 * `verifyParsedJws` for the tokens other issuers write (a separate chunk: microcert's own tokens never need it). Which
 * key may have signed:
 * - the verifier's `key` option;
 * - an embedded `jwk` header: only when the issuer's document lists that very key (RFC 7638 thumbprint match) and
 *   authorises it for issuing — never trusted on its own;
 * - a `kid` that is a DID URL or an https URL, a fragment or a bare label (a key id, a JWK thumbprint), looked up in the
 *   controller document of its owner (else of `iss`, else of the credential's issuer);
 * - no `kid` and no `jwk`: the issuer's assertion keys that can sign with `alg`, at most 8.
 * RSA keys (2048 to 8192 bits) verify RS256 / PS256. Throws what `verifyJws` throws.
 */
export async function verifyForeignJws(parsed: ParsedJws, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const { header, payload } = parsed
  let alg: JwsAlgorithm
  try {
    alg = checkJoseHeader(header, options.algorithms)
  } catch (error) {
    if (isMicrocertError(error) && error.code === 'ERR_PROOF_UNSUPPORTED') await refuteAlgorithm(String(header['alg']), parsed, options)
    throw error
  }
  if (options.key !== undefined) return verifyWithKeys(parsed, alg, [keyFromOption(options.key, header, payload)])
  if (isDidKid(header, payload)) {
    const { method, did } = await assertionMethodOf(header, payload, options)
    return verifyWithKeys(parsed, alg, [{ jwk: verificationJwkOf(method), owner: did, kid: method.id }])
  }
  const candidates = await discoverKeys(parsed, alg, options)
  return verifyWithKeys(parsed, alg, candidates.map((method) => ({ jwk: verificationJwkOf(method.method), kid: method.method.id, owner: method.owner })))
}

function keyFromOption(key: JsonWebKey, header: Record<string, unknown>, payload: Record<string, unknown>): CandidateKey {
  const jwk = checkedJwk(key, 'The "key" option')
  const kid = typeof header['kid'] === 'string' ? header['kid'] : ''
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : ''
  const owner = kid.startsWith('did:') ? didOf(kid) : iss.startsWith('did:') ? iss : ''
  return { jwk, kid, owner }
}

/** The keys a token without a DID-URL `kid` points at, with the document that lists them. */
async function discoverKeys(parsed: ParsedJws, alg: JwsAlgorithm | undefined, options: VerifyJwsOptions): Promise<{ method: VerificationMethod; owner: string }[]> {
  const { header, payload } = parsed
  const kid = typeof header['kid'] === 'string' && header['kid'] !== '' ? header['kid'] : undefined
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : options.issuer
  const owner = kid !== undefined && isAbsoluteKeyUrl(kid) ? didOf(kid) : iss
  if (owner === undefined) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token names no key and no issuer ("kid", "jwk" and "iss" are all missing)')
  }
  const controllers: ControllerResolver =
    options.controllers ??
    ((id, signal) => {
      if (id.startsWith('did:')) return options.resolver.resolve(id, signal === undefined ? {} : { signal })
      throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `The keys of "${id.slice(0, 200)}" are published at an https URL, which is not fetched here`)
    })
  const document = await controllers(owner, options.signal)
  const found = (method: VerificationMethod) => [{ method, owner: document.id }]

  if (header['jwk'] !== undefined) {
    const thumbprint = jwkThumbprint(checkedJwk(header['jwk'], 'The key embedded in the token ("jwk")'))
    const method = methodWithThumbprint(document, thumbprint)
    if (method === undefined) {
      throw new MicrocertError('ERR_KEY_NOT_FOUND', `The key embedded in the token is not one "${document.id.slice(0, 200)}" publishes`, { details: { thumbprint } })
    }
    if (!isAssertionKey(document, method.id)) {
      throw new MicrocertError('ERR_KEY_NOT_AUTHORIZED', `"${document.id.slice(0, 200)}" does not authorise the embedded key "${method.id.slice(0, 200)}" for issuing credentials (assertionMethod)`)
    }
    return found(method)
  }
  if (kid !== undefined) return found(methodForKid(document, kid))
  const keys = assertionKeys(document).filter((method) => {
    try {
      return alg === undefined || keyServes(verificationJwkOf(method), alg)
    } catch {
      return false // one unreadable key among several does not stop the others from being tried
    }
  })
  if (keys.length === 0) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', `"${document.id.slice(0, 200)}" has no assertion key that signs with "${String(alg ?? header['alg'])}"`)
  }
  return keys.slice(0, MAX_KEYS_TRIED).map((method) => ({ method, owner: document.id }))
}

/**
 * An algorithm this build cannot check is "unsupported" only when the issuer's key could sign with it. A header that
 * claims, say, ES384 for an issuer whose key is P-256 lies about the key: that is a forgery (ERR_KEY_INVALID), not a
 * format to check elsewhere. Returns when a key fits (or cannot be read here); throws otherwise.
 */
async function refuteAlgorithm(alg: string, parsed: ParsedJws, options: VerifyJwsOptions): Promise<void> {
  const { header, payload } = parsed
  const keys: { kid: string; jwk: unknown }[] = []
  if (options.key !== undefined) {
    keys.push({ kid: '', jwk: options.key })
  } else if (isDidKid(header, payload)) {
    const { method } = await assertionMethodOf(header, payload, options)
    keys.push({ kid: method.id, jwk: rawJwkOf(method) })
  } else {
    for (const { method } of await discoverKeys(parsed, undefined, options)) keys.push({ kid: method.id, jwk: rawJwkOf(method) })
  }
  if (keys.length === 0 || keys.some(({ jwk }) => typeof jwk !== 'object' || jwk === null)) return
  if (keys.some(({ jwk }) => keyFitsAlgorithm((jwk as JsonWebKey).kty, (jwk as JsonWebKey).crv, alg))) return
  const { kid, jwk } = keys[0]!
  const { kty, crv } = jwk as JsonWebKey
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

/** A method's public key as written (publicKeyJwk, or a did:key-style publicKeyMultibase), unchecked; undefined if unreadable. */
function rawJwkOf(method: VerificationMethod): JsonWebKey | undefined {
  if (method.publicKeyJwk !== undefined) return method.publicKeyJwk
  if (typeof method.publicKeyMultibase !== 'string') return undefined
  try {
    return resolveDidKey(`did:key:${method.publicKeyMultibase}`).verificationMethod?.[0]?.publicKeyJwk
  } catch {
    return undefined
  }
}

/** A checked public key: P-256, Ed25519, or RSA of 2048 to 8192 bits (`n`, `e`). Throws ERR_KEY_INVALID. */
function checkedJwk(value: unknown, what: string): JsonWebKey {
  const jwk = value as JsonWebKey | null
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'RSA') return publicJwkOf(value, what)
  if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((name) => name in jwk)) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} holds a private key where a public key is expected`)
  }
  if (typeof jwk.n !== 'string' || !RSA_MODULUS.test(jwk.n) || typeof jwk.e !== 'string' || !/^[A-Za-z0-9_-]{1,8}$/.test(jwk.e)) {
    throw new MicrocertError('ERR_KEY_INVALID', `${what} is not an RSA public key of 2048 to 8192 bits`)
  }
  return { kty: 'RSA', n: jwk.n, e: jwk.e }
}

/** A verification method's key, RSA included (publicKeyJwk), else as `jwkOfMethod` reads it. Throws ERR_KEY_INVALID. */
function verificationJwkOf(method: VerificationMethod): JsonWebKey {
  return method.publicKeyJwk?.kty === 'RSA' ? checkedJwk(method.publicKeyJwk, `Key "${method.id.slice(0, 200)}"`) : jwkOfMethod(method)
}

/** An absolute DID URL or https URL names its owner itself; anything else is a label within the issuer's document. */
function isAbsoluteKeyUrl(kid: string): boolean {
  return kid.startsWith('did:') || /^https?:\/\//i.test(kid)
}

/**
 * The assertion key a `kid` names: an absolute id, a fragment (`#key-1`) or bare fragment (`key-1`) of the document,
 * the RFC 7638 thumbprint of a key (VC-JOSE-COSE's recommendation), or a key's own `kid` member.
 */
function methodForKid(document: DidDocument, kid: string): VerificationMethod {
  const id = isAbsoluteKeyUrl(kid) ? kid : kid.startsWith('#') ? `${document.id}${kid}` : `${document.id}#${kid}`
  try {
    return findAssertionMethod(document, id)
  } catch (error) {
    if (isAbsoluteKeyUrl(kid) || !isMicrocertError(error) || error.code !== 'ERR_KEY_NOT_FOUND') throw error
  }
  const byLabel = allMethods(document).find((m) => (m.publicKeyJwk as { kid?: unknown } | undefined)?.kid === kid) ?? methodWithThumbprint(document, kid)
  if (byLabel !== undefined) return findAssertionMethod(document, byLabel.id)
  throw new MicrocertError('ERR_KEY_NOT_FOUND', `The document of "${document.id.slice(0, 200)}" has no key "${kid.slice(0, 200)}"`, { details: { kid: kid.slice(0, 200) } })
}

function allMethods(document: DidDocument): VerificationMethod[] {
  const out: VerificationMethod[] = []
  for (const entry of [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? []), ...(document.authentication ?? [])]) {
    if (typeof entry === 'object' && !out.some((m) => m.id === entry.id)) out.push(entry)
  }
  return out
}

/** The document's assertion keys as verification methods (references resolved; dangling ones left out). */
function assertionKeys(document: DidDocument): VerificationMethod[] {
  const out: VerificationMethod[] = []
  for (const entry of document.assertionMethod ?? []) {
    const method = typeof entry === 'string' ? methodById(document, entry) : entry
    if (method !== undefined) out.push(method)
  }
  return out
}

function methodWithThumbprint(document: DidDocument, thumbprint: string): VerificationMethod | undefined {
  for (const method of allMethods(document)) {
    try {
      if (jwkThumbprint(verificationJwkOf(method)) === thumbprint) return method
    } catch {
      // an unreadable key is no match
    }
  }
  return undefined
}

/** The RFC 7638 SHA-256 thumbprint of a checked public key: its required members, in order, without whitespace. */
function jwkThumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x }
  return encodeBase64url(sha256(new TextEncoder().encode(JSON.stringify(members))))
}
