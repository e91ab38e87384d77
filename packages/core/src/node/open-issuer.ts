import { openIssuerStore } from './lib/issuer-store.js'
import type { Issuer, OpenIssuerOptions } from './types.js'

/**
 * Opens the issuer store in `dir`, checks every committed record against the journal, and takes the store's lock
 * (held until `close()`; a second process gets ERR_STORE_LOCKED, a lock left by a dead process is taken over).
 * A batch that died half-way leaves no trace beyond its committed chunks: re-run it to finish.
 *
 * @example
 * import { openIssuer } from '@microcert/core/node'
 * const issuer = await openIssuer('./issuer')
 * await issuer.revoke('MC-7KQ4-9XJ2-PM3A-W8TD-K', { reason: 'issued in error' })
 * await issuer.publish('./site', { widgetScript: 'node_modules/@microcert/verify-widget/dist/microcert-verify.js' })
 * await issuer.close()
 *
 * Errors: ERR_STORE_NOT_FOUND, ERR_STORE_CORRUPT (`details.reason`: 'journal-truncated' | 'journal-corrupt' |
 * 'record-corrupt' | 'record-missing' | …), ERR_KEY_FILE_MISSING, ERR_KEY_INVALID, ERR_STORE_LOCKED, ERR_WRITE_FAILED.
 */
export function openIssuer(dir: string, options: OpenIssuerOptions = {}): Promise<Issuer> {
  return openIssuerStore(dir, options)
}
