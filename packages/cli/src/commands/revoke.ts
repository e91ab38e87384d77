import { parseCertificateId } from '@microcert/core'
import { usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { openStore, STORE_HELP, storeArg } from '../lib/store-location.js'

type Action = 'revoke' | 'suspend' | 'reinstate'

const PAST: Record<Action, string> = { revoke: 'Revoked', suspend: 'Suspended', reinstate: 'Reinstated' }

function statusCommand(action: Action): Command {
  const withReason = action !== 'reinstate'
  return {
    name: action,
    summary: {
      revoke: 'Revoke a credential for good (sets its bit in the revocation status list).',
      suspend: 'Suspend a credential (reversible with "microcert reinstate").',
      reinstate: 'Lift the suspension of a credential.',
    }[action],
    synopsis: `microcert ${action} <store> <certificate-id>${withReason ? ' [--reason TEXT [--private-reason]]' : ''} [--json]`,
    optionHelp: [
      ...(withReason
        ? ([
            ['--reason TEXT', 'why (at most 500 characters); PUBLISHED: the next publish puts it, with the date, in a signed notice that verifiers show'],
            ['--private-reason', 'keep the reason in the store only; the public notice then carries only the date'],
          ] as [string, string][])
        : []),
      ['--json', 'print the updated record (without the token) as JSON'],
    ],
    details: `The change is public after the next "microcert publish" (which rewrites the status lists).\n${STORE_HELP}`,
    examples: [
      withReason
        ? `microcert ${action} ./issuer MC-37XX-7N95-92BM-J58H-2 --reason "Issued in error"`
        : `microcert ${action} ./issuer MC-37XX-7N95-92BM-J58H-2`,
    ],
    options: {
      ...(withReason ? { reason: { type: 'string' as const }, 'private-reason': { type: 'boolean' as const } } : {}),
      json: { type: 'boolean' },
    },
    positionals: { min: 2, max: 2, names: 'the issuer store and a certificate ID' },
    async run(args, io) {
      const id = parseCertificateId(args.positionals[1]!)
      const reason = str(args, 'reason')
      if (reason !== undefined && reason.trim() === '') throw usageError('--reason is empty', action)
      const privateReason = withReason && flag(args, 'private-reason')
      if (privateReason && reason === undefined) throw usageError('--private-reason needs --reason', action)
      const issuer = await openStore(io, args.positionals[0]!)
      try {
        const rec =
          action === 'reinstate'
            ? await issuer.reinstate(id)
            : await issuer[action](id, reason === undefined ? {} : { reason, publishReason: !privateReason })
        if (flag(args, 'json')) {
          const { jwt: _jwt, credential: _credential, ...rest } = rec
          io.stdout.write(`${JSON.stringify(rest)}\n`)
        } else {
          const said =
            rec.reason === undefined || action === 'reinstate'
              ? ''
              : rec.publishReason === false
                ? ` (reason kept private: ${rec.reason})`
                : ` (reason: ${rec.reason})\nThe reason will be published: verifiers show it next to the date.`
          io.stdout.write(`${PAST[action]} ${rec.certificateId}${said}\n` + `Publish to make it public: microcert publish ${storeArg(args.positionals[0]!, issuer)} --out <site>\n`)
        }
      } finally {
        await issuer.close()
      }
      return 0
    },
  }
}

export const revokeCommand = statusCommand('revoke')
export const suspendCommand = statusCommand('suspend')
export const reinstateCommand = statusCommand('reinstate')
