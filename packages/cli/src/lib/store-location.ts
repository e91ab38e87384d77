import { resolve } from 'node:path'
import { openIssuer, type Issuer } from '@microcert/core/node'
import { isMicrocertError } from '@microcert/core'
import { CliError, usageError } from './cli-error.js'
import type { CliIo } from './io.js'
import { loadSignerFactory, SIGNER_ENV, signerModuleOf } from './signer-module.js'

const POSTGRES = /^postgres(?:ql)?:\/\//i

/** What `<store>` means in every command: a `postgres://` URL as it is, anything else a directory. */
export const STORE_HELP =
  '<store> is an issuer directory, or a postgres:// URL (add ?issuer=<DID> when the database holds several issuers;\n' +
  'keep the password in PGPASSWORD or ~/.pgpass). MICROCERT_KEY_FILE names the private key file when it is not where\n' +
  `the store says; ${SIGNER_ENV} names the signer module when the key is in a KMS/HSM (see "microcert init --help").`

/** True when a `<store>` argument names a PostgreSQL database. */
export function isDatabaseStore(arg: string): boolean {
  return POSTGRES.test(arg)
}

/** The location a `<store>` argument names: a PostgreSQL URL unchanged, a directory resolved against the working directory. */
export function storeLocation(cwd: string, arg: string): string {
  return POSTGRES.test(arg) ? arg : resolve(cwd, arg)
}

/** The private key file the environment names (`MICROCERT_KEY_FILE`), resolved against the working directory. */
export function keyFileFromEnv(io: CliIo): string | undefined {
  const value = io.env['MICROCERT_KEY_FILE']
  return value === undefined || value === '' ? undefined : resolve(io.cwd, value)
}

/**
 * Opens the store a command names, with the key file or the signer module the environment names; `lockTimeout` waits
 * that many ms for a directory store another process holds.
 */
export async function openStore(io: CliIo, arg: string, options: { lockTimeout?: number } = {}): Promise<Issuer> {
  const keyFile = keyFileFromEnv(io)
  const signerModule = signerModuleOf(io, undefined)
  if (keyFile !== undefined && signerModule !== undefined) throw usageError(`set MICROCERT_KEY_FILE or ${SIGNER_ENV}, not both`)
  const signer = signerModule === undefined ? undefined : await loadSignerFactory(io, signerModule)
  try {
    return await openIssuer(storeLocation(io.cwd, arg), { ...(keyFile !== undefined ? { keyFile } : signer !== undefined ? { signer } : {}), ...options })
  } catch (error) {
    if (isMicrocertError(error) && error.code === 'ERR_KEY_FILE_MISSING' && error.details?.['reason'] === 'signer-required') {
      throw new CliError(
        `the issuer's active key "${String(error.details['kid'])}" is held by a signer outside the store (KMS/HSM) (ERR_KEY_FILE_MISSING)`,
        1,
        `set ${SIGNER_ENV}=<module> (the signer module the store was created or rotated with)`,
      )
    }
    throw error
  }
}

/** How to name the store in a suggested next command: the argument as typed, but never a URL's password. */
export function storeArg(arg: string, issuer: Issuer): string {
  return POSTGRES.test(arg) ? `'${issuer.location}'` : arg
}
