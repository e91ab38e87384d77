import { calculateJwkThumbprint } from 'jose'
import { MicrocertError, isMicrocertError } from '../errors.js'
import type { DidDocument, JwsAlgorithm, VerificationMethod } from '../types.js'
import { assertionKeys, isAssertionKey, type ControllerResolver } from './controller-document.js'
import { keyServes, verificationJwkOf } from './jwk.js'
import { didOf, findAssertionMethod, jwkOfMethod, rawJwkOf, type CandidateKey } from './verify-jws.js'

/** Most assertion keys tried for a token that names none: a document cannot make its verifier try keys without end. */
const MAX_KEYS_TRIED = 8

/**
 * The keys a JWS may have been signed with, for tokens other issuers write (a separate chunk: microcert's own tokens
 * name a DID URL in `kid` and never need it):
 * - an embedded `jwk` header: used only when the issuer's document lists that very key (RFC 7638 thumbprint match)
 *   and authorises it for issuing — never trusted on its own;
 * - a `kid` that is an https URL, a fragment or a bare label (a key id, a JWK thumbprint): looked up in the controller
 *   document of the issuer (`iss`, else the credential's issuer);
 * - no `kid` and no `jwk`: the issuer's assertion keys that can sign with `alg`, at most 8.
 * With `raw`, returns the keys as written (for refuting an algorithm the build cannot check). Throws MicrocertError:
 * ERR_KEY_NOT_FOUND, ERR_KEY_NOT_AUTHORIZED, ERR_KEY_INVALID, ERR_DID_*.
 */
export async function discoverJwsKeys(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  alg: JwsAlgorithm | undefined,
  controllers: ControllerResolver,
  options: { issuer?: string | undefined; signal?: AbortSignal | undefined },
  mode: { raw?: boolean } = {},
): Promise<CandidateKey[]> {
  const kid = typeof header['kid'] === 'string' && header['kid'] !== '' ? header['kid'] : undefined
  const iss = typeof payload['iss'] === 'string' ? payload['iss'] : options.issuer
  const owner = kid !== undefined && isAbsoluteKeyUrl(kid) ? didOf(kid) : iss
  if (owner === undefined) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', 'The token names no key and no issuer ("kid", "jwk" and "iss" are all missing)')
  }
  const document = await controllers(owner, options.signal)
  const found = (method: VerificationMethod): CandidateKey =>
    mode.raw === true ? { jwk: rawJwkOf(method) as JsonWebKey, kid: method.id, owner: document.id } : { jwk: jwkOfMethod(method), kid: method.id, owner: document.id }

  if (header['jwk'] !== undefined) {
    const embedded = verificationJwkOf(header['jwk'], 'The key embedded in the token ("jwk")')
    const thumbprint = await calculateJwkThumbprint(embedded as Parameters<typeof calculateJwkThumbprint>[0])
    const method = await methodWithThumbprint(document, thumbprint)
    if (method === undefined) {
      throw new MicrocertError('ERR_KEY_NOT_FOUND', `The key embedded in the token is not one "${document.id.slice(0, 200)}" publishes`, {
        details: { thumbprint },
      })
    }
    if (!isAssertionKey(document, method.id)) {
      throw new MicrocertError('ERR_KEY_NOT_AUTHORIZED', `"${document.id.slice(0, 200)}" does not authorise the embedded key "${method.id.slice(0, 200)}" for issuing credentials (assertionMethod)`)
    }
    return [found(method)]
  }
  if (kid !== undefined) return [found(await methodForKid(document, kid))]
  const keys = assertionKeys(document).filter((method) => {
    if (mode.raw === true) return true
    try {
      return alg === undefined || keyServes(jwkOfMethod(method), alg)
    } catch {
      return false // one unreadable key among several does not stop the others from being tried
    }
  })
  if (keys.length === 0) {
    throw new MicrocertError('ERR_KEY_NOT_FOUND', `"${document.id.slice(0, 200)}" has no assertion key that signs with "${String(alg)}"`)
  }
  return keys.slice(0, MAX_KEYS_TRIED).map(found)
}

/** An absolute DID URL or https URL names its owner itself; anything else is a label within the issuer's document. */
function isAbsoluteKeyUrl(kid: string): boolean {
  return kid.startsWith('did:') || /^https?:\/\//i.test(kid)
}

/**
 * The assertion key a `kid` names: an absolute id, a fragment (`#key-1`) or bare fragment (`key-1`) of the document,
 * the RFC 7638 thumbprint of a key (VC-JOSE-COSE's recommendation), or a key's own `kid` member.
 */
async function methodForKid(document: DidDocument, kid: string): Promise<VerificationMethod> {
  const ids = isAbsoluteKeyUrl(kid) ? [kid] : kid.startsWith('#') ? [`${document.id}${kid}`] : [`${document.id}#${kid}`]
  for (const id of ids) {
    try {
      return findAssertionMethod(document, id)
    } catch (error) {
      if (!isMicrocertError(error) || error.code !== 'ERR_KEY_NOT_FOUND') throw error
    }
  }
  if (!isAbsoluteKeyUrl(kid)) {
    const byLabel = allMethods(document).find((m) => (m.publicKeyJwk as { kid?: unknown } | undefined)?.kid === kid) ?? (await methodWithThumbprint(document, kid))
    if (byLabel !== undefined) return findAssertionMethod(document, byLabel.id)
  }
  throw new MicrocertError('ERR_KEY_NOT_FOUND', `The document of "${document.id.slice(0, 200)}" has no key "${kid.slice(0, 200)}"`, { details: { kid: kid.slice(0, 200) } })
}

function allMethods(document: DidDocument): VerificationMethod[] {
  const out: VerificationMethod[] = []
  for (const entry of [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? []), ...(document.authentication ?? [])]) {
    if (typeof entry === 'object' && !out.some((m) => m.id === entry.id)) out.push(entry)
  }
  return out
}

async function methodWithThumbprint(document: DidDocument, thumbprint: string): Promise<VerificationMethod | undefined> {
  for (const method of allMethods(document)) {
    let jwk: JsonWebKey
    try {
      jwk = jwkOfMethod(method)
    } catch {
      continue
    }
    if ((await calculateJwkThumbprint(jwk as Parameters<typeof calculateJwkThumbprint>[0])) === thumbprint) return method
  }
  return undefined
}
