import { readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { IssuerProfile } from '@microcert/schemas'
import type { Algorithm } from '../../../types.js'
import type { ProofType } from '../../types.js'
import type { IssuerConfig, StoreKey } from '../store-backend.js'
import { corrupt } from './journal.js'

export const CONFIG_FILE = 'issuer.json'
const FORMAT = 'microcert-issuer-store'

/** `issuer.json`, version 1 (written before key rotation): one key. Read, never written. */
interface FileStoreConfigV1 {
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

/** One key of `issuer.json` version 2. */
interface FileStoreKey {
  kid: string
  alg: Algorithm
  publicJwk: JsonWebKey
  /** Relative to the store directory (the default `keys/key-<n>.private.jwk`) or absolute; absent for a key in a signer (KMS/HSM). */
  privateKeyFile?: string
  active: boolean
  createdAt: string
  retiredAt?: string
}

/** `issuer.json`, version 2: several keys (rotation), keys held by a signer, and the proof type. */
export interface FileStoreConfig {
  format: typeof FORMAT
  version: 2
  did: string
  registryUrl: string
  profile: IssuerProfile
  statusListSize: number
  proof: ProofType
  createdAt: string
  keys: FileStoreKey[]
}

/** The text of `issuer.json` for `config` and `keys` (key files inside the store directory are kept relative). */
export function fileStoreConfigText(root: string, config: IssuerConfig, keys: readonly StoreKey[], activeKid: string): string {
  const relative = (path: string) => (path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path)
  const value: FileStoreConfig = {
    format: FORMAT,
    version: 2,
    did: config.did,
    registryUrl: config.registryUrl,
    profile: config.profile,
    statusListSize: config.statusListSize,
    proof: config.proof,
    createdAt: config.createdAt,
    keys: keys.map((key) => ({
      kid: key.kid,
      alg: key.alg,
      publicJwk: key.publicJwk,
      ...(key.privateKeyFile === undefined ? {} : { privateKeyFile: relative(key.privateKeyFile) }),
      active: key.kid === activeKid,
      createdAt: key.createdAt,
      ...(key.retiredAt === undefined ? {} : { retiredAt: key.retiredAt }),
    })),
  }
  return JSON.stringify(value, null, 2) + '\n'
}

/** Reads and checks `issuer.json` (version 1 or 2). Errors: ERR_STORE_CORRUPT. */
export function readFileStoreConfig(root: string): { config: IssuerConfig; keys: StoreKey[]; activeKid: string } {
  const path = join(root, CONFIG_FILE)
  let value: FileStoreConfigV1 | FileStoreConfig
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as FileStoreConfigV1 | FileStoreConfig
  } catch (cause) {
    throw corrupt(`The store configuration "${path}" is not readable JSON`, { file: path }, cause)
  }
  const bad = (why: string) => corrupt(`The store configuration "${path}" is not a microcert issuer store (${why})`, { file: path })
  if (value === null || typeof value !== 'object' || value.format !== FORMAT) throw bad('unknown format')
  if (value.version !== 1 && value.version !== 2) {
    throw corrupt(`The store "${root}" has version ${String((value as { version?: unknown }).version)}; this microcert knows up to 2: upgrade microcert`, {
      file: path,
      reason: 'store-too-new',
    })
  }
  if (
    typeof value.did !== 'string' ||
    typeof value.registryUrl !== 'string' ||
    typeof value.profile !== 'object' ||
    value.profile === null ||
    !Number.isSafeInteger(value.statusListSize) ||
    typeof value.createdAt !== 'string'
  ) {
    throw bad('issuer fields missing')
  }
  const absolute = (file: string) => (isAbsolute(file) ? file : join(root, file))
  const { did, registryUrl, profile, statusListSize, createdAt } = value
  if (value.version === 1) {
    if (typeof value.kid !== 'string' || !isAlgorithm(value.alg) || typeof value.privateKeyFile !== 'string' || typeof value.publicJwk !== 'object') {
      throw bad('key fields missing')
    }
    return {
      config: { did, registryUrl, profile, statusListSize, proof: 'vc-jwt', createdAt },
      keys: [{ kid: value.kid, alg: value.alg, publicJwk: value.publicJwk, privateKeyFile: absolute(value.privateKeyFile), createdAt }],
      activeKid: value.kid,
    }
  }
  if (value.proof !== 'vc-jwt' && value.proof !== 'eddsa-rdfc-2022') throw bad('unknown proof type')
  if (!Array.isArray(value.keys) || value.keys.length === 0) throw bad('no keys')
  const keys: StoreKey[] = []
  let activeKid: string | undefined
  for (const key of value.keys) {
    if (
      key === null ||
      typeof key !== 'object' ||
      typeof key.kid !== 'string' ||
      !isAlgorithm(key.alg) ||
      typeof key.publicJwk !== 'object' ||
      typeof key.createdAt !== 'string' ||
      (key.privateKeyFile !== undefined && typeof key.privateKeyFile !== 'string')
    ) {
      throw bad('a malformed key')
    }
    if (key.active === true) {
      if (activeKid !== undefined || key.retiredAt !== undefined) throw bad('more than one active key')
      activeKid = key.kid
    }
    keys.push({
      kid: key.kid,
      alg: key.alg,
      publicJwk: key.publicJwk,
      ...(key.privateKeyFile === undefined ? {} : { privateKeyFile: absolute(key.privateKeyFile) }),
      createdAt: key.createdAt,
      ...(typeof key.retiredAt === 'string' ? { retiredAt: key.retiredAt } : {}),
    })
  }
  if (activeKid === undefined) throw bad('no active key')
  return { config: { did, registryUrl, profile, statusListSize, proof: value.proof, createdAt }, keys, activeKid }
}

function isAlgorithm(alg: unknown): alg is Algorithm {
  return alg === 'ES256' || alg === 'EdDSA'
}
