import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { CliIo } from './io.js'
import { usageError } from './cli-error.js'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

/** One `microcert <name>` command: help text, options, and what it does. Returns the exit code. */
export interface Command {
  name: string
  summary: string
  /** `microcert <name> …` synopsis lines. */
  synopsis: string
  /** Option lines for --help. */
  optionHelp: [string, string][]
  examples: string[]
  details?: string
  options: OptionSpec
  positionals: { min: number; max: number; names: string }
  run(args: ParsedArgs, io: CliIo): Promise<number>
  /** Reports a failure of this command (usage included) on stdout too, e.g. as the one JSON result of `--json`. */
  reportError?(error: unknown, argv: readonly string[], io: CliIo): void
}

const COMMON: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
}

export function helpText(cmd: Command): string {
  const width = Math.max(...cmd.optionHelp.map(([o]) => o.length), 12)
  const lines = [
    `${cmd.summary}`,
    '',
    'Usage:',
    ...cmd.synopsis.split('\n').map((s) => `  ${s}`),
    '',
    'Options:',
    ...[...cmd.optionHelp, ['--debug', 'print stack traces of unexpected errors'], ['-h, --help', 'show this help']].map(
      ([o, d]) => `  ${o!.padEnd(width)}  ${d}`,
    ),
  ]
  if (cmd.details !== undefined) lines.push('', ...cmd.details.split('\n'))
  lines.push('', cmd.examples.length > 1 ? 'Examples:' : 'Example:', ...cmd.examples.map((e) => `  ${e}`))
  return `${lines.join('\n')}\n`
}

/** Parses argv for a command; unknown options, missing values and wrong positional counts are usage errors (exit 2). */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON, ...cmd.options }, allowPositionals: true, strict: true })
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '') : String(e)
    throw usageError(msg, cmd.name)
  }
  const values = parsed.values as ParsedArgs['values']
  if (values['help'] === true) return { values, positionals: parsed.positionals }
  const n = parsed.positionals.length
  if (n < cmd.positionals.min) throw usageError(`missing ${cmd.positionals.names}`, cmd.name)
  if (n > cmd.positionals.max) {
    throw usageError(`unexpected argument "${parsed.positionals[cmd.positionals.max]}"`, cmd.name)
  }
  return { values, positionals: parsed.positionals }
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name]
  return typeof v === 'string' ? v : undefined
}

export function strs(args: ParsedArgs, name: string): string[] {
  const v = args.values[name]
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true
}

/** Parses `--port`: an integer 0–65535 (0 picks a free port). */
export function portOption(args: ParsedArgs, command: string, fallback: number): number {
  const raw = str(args, 'port')
  if (raw === undefined) return fallback
  const port = Number(raw)
  if (!/^\d+$/.test(raw) || port > 65535) throw usageError(`--port must be a number from 0 to 65535, got "${raw}"`, command)
  return port
}
