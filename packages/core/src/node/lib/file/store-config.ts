import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { IssuerProfile } from '@microcert/schemas'
import type { Algorithm } from '../../../types.js'
import type { IssuerConfig, StoreKey } from '../store-backend.js'
import { corrupt } from './journal.js'

export const CONFIG_FILE = 'issuer.json'
const FORMAT = 'microcert-issuer-store'

/** `issuer.json`, version 1: one key. (Rotation adds a `keys` array in version 2.) */
export interface FileStoreConfig {
  format: typeof FORMAT
  version: 1
  did: string
  kid: string
  alg: Algorithm
  registryUrl: string
  profile: IssuerProfile
  statusListSize: number
  /** The private key file: relative to the store directory (the default, `keys/key-1.private.jwk`) or absolute. */
  privateKeyFile: string
  publicJwk: JsonWebKey
  createdAt: string
}

export function fileStoreConfig(config: IssuerConfig, key: StoreKey, privateKeyFile: string): FileStoreConfig {
  return {
    format: FORMAT,
    version: 1,
    did: config.did,
    kid: key.kid,
    alg: key.alg,
    registryUrl: config.registryUrl,
    profile: config.profile,
    statusListSize: config.statusListSize,
    privateKeyFile,
    publicJwk: key.publicJwk,
    createdAt: config.createdAt,
  }
}

/** Reads and checks `issuer.json`. Errors: ERR_STORE_CORRUPT. */
export function readFileStoreConfig(root: string): { config: IssuerConfig; key: StoreKey } {
  const path = join(root, CONFIG_FILE)
  let value: FileStoreConfig
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as FileStoreConfig
  } catch (cause) {
    throw corrupt(`The store configuration "${path}" is not readable JSON`, { file: path }, cause)
  }
  if (
    value === null ||
    typeof value !== 'object' ||
    value.format !== FORMAT ||
    value.version !== 1 ||
    typeof value.did !== 'string' ||
    typeof value.kid !== 'string' ||
    (value.alg !== 'ES256' && value.alg !== 'EdDSA') ||
    typeof value.registryUrl !== 'string' ||
    typeof value.privateKeyFile !== 'string' ||
    typeof value.publicJwk !== 'object' ||
    typeof value.profile !== 'object' ||
    !Number.isSafeInteger(value.statusListSize)
  ) {
    throw corrupt(`The store configuration "${path}" is not a microcert issuer store (version 1)`, { file: path })
  }
  const { did, registryUrl, profile, statusListSize, createdAt } = value
  return {
    config: { did, registryUrl, profile, statusListSize, createdAt },
    key: {
      kid: value.kid,
      alg: value.alg,
      publicJwk: value.publicJwk,
      privateKeyFile: isAbsolute(value.privateKeyFile) ? value.privateKeyFile : join(root, value.privateKeyFile),
    },
  }
}
