import { readFileSync } from 'node:fs'
import { demoCommand } from './commands/demo.js'
import { initCommand } from './commands/init.js'
import { issueCommand } from './commands/issue.js'
import { keyCommand } from './commands/key.js'
import { listCommand } from './commands/list.js'
import { offerCommand } from './commands/offer.js'
import { pdfCommand } from './commands/pdf.js'
import { publishCommand } from './commands/publish.js'
import { reinstateCommand, revokeCommand, suspendCommand } from './commands/revoke.js'
import { unpublishCommand } from './commands/unpublish.js'
import { serveCommand } from './commands/serve.js'
import { storeCommand } from './commands/store.js'
import { verifyCommand } from './commands/verify.js'
import { formatError, usageError } from './lib/cli-error.js'
import { helpText, parseCommandArgs, type Command } from './lib/command.js'
import type { CliIo } from './lib/io.js'

export const COMMANDS: readonly Command[] = [
  initCommand,
  issueCommand,
  revokeCommand,
  suspendCommand,
  reinstateCommand,
  unpublishCommand,
  listCommand,
  keyCommand,
  verifyCommand,
  pdfCommand,
  publishCommand,
  serveCommand,
  offerCommand,
  storeCommand,
  demoCommand,
]

function version(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === '@microcert/cli') return pkg.version ?? '0.0.0'
    } catch {
      // try the next location (dist/ vs src/)
    }
  }
  return '0.0.0'
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'microcert: issue, publish and verify EU micro-credentials (Open Badges 3.0 / W3C Verifiable Credentials).',
    '',
    'Usage: microcert <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "microcert <command> --help" for the options and an example of each command.',
    'A <store> is an issuer directory, or a postgres:// URL for issuing from several machines into one database.',
    'Exit codes: 0 success / verified, 1 not verified or failed work, 2 usage error.',
    '',
    'Example:',
    '  microcert demo          # a demo university, credentials, and a verification site on localhost',
    '',
  ].join('\n')
}

/**
 * Runs the `microcert` command line and resolves to its exit code (0 ok/verified, 1 not verified or failed, 2 usage).
 *
 * @example
 * process.exitCode = await runCli(['verify', 'credential.jwt', '--json'])
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug')
  const [name, ...rest] = argv
  let cmd: Command | undefined
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined
      io.stdout.write(topic === undefined ? mainHelp() : helpText(topic))
      return 0
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${version()}\n`)
      return 0
    }
    cmd = COMMANDS.find((c) => c.name === name)
    if (cmd === undefined) {
      throw usageError(name.startsWith('-') ? `unknown option "${name}" (give a command first)` : `unknown command "${name}"`)
    }
    const args = parseCommandArgs(cmd, [...rest])
    if (args.values['help'] === true) {
      io.stdout.write(helpText(cmd))
      return 0
    }
    return await cmd.run(args, io)
  } catch (err) {
    const { text, exitCode } = formatError(err, debug)
    cmd?.reportError?.(err, rest, io)
    io.stderr.write(text)
    return exitCode
  }
}
