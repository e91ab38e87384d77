import { readFile } from 'node:fs/promises'
import { MicrocertError } from '@microcert/core'

/**
 * Reads a public JWK file (`--public-key`). Its content is never quoted in an error (a private key file given by
 * mistake must not end up in a terminal or a log): ERR_KEY_INVALID names the file only. The key itself is checked by
 * the issuer store (P-256 or Ed25519, no private part).
 */
export async function readPublicKeyFile(path: string): Promise<JsonWebKey> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    throw new MicrocertError('ERR_KEY_INVALID', `The public key file "${path}" cannot be read`, { cause: cause instanceof Error ? new Error(cause.message) : undefined })
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw new MicrocertError('ERR_KEY_INVALID', `The public key file "${path}" is not a JWK (not valid JSON)`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MicrocertError('ERR_KEY_INVALID', `The public key file "${path}" is not a JWK object`)
  return value as JsonWebKey
}
