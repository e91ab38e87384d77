import { compactVerify } from 'jose'
import { MicrocertError } from '../../errors.js'
import { algorithmOfJwk } from '../../lib/jwk.js'
import { importPublicKey } from '../../lib/public-key-cache.js'
import type { Algorithm } from '../../types.js'

/**
 * Verifies a compact JWS against one public key: the header `alg` must be allowed and match the key's type.
 * Throws MicrocertError ERR_ALGORITHM_UNSUPPORTED, ERR_KEY_INVALID or `signatureCode` (default ERR_SIGNATURE_INVALID).
 */
export async function verifyCompactJws(
  compact: string,
  header: Record<string, unknown>,
  jwk: JsonWebKey,
  algorithms: readonly Algorithm[],
  what: string,
): Promise<void> {
  const alg = header['alg']
  if (typeof alg !== 'string' || !(algorithms as readonly string[]).includes(alg)) {
    throw new MicrocertError('ERR_ALGORITHM_UNSUPPORTED', `${what} is signed with "${String(alg).slice(0, 20)}"; accepted: ${algorithms.join(', ')}`)
  }
  const keyAlg = algorithmOfJwk(jwk)
  if (keyAlg !== alg) throw new MicrocertError('ERR_KEY_INVALID', `${what} says "${alg}" but the key is a ${keyAlg ?? 'unsupported'} key`)
  const key = await importPublicKey(jwk, keyAlg)
  try {
    await compactVerify(compact, key, { algorithms: [alg] })
  } catch (cause) {
    throw new MicrocertError('ERR_SIGNATURE_INVALID', `The signature of ${what.toLowerCase()} does not match`, { cause })
  }
}
