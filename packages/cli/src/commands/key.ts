import { resolve } from 'node:path'
import type { IssuerKey } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { oneLine } from '../lib/one-line.js'
import { readPublicKeyFile } from '../lib/public-key-file.js'
import { loadSignerFactory, SIGNER_HELP, signerModuleOf } from '../lib/signer-module.js'
import { isDatabaseStore, openStore, STORE_HELP, storeArg } from '../lib/store-location.js'

/** A key as printed (an `IssuerKey` holds only public parts: no private key ever reaches the output). */
function keyLine(key: IssuerKey): string {
  const status = key.retiredAt !== undefined ? `retired ${key.retiredAt}` : key.active ? 'active (signs)' : 'earlier (verifies)'
  return `${key.kid}  ${key.alg.padEnd(5)}  ${key.holder === 'signer' ? 'signer' : 'file  '}  ${status}`
}

export const keyCommand: Command = {
  name: 'key',
  summary: "Manage the issuer's signing keys: list them, rotate to a new key, retire a compromised one.",
  synopsis:
    'microcert key list <store> [--json]\n' +
    'microcert key rotate <store> [--key-file FILE | --public-key PUB.jwk --signer MODULE] [--json]\n' +
    'microcert key retire <store> <kid> [--json]',
  optionHelp: [
    ['--key-file FILE', 'rotate: where the new private key goes (mode 0600; required for a postgres:// store without --signer)'],
    ['--public-key FILE', 'rotate: the public JWK of a new key held by a KMS/HSM (with --signer)'],
    ['--signer MODULE', 'rotate: the signer module of that key (default: $MICROCERT_SIGNER)'],
    ['--json', 'print the result as JSON'],
  ],
  details:
    'rotate: a new key signs every credential, status list and notice from now on. The earlier keys stay in the DID\n' +
    'document (after the next "microcert publish"), so everything they signed keeps verifying. Rotate yearly, or when\n' +
    'staff with access to the key leave.\n' +
    'retire: for a compromised key. The next publish removes it from the DID document: every credential it signed then\n' +
    'FAILS to verify (ERR_KEY_NOT_FOUND) and must be re-issued; the command lists them. Rotate first (the active key\n' +
    'cannot be retired). Key files are never deleted: remove a compromised one yourself.\n' +
    `${SIGNER_HELP}\n${STORE_HELP}`,
  examples: [
    'microcert key rotate ./issuer',
    'microcert key rotate ./issuer --public-key kms-key-2.pub.jwk --signer ./kms-signer.mjs',
    'microcert key retire ./issuer did:web:uni.example#key-1',
  ],
  options: {
    'key-file': { type: 'string' },
    'public-key': { type: 'string' },
    signer: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 2, max: 3, names: 'an action (list, rotate, retire) and the issuer store' },
  async run(args, io) {
    const [action, store, kid] = args.positionals as [string, string, string | undefined]
    if (!['list', 'rotate', 'retire'].includes(action)) throw usageError(`unknown key action "${oneLine(action)}" (list, rotate or retire)`, 'key')
    if (action === 'retire' ? kid === undefined : kid !== undefined) {
      throw usageError(action === 'retire' ? 'key retire needs the kid of the key (see "microcert key list")' : `unexpected argument "${oneLine(kid!)}"`, 'key')
    }
    const json = flag(args, 'json')
    const keyFile = str(args, 'key-file')
    const publicKeyFile = str(args, 'public-key')
    if (action !== 'rotate' && (keyFile !== undefined || publicKeyFile !== undefined || str(args, 'signer') !== undefined)) {
      throw usageError('--key-file, --public-key and --signer go with "key rotate"', 'key')
    }
    const signerModule = publicKeyFile === undefined ? str(args, 'signer') : signerModuleOf(io, str(args, 'signer'))
    if (action === 'rotate') {
      if ((publicKeyFile === undefined) !== (signerModule === undefined)) throw usageError('--public-key and --signer go together', 'key')
      if (publicKeyFile !== undefined && keyFile !== undefined) throw usageError('give --key-file or --public-key with --signer, not both', 'key')
      if (publicKeyFile === undefined && keyFile === undefined && isDatabaseStore(store)) {
        throw usageError('a postgres:// store keeps private keys outside the database: give --key-file FILE (or --public-key with --signer)', 'key')
      }
    }
    // Read what the new key needs before the store is opened (and locked).
    const brought =
      action === 'rotate' && publicKeyFile !== undefined
        ? { publicJwk: await readPublicKeyFile(resolve(io.cwd, publicKeyFile)), signer: await loadSignerFactory(io, signerModule!) }
        : undefined
    const issuer = await openStore(io, store)
    try {
      if (action === 'list') {
        if (json) for (const key of issuer.keys) io.stdout.write(`${JSON.stringify(key)}\n`)
        else for (const key of issuer.keys) io.stdout.write(`${keyLine(key)}\n`)
        return 0
      }
      if (action === 'rotate') {
        const key = await issuer.rotateKey(brought ?? (keyFile === undefined ? {} : { keyFile: resolve(io.cwd, keyFile) }))
        if (json) io.stdout.write(`${JSON.stringify(key)}\n`)
        else {
          io.stdout.write(
            `Rotated: ${key.kid} (${key.alg}) signs from now on; the earlier keys stay in the DID document.\n` +
              `Publish to put the new key in the DID document: microcert publish ${storeArg(store, issuer)} --out <site>\n`,
          )
        }
        return 0
      }
      const report = await issuer.retireKey(kid!)
      if (json) {
        io.stdout.write(`${JSON.stringify(report)}\n`)
        return 0
      }
      const live = report.credentials.filter((c) => c.state !== 'revoked')
      io.stdout.write(
        `Retired ${report.kid}. After the next publish it is gone from the DID document, and the ${report.credentials.length.toLocaleString('en')} ` +
          `credential${report.credentials.length === 1 ? '' : 's'} it signed fail to verify (ERR_KEY_NOT_FOUND)` +
          `${live.length === report.credentials.length ? '' : `; ${live.length.toLocaleString('en')} of them not revoked`}.\n` +
          (live.length > 0 ? 'Re-issue these (e.g. re-run their CSV with new row keys), then publish:\n' : `Publish: microcert publish ${storeArg(store, issuer)} --out <site>\n`),
      )
      for (const credential of live) io.stdout.write(`  ${credential.certificateId}  ${credential.state}\n`)
      return 0
    } finally {
      await issuer.close()
    }
  },
}
