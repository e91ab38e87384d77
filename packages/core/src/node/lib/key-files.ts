import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { MicrocertError } from '../../errors.js'
import type { Signer } from '../../types.js'
import { writeFailed, writeFileDurable } from './fs-durable.js'
import { createNodeSigner } from './node-signer.js'
import type { StoreBackend, StoreKey } from './store-backend.js'

/**
 * Writes a private JWK with mode 0600. With `exclusive`, an existing file is never replaced (it may be another
 * issuer's key): ERR_WRITE_FAILED, `details.reason: 'key-file-exists'`.
 */
export function writePrivateKeyFile(path: string, privateJwk: JsonWebKey, { exclusive }: { exclusive: boolean }): void {
  if (exclusive && existsSync(path)) {
    throw new MicrocertError('ERR_WRITE_FAILED', `The key file "${path}" already exists; microcert never overwrites a key file`, {
      details: { path, reason: 'key-file-exists' },
    })
  }
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  } catch (cause) {
    throw writeFailed(dirname(path), cause)
  }
  writeFileDurable(path, JSON.stringify(privateJwk), 0o600)
}

/**
 * Puts the private key at an explicit `path` outside the store: an existing file must already hold this very key
 * (a store copied next to its source shares the key file); any other file there is left alone and refused
 * (ERR_WRITE_FAILED, `details.reason: 'key-file-exists'`). A new file is written with mode 0600.
 */
export function placePrivateKeyFile(path: string, privateJwk: JsonWebKey): void {
  if (existsSync(path)) {
    let same = false
    try {
      same = isKeyPair(readPrivateKeyFile(path), privateJwk)
    } catch {
      // unreadable or not a key: not ours to replace
    }
    if (same) return
  }
  writePrivateKeyFile(path, privateJwk, { exclusive: true })
}

/** Reads a private JWK file. Errors: ERR_KEY_FILE_MISSING, ERR_KEY_INVALID (never quoting the file's content). */
export function readPrivateKeyFile(path: string): JsonWebKey {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new MicrocertError('ERR_KEY_FILE_MISSING', `The issuer's private key file "${path}" is missing or unreadable`, {
      cause,
      details: { file: path },
    })
  }
  try {
    const jwk = JSON.parse(text) as JsonWebKey
    if (jwk === null || typeof jwk !== 'object' || typeof jwk.d !== 'string') throw new Error('not a private JWK')
    return jwk
  } catch {
    // Never attach the parse error: its message could quote key material.
    throw new MicrocertError('ERR_KEY_INVALID', `The issuer's private key file "${path}" is not a private JWK`, { details: { file: path } })
  }
}

/** True when `privateJwk` is the private half of `publicJwk`. */
export function isKeyPair(privateJwk: JsonWebKey, publicJwk: JsonWebKey): boolean {
  return privateJwk.kty === publicJwk.kty && privateJwk.crv === publicJwk.crv && privateJwk.x === publicJwk.x && privateJwk.y === publicJwk.y
}

/**
 * The signer of `key` from its private key file. A file holding some other key is refused (ERR_KEY_INVALID), so a
 * mixed-up path on one of several issuing machines cannot sign credentials nobody can verify.
 * Errors: ERR_KEY_FILE_MISSING, ERR_KEY_INVALID.
 */
export function loadKeyFileSigner(path: string, key: StoreKey): Signer {
  const privateJwk = readPrivateKeyFile(path)
  if (!isKeyPair(privateJwk, key.publicJwk)) {
    throw new MicrocertError('ERR_KEY_INVALID', `The key file "${path}" does not hold the private key of "${key.kid}"`, {
      details: { file: path, kid: key.kid },
    })
  }
  return createNodeSigner(privateJwk, key.alg, key.kid)
}

/** The private key file of a store's active key: `override` (resolved), else the path the store records. */
export function keyFileOf(store: Pick<StoreBackend, 'location' | 'activeKey'>, override: string | undefined): string {
  const path = override === undefined ? store.activeKey.privateKeyFile : resolve(override)
  if (path === undefined) {
    throw new MicrocertError(
      'ERR_KEY_FILE_MISSING',
      `The active key "${store.activeKey.kid}" of "${store.location}" is held by a signer outside the store (KMS/HSM): open it with { signer }`,
      { details: { location: store.location, kid: store.activeKey.kid, reason: 'signer-required' } },
    )
  }
  return path
}
