import { MicrocertError } from './errors.js'
import { didWebToUrl } from './did-web-to-url.js'
import { publicJwkOf } from './lib/jwk.js'
import type { DidDocument, VerificationMethod } from './types.js'

/**
 * Builds the DID document of a `did:web` issuer: one `JsonWebKey2020` verification method per key (list old keys
 * too after a rotation, so credentials they signed keep verifying), each referenced from `assertionMethod`.
 * Key ids default to `#key-1`, `#key-2`, …
 *
 * @example
 * const { publicJwk } = await generateKeyPair()
 * const doc = createDidWebDocument({ did: 'did:web:uni.example', keys: [{ publicJwk }] })
 * // publish JSON.stringify(doc) at https://uni.example/.well-known/did.json
 * @throws MicrocertError ERR_DID_INVALID (not a did:web), ERR_KEY_INVALID (a private or unsupported key, duplicate id)
 */
export function createDidWebDocument(options: { did: string; keys: { id?: string; publicJwk: JsonWebKey }[] }): DidDocument {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.keys)) {
    throw new TypeError('createDidWebDocument({ did, keys }): keys must be an array')
  }
  const { did } = options
  didWebToUrl(did)
  if (options.keys.length === 0) throw new MicrocertError('ERR_KEY_INVALID', 'A DID document needs at least one key')
  const methods: VerificationMethod[] = options.keys.map((key, index) => {
    const fragment = key.id ?? `key-${index + 1}`
    const id = fragment.startsWith(`${did}#`) ? fragment : `${did}#${fragment.replace(/^#/, '')}`
    if (!/^[^#]+#[A-Za-z0-9._~-]+$/.test(id)) throw new MicrocertError('ERR_KEY_INVALID', `Key id "${fragment}" is not a valid fragment`)
    return { id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: publicJwkOf(key.publicJwk, `Key "${fragment}"`) }
  })
  const ids = methods.map((m) => m.id)
  if (new Set(ids).size !== ids.length) throw new MicrocertError('ERR_KEY_INVALID', 'Two keys share the same id')
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: ids,
    authentication: ids,
  }
}
