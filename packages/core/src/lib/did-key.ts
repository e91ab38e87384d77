import { MicrocertError } from '../errors.js'
import type { DidDocument } from '../types.js'
import { decodeBase58 } from './base58.js'
import { encodeBase64url } from './base64url.js'
import { didDocumentForJwk } from './did-document-for-jwk.js'

// P-256: y² = x³ − 3x + b over p; p ≡ 3 (mod 4), so a square root is a power.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let b = base % modulus
  let e = exponent
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus
    b = (b * b) % modulus
    e >>= 1n
  }
  return result
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n
  for (const byte of bytes) n = (n << 8n) | BigInt(byte)
  return n
}

function bigIntTo32Bytes(n: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(n & 0xffn)
    n >>= 8n
  }
  return out
}

function decompressP256(point: Uint8Array): JsonWebKey | undefined {
  const prefix = point[0]
  if (prefix !== 2 && prefix !== 3) return undefined
  const x = bytesToBigInt(point.subarray(1))
  if (x >= P) return undefined
  const rhs = (((x * x) % P) * x - 3n * x + B) % P
  const alpha = (rhs + P) % P
  let y = modPow(alpha, (P + 1n) / 4n, P)
  if ((y * y) % P !== alpha) return undefined
  if ((y & 1n) !== BigInt(prefix & 1)) y = P - y
  return { kty: 'EC', crv: 'P-256', x: encodeBase64url(point.subarray(1)), y: encodeBase64url(bigIntTo32Bytes(y)) }
}

/** did:key (Ed25519 `z6Mk…`, P-256 `zDn…`) to a DID document, without network. Throws ERR_DID_INVALID / ERR_DID_METHOD_UNSUPPORTED. */
export function resolveDidKey(did: string): DidDocument {
  const multibase = did.slice('did:key:'.length)
  const bytes = multibase.startsWith('z') ? decodeBase58(multibase.slice(1)) : undefined
  if (bytes === undefined || bytes.length < 3) throw new MicrocertError('ERR_DID_INVALID', `"${did.slice(0, 80)}" is not a valid did:key`)
  let jwk: JsonWebKey | undefined
  if (bytes[0] === 0xed && bytes[1] === 0x01) {
    if (bytes.length === 34) jwk = { kty: 'OKP', crv: 'Ed25519', x: encodeBase64url(bytes.subarray(2)) }
  } else if (bytes[0] === 0x80 && bytes[1] === 0x24) {
    if (bytes.length === 35) jwk = decompressP256(bytes.subarray(2))
  } else {
    throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', 'Only Ed25519 and P-256 did:key identifiers are supported')
  }
  if (jwk === undefined) throw new MicrocertError('ERR_DID_INVALID', `"${did.slice(0, 80)}" holds a key of the wrong length`)
  return didDocumentForJwk(did, `${did}#${multibase}`, jwk)
}
