import { parseCertificateId } from '@microcert/core'
import { flag, type Command } from '../lib/command.js'
import { openStore, STORE_HELP, storeArg } from '../lib/store-location.js'

export const unpublishCommand: Command = {
  name: 'unpublish',
  summary: "Withdraw a credential from the public registry (e.g. a learner's GDPR request).",
  synopsis: 'microcert unpublish <store> <certificate-id> [--json]',
  optionHelp: [['--json', 'print the updated record (without the token) as JSON']],
  details:
    'The next "microcert publish" no longer writes credentials/<ID>.jwt (or .json), so a lookup by certificate ID finds nothing.\n' +
    'The credential itself stays valid when the learner presents it directly, and its revocation status is unchanged.\n' +
    `This cannot be undone.\n${STORE_HELP}`,
  examples: ['microcert unpublish ./issuer MC-37XX-7N95-92BM-J58H-2'],
  options: { json: { type: 'boolean' } },
  positionals: { min: 2, max: 2, names: 'the issuer store and a certificate ID' },
  async run(args, io) {
    const id = parseCertificateId(args.positionals[1]!)
    const issuer = await openStore(io, args.positionals[0]!)
    try {
      const rec = await issuer.unpublish(id)
      if (flag(args, 'json')) {
        const { jwt: _jwt, credential: _credential, ...rest } = rec
        io.stdout.write(`${JSON.stringify(rest)}\n`)
      } else {
        io.stdout.write(
          `Withdrew ${rec.certificateId} from the public registry (it still verifies when presented directly)\n` +
            `Publish to remove its file from the site: microcert publish ${storeArg(args.positionals[0]!, issuer)} --out <site>\n`,
        )
      }
    } finally {
      await issuer.close()
    }
    return 0
  },
}
