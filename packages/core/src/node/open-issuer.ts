import { checkSigner, resolveSigner, storeSigner } from './lib/external-signer.js'
import { openFileStore } from './lib/file/file-store.js'
import { keyFileOf, loadKeyFileSigner } from './lib/key-files.js'
import { isPostgresLocation } from './lib/pg/pg-connection.js'
import { openPgStore } from './lib/pg/pg-store.js'
import { StoreIssuer } from './lib/store-issuer.js'
import type { Issuer, OpenIssuerOptions } from './types.js'

/**
 * Opens an issuer store: a directory, or a `postgres://` URL (`?issuer=<DID>` picks the issuer when the database
 * holds several). A directory store checks every committed record against its journal and takes the store's lock
 * (held until `close()`; a second process gets ERR_STORE_LOCKED, a lock left by a dead process is taken over, and a
 * second open in the same process is refused at once). A PostgreSQL store migrates its schema forward when this code
 * is newer, and lets many processes work at once. A batch that died half-way leaves no trace beyond its committed
 * chunks: re-run it to finish. A store whose active key lives in a KMS/HSM opens with `{ signer }`.
 *
 * @example
 * import { openIssuer } from '@microcert/core/node'
 * const issuer = await openIssuer('./issuer')
 * await issuer.revoke('MC-7KQ4-9XJ2-PM3A-W8TD-K', { reason: 'issued in error' })
 * await issuer.publish('./site', { widgetScript: 'node_modules/@microcert/verify-widget/dist/microcert-verify.js' })
 * await issuer.close()
 *
 * Errors: ERR_STORE_NOT_FOUND (also: database unreachable, `details.reason`), ERR_STORE_CORRUPT (`details.reason`:
 * 'journal-truncated' | 'journal-corrupt' | 'record-corrupt' | 'record-missing' | 'store-too-new' | …),
 * ERR_KEY_FILE_MISSING (also: the active key is in a signer and none was given, `details.reason: 'signer-required'`),
 * ERR_KEY_INVALID (not the issuer's key), ERR_SIGNER_FAILED, ERR_STORE_LOCKED, ERR_WRITE_FAILED.
 */
export async function openIssuer(location: string, options: OpenIssuerOptions = {}): Promise<Issuer> {
  if (typeof location !== 'string' || location === '') throw new TypeError('openIssuer: location must be a directory or a postgres:// URL')
  if (options.signer !== undefined && options.keyFile !== undefined) throw new TypeError('openIssuer: give keyFile or signer, not both')
  const store = isPostgresLocation(location) ? await openPgStore(location) : await openFileStore(location, options)
  try {
    const key = store.activeKey
    let signer
    if (options.signer !== undefined) {
      const brought = await resolveSigner(options.signer, { kid: key.kid, alg: key.alg, publicJwk: key.publicJwk, purpose: 'open', location: store.location })
      await checkSigner(brought, key)
      signer = storeSigner(brought, key)
    } else {
      signer = loadKeyFileSigner(keyFileOf(store, options.keyFile), key)
    }
    return new StoreIssuer(store, signer, options.now ?? (() => new Date()))
  } catch (error) {
    await store.close()
    throw error
  }
}
