import { createIssuerStore } from './lib/issuer-store.js'
import type { CreateIssuerOptions, Issuer } from './types.js'

/**
 * Creates an issuer store in `dir`: a new signing key (private key file mode 0600), the issuer profile and config,
 * and an empty journal. The returned `Issuer` holds the store's lock until `close()`.
 * The registry URL (`url`) is where `publish` output will be served; the did:web should resolve inside it
 * (`did:web:uni.example:microcerts` ↔ `https://uni.example/microcerts`, `did:web:localhost%3A8080` ↔ `http://localhost:8080`).
 *
 * @example
 * import { createIssuer } from '@microcert/core/node'
 * const issuer = await createIssuer('./issuer', {
 *   did: 'did:web:uni.example:microcerts', name: 'Example University', country: 'CZ', url: 'https://uni.example/microcerts',
 * })
 * await issuer.close()
 *
 * Errors: ERR_STORE_EXISTS, ERR_STORE_LOCKED, ERR_DID_METHOD_UNSUPPORTED (not did:web), ERR_INPUT_INVALID (name, country),
 * ERR_WRITE_FAILED. A malformed `url` or `alg` throws `TypeError`.
 */
export function createIssuer(dir: string, options: CreateIssuerOptions): Promise<Issuer> {
  return createIssuerStore(dir, options)
}
