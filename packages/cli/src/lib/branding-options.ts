import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocertError } from '@microcert/core'
import type { CertificateBranding } from '@microcert/core/node'
import { usageError } from './cli-error.js'
import { str, type OptionSpec, type ParsedArgs } from './command.js'
import type { CliIo } from './io.js'

/** The PDF branding options `pdf` and `publish` share. */
export const BRANDING_OPTIONS: OptionSpec = {
  logo: { type: 'string' },
  accent: { type: 'string' },
  signatory: { type: 'string' },
  'signatory-role': { type: 'string' },
}

export const BRANDING_HELP: [string, string][] = [
  ['--logo FILE', 'the issuer logo on the PDF, PNG or JPEG'],
  ['--accent COLOUR', 'accent colour as #rrggbb (default #1d3f73)'],
  ['--signatory NAME', 'who signs for the awarding body, printed under a signature line'],
  ['--signatory-role ROLE', "the signatory's role, e.g. Rector"],
]

/** Reads `--logo`, `--accent`, `--signatory` and `--signatory-role`; usage errors name `command`. */
export async function brandingFromArgs(args: ParsedArgs, io: CliIo, command: string): Promise<CertificateBranding> {
  const accent = str(args, 'accent')
  if (accent !== undefined && !/^#[0-9a-f]{6}$/i.test(accent)) throw usageError(`--accent must be a colour like #1d3f73, got "${accent}"`, command)
  const role = str(args, 'signatory-role')
  const signatory = str(args, 'signatory')
  if (role !== undefined && signatory === undefined) throw usageError('--signatory-role needs --signatory', command)
  const branding: CertificateBranding = {}
  if (accent !== undefined) branding.accentColor = accent
  if (signatory !== undefined) branding.signatory = role === undefined ? { name: signatory } : { name: signatory, role }
  const logo = str(args, 'logo')
  if (logo !== undefined) {
    try {
      branding.logo = new Uint8Array(await readFile(resolve(io.cwd, logo)))
    } catch (cause) {
      throw new MicrocertError('ERR_INPUT_INVALID', `Cannot read the logo "${logo}"`, { cause, details: { issues: [`--logo: ${(cause as Error).message}`] } })
    }
  }
  return branding
}
