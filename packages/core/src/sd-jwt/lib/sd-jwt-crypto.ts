import type { Hasher, SaltGenerator, Signer as SdJwtSigner } from '@sd-jwt/types'
import { uint8ArrayToBase64Url } from '@sd-jwt/utils'
import { MicrocertError } from '../../errors.js'
import type { Signer } from '../../types.js'

const encoder = new TextEncoder()

/** SHA-256 through WebCrypto, the only `_sd_alg` microcert issues and accepts. */
export const sha256Hasher: Hasher = async (data, alg) => {
  if (alg.toLowerCase() !== 'sha-256') {
    throw new MicrocertError('ERR_SD_JWT_MALFORMED', `The disclosures are hashed with "${alg.slice(0, 40)}"; only "sha-256" is accepted`)
  }
  const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data)
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
}

/** 128-bit random salts (RFC 9901 recommends at least 128 bits). */
export const saltGenerator: SaltGenerator = (length) => uint8ArrayToBase64Url(crypto.getRandomValues(new Uint8Array(Math.max(length, 16))))

/** Adapts a microcert `Signer` (raw signature bytes) to the `@sd-jwt` signer (base64url signature of a string). */
export function sdJwtSignerOf(signer: Signer): SdJwtSigner {
  return async (data) => uint8ArrayToBase64Url(await signer.sign(encoder.encode(data)))
}

/** base64url(SHA-256(text)), e.g. a key-binding JWT's `sd_hash`. */
export async function sha256Base64url(text: string): Promise<string> {
  return uint8ArrayToBase64Url(await sha256Hasher(text, 'sha-256'))
}
