import { resolve } from 'node:path'
import { generateKeyPair } from '../generate-key-pair.js'
import { checkedPublicJwk, checkSigner, resolveSigner, storeSigner } from './lib/external-signer.js'
import { createFileStore } from './lib/file/file-store.js'
import { issuerConfigFromOptions } from './lib/issuer-config.js'
import { createNodeSigner } from './lib/node-signer.js'
import { isPostgresLocation } from './lib/pg/pg-connection.js'
import { createPgStore } from './lib/pg/pg-store.js'
import type { InitKey, StoreInit } from './lib/store-backend.js'
import { requireProofKey, StoreIssuer } from './lib/store-issuer.js'
import type { Signer } from '../types.js'
import type { CreateIssuerOptions, Issuer } from './types.js'

/**
 * Creates an issuer store: a signing key (a new one, private key file mode 0600 — or yours, in a KMS/HSM, behind a
 * `signer`), the issuer profile and config. `location` is a directory (the embedded default: one machine), or a
 * `postgres://` / `postgresql://` URL (several machines issuing into one database; give `keyFile` or a `signer`, the
 * private key never goes into the database). One database holds several issuers, told apart by their DID. The
 * registry URL (`url`) is where `publish` output will be served; the did:web should resolve inside it
 * (`did:web:uni.example:microcerts` ↔ `https://uni.example/microcerts`).
 *
 * @example
 * import { createIssuer } from '@microcert/core/node'
 * const issuer = await createIssuer('./issuer', {
 *   did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts',
 * })
 * await issuer.close()
 * // or: createIssuer('postgres://microcert@db.uni.example/credentials', { ...same, keyFile: '/etc/microcert/issuer.jwk' })
 * // or, the key in a KMS: createIssuer('./issuer', { ...same, signer: kmsSigner, publicJwk: kmsPublicJwk })
 *
 * Errors: ERR_STORE_EXISTS, ERR_STORE_LOCKED, ERR_STORE_NOT_FOUND (database unreachable), ERR_DID_METHOD_UNSUPPORTED
 * (not did:web), ERR_INPUT_INVALID (name, country), ERR_KEY_INVALID (a signer that does not match `publicJwk`; a
 * P-256 key for `proof: 'eddsa-rdfc-2022'`), ERR_SIGNER_FAILED, ERR_WRITE_FAILED (`details.reason: 'key-file-exists'`
 * for a `keyFile` that holds another key). A malformed `url`, `alg`, `proof` or location, a signer without
 * `publicJwk`, or a PostgreSQL store with neither `keyFile` nor `signer`, throws `TypeError`.
 */
export async function createIssuer(location: string, options: CreateIssuerOptions): Promise<Issuer> {
  if (typeof location !== 'string' || location === '') throw new TypeError('createIssuer: location must be a directory or a postgres:// URL')
  const now = options?.now ?? (() => new Date())
  const createdAt = now()
  const { config, alg } = issuerConfigFromOptions(options, createdAt)
  const kid = `${config.did}#key-1`
  let key: InitKey
  let signer: Signer
  if (options.signer !== undefined || options.publicJwk !== undefined) {
    if (options.signer === undefined || options.publicJwk === undefined) throw new TypeError('createIssuer: signer and publicJwk go together')
    if (options.keyFile !== undefined) throw new TypeError('createIssuer: a signer keeps its key itself; keyFile is for a key microcert generates')
    const { publicJwk, alg: keyAlg } = checkedPublicJwk(options.publicJwk)
    if (options.alg !== undefined && options.alg !== keyAlg) {
      throw new TypeError(`createIssuer: alg "${options.alg}" does not fit the public key (a key for "${keyAlg}")`)
    }
    requireProofKey(config.proof, keyAlg)
    const brought = await resolveSigner(options.signer, { kid, alg: keyAlg, publicJwk, purpose: 'create', location })
    await checkSigner(brought, { kid, alg: keyAlg, publicJwk })
    key = { kid, alg: keyAlg, publicJwk, createdAt: config.createdAt }
    signer = storeSigner(brought, key)
  } else {
    requireProofKey(config.proof, alg)
    const { privateJwk, publicJwk } = await generateKeyPair(alg)
    key = {
      kid,
      alg,
      publicJwk: checkedPublicJwk(publicJwk).publicJwk,
      createdAt: config.createdAt,
      privateJwk,
      ...(options.keyFile === undefined ? {} : { privateKeyFile: resolve(options.keyFile) }),
    }
    signer = createNodeSigner(privateJwk, alg, kid)
  }
  const init: StoreInit = { config, keys: [key], activeKid: kid }
  const store = isPostgresLocation(location) ? await createPgStore(location, init) : await createFileStore(location, init)
  return new StoreIssuer(store, signer, now)
}
