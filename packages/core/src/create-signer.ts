import { importJWK } from 'jose/key/import'
import { MicrocertError } from './errors.js'
import { algorithmOfJwk } from './lib/jwk.js'
import type { Algorithm, Signer } from './types.js'

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * Creates a `Signer` from a private JWK (P-256 → ES256, Ed25519 → EdDSA). The key is imported as a non-extractable
 * WebCrypto key and is never reachable from the signer: `toJSON`, `console.log` and errors show only `alg` and `kid`.
 *
 * @example
 * const signer = await createSigner(privateJwk, { kid: 'did:web:uni.example#key-1' })
 * const jwt = await signCredential(credential, signer)
 * @throws MicrocertError ERR_KEY_INVALID (not a private P-256/Ed25519 JWK, or `jwk.alg` disagrees with the curve);
 *   TypeError when `kid` is not a non-empty string
 */
export async function createSigner(privateJwk: JsonWebKey, options: { kid: string }): Promise<Signer> {
  if (typeof privateJwk !== 'object' || privateJwk === null) throw new TypeError('createSigner(privateJwk, { kid }): privateJwk must be an object')
  if (typeof options?.kid !== 'string' || options.kid.length === 0) {
    throw new TypeError('createSigner(privateJwk, { kid }): kid must be a non-empty string (a DID URL)')
  }
  const alg = algorithmOfJwk(privateJwk)
  if (alg === undefined) throw new MicrocertError('ERR_KEY_INVALID', 'The private key is not a P-256 or Ed25519 JWK')
  if (typeof privateJwk.d !== 'string') throw new MicrocertError('ERR_KEY_INVALID', 'The JWK has no private part ("d")')
  if (privateJwk.alg !== undefined && privateJwk.alg !== alg) {
    throw new MicrocertError('ERR_KEY_INVALID', `The JWK says alg "${privateJwk.alg}" but its curve is for "${alg}"`)
  }
  let key: CryptoKey
  try {
    const { alg: _alg, key_ops: _ops, use: _use, ext: _ext, ...jwk } = privateJwk
    key = (await importJWK({ ...jwk }, alg, { extractable: false })) as CryptoKey
  } catch (cause) {
    // The cause from WebCrypto names no key material; keep only its name.
    throw new MicrocertError('ERR_KEY_INVALID', 'The private JWK could not be imported', {
      details: { reason: cause instanceof Error ? cause.name : 'unknown' },
    })
  }
  return makeSigner(alg, options.kid, key)
}

const PARAMS: Record<Algorithm, AlgorithmIdentifier | EcdsaParams> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  EdDSA: { name: 'Ed25519' },
}

function makeSigner(alg: Algorithm, kid: string, key: CryptoKey): Signer {
  const params = PARAMS[alg]
  const describe = () => ({ alg, kid })
  return Object.freeze({
    alg,
    kid,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      return new Uint8Array(await crypto.subtle.sign(params, key, data as Uint8Array<ArrayBuffer>))
    },
    toJSON: describe,
    toString: () => `Signer(${alg}, ${kid})`,
    [INSPECT]: describe,
  })
}
