import { resolve } from 'node:path'
import { copyStore } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { signerModuleOf } from '../lib/signer-module.js'
import { isDatabaseStore, keyFileFromEnv, STORE_HELP, storeLocation } from '../lib/store-location.js'

export const storeCommand: Command = {
  name: 'store',
  summary: 'Move an issuer between stores: copy a directory store into PostgreSQL, or back.',
  synopsis: 'microcert store copy <from> <to> [--key-file FILE] [--json]',
  optionHelp: [
    ['--key-file FILE', "where the destination keeps the private key (required for a postgres:// destination; a file there must hold the issuer's key)"],
    ['--json', 'print the copy report as JSON'],
  ],
  details:
    'Copies the issuer, its keys and every credential with its state, reasons and dates, from one consistent moment\n' +
    '(a key held by a signer stays there: open the copy with the same MICROCERT_SIGNER)\n' +
    'of the source; then reads the destination back and compares every record. A copy that fails removes what it\n' +
    'created. Stop issuing into the source first; afterwards point every command at the destination.\n' +
    STORE_HELP,
  examples: [
    'microcert store copy ./issuer postgres://microcert@db.uni.example/credentials --key-file /etc/microcert/issuer.jwk',
    "microcert store copy 'postgres://microcert@db.uni.example/credentials?issuer=did:web:uni.example' ./issuer-backup",
  ],
  options: { 'key-file': { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 3, max: 3, names: 'copy, the source store and the destination' },
  async run(args, io) {
    const [action, from, to] = args.positionals as [string, string, string]
    if (action !== 'copy') throw usageError(`unknown store action "${action}" (the one action is: copy)`, 'store')
    const target = storeLocation(io.cwd, to)
    const keyFile = str(args, 'key-file')
    // A store whose key is in a signer (MICROCERT_SIGNER) has no private key to place.
    if (keyFile === undefined && isDatabaseStore(to) && signerModuleOf(io, undefined) === undefined) {
      throw usageError('a postgres:// destination keeps its private key outside the database: give --key-file FILE', 'store')
    }
    const sourceKeyFile = keyFileFromEnv(io)
    const report = await copyStore(storeLocation(io.cwd, from), target, {
      ...(keyFile === undefined ? {} : { keyFile: resolve(io.cwd, keyFile) }),
      ...(sourceKeyFile === undefined ? {} : { sourceKeyFile }),
    })
    if (flag(args, 'json')) io.stdout.write(`${JSON.stringify(report)}\n`)
    else {
      io.stdout.write(
        `Copied ${report.records.toLocaleString('en')} credential${report.records === 1 ? '' : 's'} of ${report.did}\n` +
          `  from ${report.from}\n  to   ${report.to}\n` +
          `Every record was read back and compared (sha256 ${report.sha256.slice(0, 16)}…).\n`,
      )
    }
    return 0
  },
}
