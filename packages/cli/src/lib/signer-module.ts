import { createRequire } from 'node:module'
import { isAbsolute, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { SignerFactory } from '@microcert/core/node'
import { CliError } from './cli-error.js'
import type { CliIo } from './io.js'

/** The environment variable naming the signer module of every command that signs (when the key is in a KMS/HSM). */
export const SIGNER_ENV = 'MICROCERT_SIGNER'

export const SIGNER_HELP =
  `${SIGNER_ENV}=<module> signs with a key that never leaves a KMS/HSM: an ES module or CommonJS file (or an installed\n` +
  'package) whose default export, or `createSigner` export, is a function ({ kid, alg, publicJwk, purpose, location })\n' +
  '=> Signer ({ alg, kid, sign(bytes) => Uint8Array }). It is called with the public key the store needs (a new one at\n' +
  '"key rotate"); microcert checks the signer with one test signature before it signs anything.'

/** The signer module a command uses: its `--signer` option, else `MICROCERT_SIGNER`. */
export function signerModuleOf(io: CliIo, option: string | undefined): string | undefined {
  if (option !== undefined && option !== '') return option
  const value = io.env[SIGNER_ENV]
  return value === undefined || value === '' ? undefined : value
}

/**
 * Loads a signer module and returns its factory. A path (`./kms-signer.mjs`, `/etc/microcert/signer.js`) is taken
 * relative to the working directory; anything else is a package name resolved from there.
 * Errors: CliError (exit 1) naming the module when it cannot be loaded or exports no factory.
 */
export async function loadSignerFactory(io: CliIo, spec: string): Promise<SignerFactory> {
  let url: string
  try {
    url = isPath(spec) ? pathToFileURL(resolve(io.cwd, spec)).href : pathToFileURL(createRequire(join(io.cwd, 'package.json')).resolve(spec)).href
  } catch {
    throw new CliError(`the signer module "${spec}" was not found (from ${io.cwd})`, 1, `give a path such as ./kms-signer.mjs, or install the package; see "microcert init --help"`)
  }
  let module: Record<string, unknown>
  try {
    module = (await import(url)) as Record<string, unknown>
  } catch (error) {
    throw new CliError(`the signer module "${spec}" could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 1)
  }
  const fallback = module['default'] as Record<string, unknown> | undefined
  const factory = [module['default'], module['createSigner'], fallback?.['createSigner']].find((value) => typeof value === 'function')
  if (factory === undefined) {
    throw new CliError(
      `the signer module "${spec}" exports no signer factory`,
      1,
      'export a function ({ kid, alg, publicJwk, purpose, location }) => Signer as the default export or as createSigner',
    )
  }
  return factory as SignerFactory
}

function isPath(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith('./') || spec.startsWith('../') || /\.(m|c)?js$/.test(spec)
}
