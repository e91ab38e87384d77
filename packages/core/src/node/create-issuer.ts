import { resolve } from 'node:path'
import { generateKeyPair } from '../generate-key-pair.js'
import { createFileStore } from './lib/file/file-store.js'
import { issuerConfigFromOptions } from './lib/issuer-config.js'
import { createNodeSigner } from './lib/node-signer.js'
import { isPostgresLocation } from './lib/pg/pg-connection.js'
import { createPgStore } from './lib/pg/pg-store.js'
import type { StoreInit } from './lib/store-backend.js'
import { StoreIssuer } from './lib/store-issuer.js'
import type { CreateIssuerOptions, Issuer } from './types.js'

/**
 * Creates an issuer store: a new signing key (private key file mode 0600), the issuer profile and config.
 * `location` is a directory (the embedded default: one machine), or a `postgres://` / `postgresql://` URL (several
 * machines issuing into one database; give `keyFile`, the private key never goes into the database). One database
 * holds several issuers, told apart by their DID. The registry URL (`url`) is where `publish` output will be served;
 * the did:web should resolve inside it (`did:web:uni.example:microcerts` ↔ `https://uni.example/microcerts`).
 *
 * @example
 * import { createIssuer } from '@microcert/core/node'
 * const issuer = await createIssuer('./issuer', {
 *   did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts',
 * })
 * await issuer.close()
 * // or: createIssuer('postgres://microcert@db.uni.example/credentials', { ...same, keyFile: '/etc/microcert/issuer.jwk' })
 *
 * Errors: ERR_STORE_EXISTS, ERR_STORE_LOCKED, ERR_STORE_NOT_FOUND (database unreachable), ERR_DID_METHOD_UNSUPPORTED
 * (not did:web), ERR_INPUT_INVALID (name, country), ERR_WRITE_FAILED (`details.reason: 'key-file-exists'` for a
 * `keyFile` that holds another key). A malformed `url`, `alg` or location, or a PostgreSQL store without `keyFile`,
 * throws `TypeError`.
 */
export async function createIssuer(location: string, options: CreateIssuerOptions): Promise<Issuer> {
  if (typeof location !== 'string' || location === '') throw new TypeError('createIssuer: location must be a directory or a postgres:// URL')
  const now = options?.now ?? (() => new Date())
  const { config, alg } = issuerConfigFromOptions(options, now())
  const { privateJwk, publicJwk } = await generateKeyPair(alg)
  const key = { kid: `${config.did}#key-1`, alg, publicJwk }
  const init: StoreInit = { config, key, privateJwk, ...(options.keyFile === undefined ? {} : { keyFile: resolve(options.keyFile) }) }
  const store = isPostgresLocation(location) ? await createPgStore(location, init) : await createFileStore(location, init)
  return new StoreIssuer(store, createNodeSigner(privateJwk, alg, key.kid), now)
}
