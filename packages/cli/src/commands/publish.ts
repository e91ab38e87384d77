import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'

/** Path of the widget's one-file CDN bundle (`@microcert/verify-widget/microcert-verify.js`). */
export function widgetScriptPath(): string {
  const require = createRequire(import.meta.url)
  let path: string
  try {
    path = require.resolve('@microcert/verify-widget/microcert-verify.js')
  } catch (e) {
    throw new CliError('cannot find the package @microcert/verify-widget', 1, 'install it next to @microcert/cli')
  }
  if (!existsSync(path)) {
    throw new CliError(`the widget bundle "${path}" is missing`, 1, 'build it first: pnpm build (or pass --widget FILE)')
  }
  return path
}

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Write the static registry site: DID document, credentials, status lists, schema and the verify pages.',
  synopsis: 'microcert publish <store> --out <site> [--title TEXT] [--widget FILE] [--json]',
  optionHelp: [
    ['--out DIR', 'where to write the site (upload it to any static host)'],
    ['--title TEXT', 'site title on the generated pages (default: the issuer name)'],
    ['--widget FILE', 'microcert-verify.js to copy into the site (default: the one of @microcert/verify-widget)'],
    ['--status-list-days N', 'how long the published status lists stay valid (default 30); publish again before then'],
    ['--json', 'print the publish report as JSON'],
  ],
  details:
    'Run it after every issue/revoke/suspend/reinstate, and at least once per --status-list-days: verifiers\n' +
    'refuse a status list past its validUntil. Host the site at the registry URL given to "init", with\n' +
    'cross-origin GET allowed (microcert serve does this locally). Warnings go to stderr.\n' +
    STORE_HELP,
  examples: ['microcert publish ./issuer --out ./site && microcert serve ./site'],
  options: {
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
    widget: { type: 'string' },
    'status-list-days': { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1, names: 'the issuer store' },
  async run(args, io) {
    const out = str(args, 'out')
    if (out === undefined) throw usageError('missing --out <site>', 'publish')
    const widget = str(args, 'widget')
    const widgetScript = widget === undefined ? widgetScriptPath() : resolve(io.cwd, widget)
    if (!existsSync(widgetScript)) throw new CliError(`"${widgetScript}" does not exist`, 1)
    const days = str(args, 'status-list-days')
    if (days !== undefined && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 3660)) {
      throw usageError(`--status-list-days must be a whole number of days from 1 to 3660, got "${days}"`, 'publish')
    }
    const issuer = await openStore(io, args.positionals[0]!)
    try {
      const title = str(args, 'title')
      const report = await issuer.publish(resolve(io.cwd, out), {
        widgetScript,
        ...(title === undefined ? {} : { siteTitle: title }),
        ...(days === undefined ? {} : { statusListValidity: Number(days) * 24 * 3600 * 1000 }),
      })
      for (const warning of report.warnings) io.stderr.write(`warning: ${warning}\n`)
      if (flag(args, 'json')) io.stdout.write(`${JSON.stringify(report)}\n`)
      else io.stdout.write(`Published to ${resolve(io.cwd, out)}\n${summarize(report)}Try it: microcert serve ${out}\n`)
    } finally {
      await issuer.close()
    }
    return 0
  },
}

function summarize(report: unknown): string {
  if (report === null || typeof report !== 'object') return ''
  const parts = Object.entries(report as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => `  ${k}: ${String(v)}`)
  return parts.length > 0 ? `${parts.join('\n')}\n` : ''
}
