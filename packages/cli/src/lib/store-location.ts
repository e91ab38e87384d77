import { resolve } from 'node:path'
import { openIssuer, type Issuer } from '@microcert/core/node'
import type { CliIo } from './io.js'

const POSTGRES = /^postgres(?:ql)?:\/\//i

/** What `<store>` means in every command: a `postgres://` URL as it is, anything else a directory. */
export const STORE_HELP =
  '<store> is an issuer directory, or a postgres:// URL (add ?issuer=<DID> when the database holds several issuers;\n' +
  'keep the password in PGPASSWORD or ~/.pgpass). MICROCERT_KEY_FILE names the private key file when it is not where\n' +
  'the store says.'

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

/** Opens the store a command names; `lockTimeout` waits that many ms for a directory store another process holds. */
export function openStore(io: CliIo, arg: string, options: { lockTimeout?: number } = {}): Promise<Issuer> {
  const keyFile = keyFileFromEnv(io)
  return openIssuer(storeLocation(io.cwd, arg), { ...(keyFile === undefined ? {} : { keyFile }), ...options })
}

/** How to name the store in a suggested next command: the argument as typed, but never a URL's password. */
export function storeArg(arg: string, issuer: Issuer): string {
  return POSTGRES.test(arg) ? `'${issuer.location}'` : arg
}
