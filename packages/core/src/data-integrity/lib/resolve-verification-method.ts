import { MicrocertError, isMicrocertError } from '../../errors.js'
import { decodeBase58 } from '../../lib/base58.js'
import { resolveDidKey } from '../../lib/did-key.js'
import type { DidDocument, DidResolver, VerificationMethod } from '../../types.js'

/** The key a proof names, where it was found, and whether its controller document lists it. */
export interface ResolvedMethod {
  method: VerificationMethod
  /** The DID document / controller document that lists the key; absent when the key came from a URL fragment. */
  controllerDocument?: DidDocument
  /** Why the issuer's own document could not confirm a key taken from a URL fragment (unreachable, not found). */
  controllerError?: unknown
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/
const MULTIBASE_KEY = /^z[1-9A-HJ-NP-Za-km-z]{40,60}$/

/**
 * Finds the verification method a Data Integrity proof names:
 * - a DID URL: the DID document from `resolver` (did:key, did:web, did:jwk); a bare did:key names its one key;
 * - an http(s) URL: the controller document the caller supplied for it (`controllerDocuments`), else the one
 *   `controllerResolver` fetches (the issuer profile at the URL); when that cannot be had — or nothing fetches — and
 *   the fragment is a public key (the Open Badges convention `https://issuer.example/profile#z6Mk…`), that key, which
 *   only the issuer's own document could confirm (`controllerError` says why it did not).
 * Throws MicrocertError: ERR_DID_INVALID (not a URL), ERR_DID_METHOD_UNSUPPORTED (a scheme or DID method we do not
 * resolve), ERR_KEY_NOT_FOUND, and the resolvers' ERR_DID_* codes.
 */
export async function resolveVerificationMethod(
  id: string,
  options: {
    resolver: DidResolver
    controllerDocuments: ReadonlyMap<string, DidDocument>
    controllerResolver?: ((id: string) => Promise<DidDocument>) | undefined
    signal?: AbortSignal | undefined
  },
): Promise<ResolvedMethod> {
  const scheme = SCHEME.exec(id)?.[1]?.toLowerCase()
  if (scheme === undefined) {
    throw new MicrocertError('ERR_DID_INVALID', `The proof's verificationMethod "${id.slice(0, 120)}" is not a URL`)
  }
  const hash = id.indexOf('#')
  const base = hash === -1 ? id : id.slice(0, hash)
  const fragment = hash === -1 ? undefined : id.slice(hash + 1)
  if (scheme === 'did') {
    const document = p384DidKeyDocument(base) ?? (await options.resolver.resolve(base, options.signal === undefined ? undefined : { signal: options.signal }))
    const method = findMethod(document, id) ?? (fragment === undefined && base.startsWith('did:key:') ? firstAssertionMethod(document) : undefined)
    if (method === undefined) throw new MicrocertError('ERR_KEY_NOT_FOUND', `The DID document of "${base.slice(0, 120)}" has no key "${id.slice(0, 200)}"`)
    return { method, controllerDocument: document }
  }
  if (scheme !== 'https' && scheme !== 'http') {
    throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `Keys named by "${scheme}:" URLs cannot be resolved (DID URLs and https URLs can)`)
  }
  const supplied = options.controllerDocuments.get(base)
  if (supplied !== undefined) {
    const method = findMethod(supplied, id)
    if (method === undefined) throw new MicrocertError('ERR_KEY_NOT_FOUND', `The controller document "${base.slice(0, 120)}" has no key "${id.slice(0, 200)}"`)
    return { method, controllerDocument: supplied }
  }
  const fragmentKey = fragment !== undefined && MULTIBASE_KEY.test(fragment)
  let controllerError: unknown
  if (options.controllerResolver !== undefined) {
    let document: DidDocument | undefined
    try {
      document = await options.controllerResolver(base)
    } catch (error) {
      // Without the issuer's document a key written in the fragment can still check the signature; the issuer check
      // then says why nothing confirmed the key. Without such a key, nothing can be checked.
      if (!fragmentKey || !(isUncheckable(error) || (isMicrocertError(error) && error.code === 'ERR_DID_NOT_FOUND'))) throw error
      controllerError = error
    }
    if (document !== undefined) {
      const method = findMethod(document, id)
      if (method === undefined) throw new MicrocertError('ERR_KEY_NOT_FOUND', `The issuer profile "${base.slice(0, 120)}" has no key "${id.slice(0, 200)}"`)
      return { method, controllerDocument: document }
    }
  }
  if (fragmentKey) {
    try {
      resolveDidKey(`did:key:${fragment}`)
    } catch (cause) {
      throw new MicrocertError('ERR_KEY_INVALID', `The key in "${id.slice(0, 200)}" is not an Ed25519 or P-256 multibase key`, { cause })
    }
    const method: VerificationMethod = { id, type: 'Multikey', controller: base, publicKeyMultibase: fragment! }
    return controllerError === undefined ? { method } : { method, controllerError }
  }
  throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `The key "${id.slice(0, 200)}" is published at an https URL, which is not fetched here`)
}

/**
 * The DID document of a P-384 did:key (`z82…`, multicodec 0x1201), which only ecdsa-rdfc-2019 proofs use: the Multikey
 * goes to the cryptosuite as written, so it needs no JWK (microcert's own resolver reads Ed25519 and P-256 keys only).
 */
function p384DidKeyDocument(did: string): DidDocument | undefined {
  const multibase = did.startsWith('did:key:z82') ? did.slice('did:key:'.length) : undefined
  const bytes = multibase === undefined ? undefined : decodeBase58(multibase.slice(1))
  if (multibase === undefined || bytes === undefined || bytes.length !== 51 || bytes[0] !== 0x81 || bytes[1] !== 0x24 || (bytes[2] !== 2 && bytes[2] !== 3)) return undefined
  const id = `${did}#${multibase}`
  return { id: did, verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }], assertionMethod: [id] }
}

/** The verification method with this id, listed or embedded in any relationship of the document. */
function findMethod(document: DidDocument, id: string): VerificationMethod | undefined {
  const candidates: unknown[] = [...(document.verificationMethod ?? []), ...(document.assertionMethod ?? []), ...(document.authentication ?? [])]
  for (const candidate of candidates) {
    if (typeof candidate === 'object' && candidate !== null && absolute(document.id, (candidate as VerificationMethod).id) === id) {
      return { ...(candidate as VerificationMethod), id }
    }
  }
  return undefined
}

function firstAssertionMethod(document: DidDocument): VerificationMethod | undefined {
  const first = document.assertionMethod?.[0]
  return typeof first === 'string' ? findMethod(document, first) : first
}

/** Whether the controller document authorises the key for issuing credentials (`assertionMethod`). */
export function isAssertionMethod(document: DidDocument, methodId: string): boolean {
  return (document.assertionMethod ?? []).some((entry) => absolute(document.id, typeof entry === 'string' ? entry : entry.id) === methodId)
}

export function absolute(documentId: string, id: string): string {
  return id.startsWith('#') ? `${documentId}${id}` : id
}

/** Whether a resolution error means "could not check" (network, unsupported method) rather than a broken key. */
export function isUncheckable(error: unknown): boolean {
  return isMicrocertError(error) && ['ERR_DID_UNREACHABLE', 'ERR_DID_METHOD_UNSUPPORTED', 'ERR_DID_INSECURE', 'ERR_FETCH_BUDGET_EXCEEDED'].includes(error.code)
}
