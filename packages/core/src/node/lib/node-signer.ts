import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import { MicrocertError } from '../../errors.js'
import type { Algorithm, Signer } from '../../types.js'

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * A `Signer` over node:crypto for the store's own key file. Node's synchronous `crypto.sign` is about 3× faster
 * per signature than WebCrypto's job round-trip (TOOLCHAIN §7), which is most of a batch's cost; the output is the
 * same raw JWS signature (`r‖s` for ES256, 64 bytes for Ed25519). The key stays in a KeyObject the signer never exposes.
 */
export function createNodeSigner(privateJwk: JsonWebKey, alg: Algorithm, kid: string): Signer {
  let key: KeyObject
  try {
    const { alg: _alg, key_ops: _ops, use: _use, ext: _ext, ...jwk } = privateJwk
    key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })
  } catch (cause) {
    throw new MicrocertError('ERR_KEY_INVALID', 'The private JWK could not be imported', {
      details: { reason: cause instanceof Error ? cause.name : 'unknown' },
    })
  }
  const expected = alg === 'ES256' ? 'ec' : 'ed25519'
  const curveOk = alg === 'EdDSA' || key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
  if (key.asymmetricKeyType !== expected || !curveOk) throw new MicrocertError('ERR_KEY_INVALID', `The private key is not a key for ${alg}`)
  const describe = () => ({ alg, kid })
  return Object.freeze({
    alg,
    kid,
    async sign(data: Uint8Array): Promise<Uint8Array> {
      return alg === 'ES256' ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }) : sign(null, data, key)
    },
    toJSON: describe,
    toString: () => `Signer(${alg}, ${kid})`,
    [INSPECT]: describe,
  })
}
