import { createPublicKey, randomBytes, verify } from 'node:crypto'
import { MicrocertError, isMicrocertError } from '../../errors.js'
import { algorithmOfJwk, publicJwkOf } from '../../lib/jwk.js'
import type { Algorithm, Signer } from '../../types.js'
import type { SignerFactory, SignerRequest } from '../types.js'

const INSPECT = Symbol.for('nodejs.util.inspect.custom')

/**
 * The signer for `request`: `signer` itself, or what a `SignerFactory` returns for it.
 * Errors: ERR_SIGNER_FAILED (the factory threw or returned no signer).
 */
export async function resolveSigner(signer: Signer | SignerFactory, request: SignerRequest): Promise<Signer> {
  if (typeof signer !== 'function') return signer
  let made: unknown
  try {
    made = await signer(request)
  } catch (cause) {
    if (isMicrocertError(cause)) throw cause
    throw new MicrocertError('ERR_SIGNER_FAILED', `The signer factory failed for "${request.kid}": ${cause instanceof Error ? cause.message.slice(0, 200) : 'it threw'}`, {
      cause,
      details: { kid: request.kid },
    })
  }
  if (typeof made !== 'object' || made === null || typeof (made as Signer).sign !== 'function') {
    throw new MicrocertError('ERR_SIGNER_FAILED', `The signer factory returned no signer ({ alg, kid, sign(bytes) }) for "${request.kid}"`, { details: { kid: request.kid } })
  }
  return made as Signer
}

/**
 * Checks a signer brought by the caller (a KMS/HSM, a signing service) against the public key the store holds for it:
 * the algorithm, then one signature over random bytes verified with that public key. So a signer of some other key
 * is refused at open, not discovered by verifiers later.
 * Errors: ERR_KEY_INVALID (another key, another algorithm, a malformed signature), ERR_SIGNER_FAILED (it did not sign).
 */
export async function checkSigner(signer: Signer, key: { kid: string; alg: Algorithm; publicJwk: JsonWebKey }): Promise<void> {
  if (typeof signer !== 'object' || signer === null || typeof signer.sign !== 'function') {
    throw new TypeError('signer must be a Signer ({ alg, kid, sign(bytes) })')
  }
  if (signer.alg !== key.alg) {
    throw new MicrocertError('ERR_KEY_INVALID', `The signer signs with "${String(signer.alg)}" but the key "${key.kid}" is for "${key.alg}"`, {
      details: { kid: key.kid, reason: 'signer-algorithm' },
    })
  }
  const probe = randomBytes(32)
  const signature = rawSignature(key.alg, await signWith(signer, probe))
  if (!verifyRaw(key.alg, key.publicJwk, probe, signature)) {
    const der = key.alg === 'ES256' && signature.byteLength !== 64
    throw new MicrocertError(
      'ERR_KEY_INVALID',
      der
        ? `The signer returned a ${signature.byteLength}-byte ES256 signature that is neither the raw 64-byte r‖s form nor DER`
        : `The signer does not hold the private key of "${key.kid}" (its test signature does not verify with that public key)`,
      { details: { kid: key.kid, reason: der ? 'signature-encoding' : 'signer-key-mismatch' } },
    )
  }
}

/**
 * The public JWK of a brought signer, checked: P-256 or Ed25519, no private part, matching `alg` when one is given.
 * Errors: ERR_KEY_INVALID.
 */
export function checkedPublicJwk(value: unknown): { publicJwk: JsonWebKey; alg: Algorithm } {
  const publicJwk = publicJwkOf(value, 'The public key (publicJwk)')
  return { publicJwk, alg: algorithmOfJwk(publicJwk)! }
}

/**
 * The signer the store uses for one of its keys: the caller's signer under the store's name for that key (`kid`), its
 * failures reported as ERR_SIGNER_FAILED (the cause kept; never a key). Only `alg` and `kid` show in logs.
 */
export function storeSigner(signer: Signer, key: { kid: string; alg: Algorithm }): Signer {
  const describe = () => ({ alg: key.alg, kid: key.kid })
  return Object.freeze({
    alg: key.alg,
    kid: key.kid,
    sign: async (data: Uint8Array) => rawSignature(key.alg, await signWith(signer, data)),
    toJSON: describe,
    toString: () => `Signer(${key.alg}, ${key.kid})`,
    [INSPECT]: describe,
  })
}

async function signWith(signer: Signer, data: Uint8Array): Promise<Uint8Array> {
  let signature: unknown
  try {
    signature = await signer.sign(data)
  } catch (cause) {
    if (isMicrocertError(cause) && cause.code === 'ERR_SIGNER_FAILED') throw cause
    throw new MicrocertError('ERR_SIGNER_FAILED', `The signer did not sign: ${cause instanceof Error ? cause.message.slice(0, 200) : 'it failed'}`, { cause })
  }
  if (!(signature instanceof Uint8Array)) {
    throw new MicrocertError('ERR_SIGNER_FAILED', 'The signer returned something other than signature bytes (a Uint8Array)')
  }
  return signature
}

function verifyRaw(alg: Algorithm, publicJwk: JsonWebKey, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' })
    return alg === 'ES256' ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature) : verify(null, data, key, signature)
  } catch {
    return false
  }
}

/**
 * The raw JWS form of a signature: KMS and HSM APIs usually return ECDSA signatures DER-encoded (`SEQUENCE { r, s }`),
 * JWS and Data Integrity need the 64-byte r‖s. Anything else is returned unchanged (and fails verification).
 */
function rawSignature(alg: Algorithm, signature: Uint8Array): Uint8Array {
  if (alg !== 'ES256' || signature.byteLength === 64 || signature[0] !== 0x30) return signature
  const out = new Uint8Array(64)
  let offset = signature[1]! & 0x80 ? 2 + (signature[1]! & 0x7f) : 2
  for (let i = 0; i < 2; i++) {
    if (signature[offset] !== 0x02) return signature
    const length = signature[offset + 1]!
    let int = signature.subarray(offset + 2, offset + 2 + length)
    while (int.length > 32 && int[0] === 0) int = int.subarray(1)
    if (int.length > 32 || int.length === 0) return signature
    out.set(int, i * 32 + (32 - int.length))
    offset += 2 + length
  }
  return out
}
