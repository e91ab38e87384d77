import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { PublishOptions } from '@microcert/core/node'
import { BRANDING_HELP, BRANDING_OPTIONS, brandingFromArgs } from '../lib/branding-options.js'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, type Command, type ParsedArgs } from '../lib/command.js'
import type { CliIo } from '../lib/io.js'
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

/** Which command-line option each publish option comes from, for usage errors. */
const OPTION_OF: Readonly<Record<string, string>> = {
  'publish languages': '--lang',
  'publish shareLanguages': '--share-lang',
  'publish pdfOptions.languages': '--pdf-lang',
}

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Write the static registry site: DID document, credentials, PDFs, share pages, status lists, schema and the verify pages.',
  synopsis:
    'microcert publish <store> --out <site> [--title TEXT] [--widget FILE] [--no-pdf] [--lang LIST] [--share-lang LIST]\n' +
    '                  [--pdf-lang LIST] [--index-credentials] [--wallet-issuer URL] [--trust-list URL] [--json]',
  optionHelp: [
    ['--out DIR', 'where to write the site (upload it to any static host)'],
    ['--title TEXT', 'site title on the generated pages (default: the issuer name)'],
    ['--widget FILE', 'microcert-verify.js to copy into the site (default: the one of @microcert/verify-widget)'],
    ['--status-list-days N', 'how long the published status lists stay valid (default 30); publish again before then'],
    ['--no-pdf', 'write no PDF certificates (credentials/<ID>.pdf)'],
    ['--lang LIST', 'languages of the registry pages, default first (default: all 24, the issuer country\'s first, then en)'],
    ['--share-lang LIST', "languages of each credential's share page (default: the issuer country's, then en)"],
    ['--pdf-lang LIST', "languages of the PDFs' labels, 1 to 4 (default: the issuer country's, then en)"],
    ...BRANDING_HELP,
    ['--index-credentials', 'let search engines list the share pages (default: noindex, robots.txt keeps them out)'],
    ['--wallet-issuer URL', 'the OpenID4VCI server (serve --issue, default path /wallet): share pages then offer "Add to your wallet"'],
    ['--trust-list URL', 'a trust list the checkers on the pages trust, besides the issuer'],
    ['--json', 'print the publish report as JSON'],
  ],
  details:
    'Run it after every issue/revoke/suspend/reinstate, and at least once per --status-list-days: verifiers\n' +
    'refuse a status list past its validUntil. Host the site at the registry URL given to "init", with\n' +
    'cross-origin GET allowed (microcert serve does this locally). PDFs and preview images whose credential and\n' +
    'options did not change are carried over from the earlier site. Warnings go to stderr.\n' +
    STORE_HELP,
  examples: ['microcert publish ./issuer --out ./site && microcert serve ./site', 'microcert publish ./issuer --out ./site --lang cs,en,de --no-pdf'],
  options: {
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
    widget: { type: 'string' },
    'status-list-days': { type: 'string' },
    'no-pdf': { type: 'boolean' },
    lang: { type: 'string' },
    'share-lang': { type: 'string' },
    'pdf-lang': { type: 'string' },
    ...BRANDING_OPTIONS,
    'index-credentials': { type: 'boolean' },
    'wallet-issuer': { type: 'string' },
    'trust-list': { type: 'string' },
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
    const options: PublishOptions = { widgetScript, ...(await publishOptionsFromArgs(args, io)) }
    if (days !== undefined) options.statusListValidity = Number(days) * 24 * 3600 * 1000
    const issuer = await openStore(io, args.positionals[0]!)
    try {
      let report: Awaited<ReturnType<typeof issuer.publish>>
      try {
        report = await issuer.publish(resolve(io.cwd, out), options)
      } catch (error) {
        const option = error instanceof TypeError ? Object.entries(OPTION_OF).find(([prefix]) => error.message.startsWith(`${prefix}:`)) : undefined
        if (option !== undefined) throw usageError(`${option[1]}${(error as Error).message.slice(option[0].length)}`, 'publish')
        throw error
      }
      for (const warning of report.warnings) io.stderr.write(`warning: ${warning}\n`)
      if (flag(args, 'json')) io.stdout.write(`${JSON.stringify(report)}\n`)
      else io.stdout.write(`Published to ${resolve(io.cwd, out)}\n${summarize(report)}Try it: microcert serve ${out}\n`)
    } finally {
      await issuer.close()
    }
    return 0
  },
}

/** The publish options every command-line flag but --out, --widget and --status-list-days stands for. */
export async function publishOptionsFromArgs(args: ParsedArgs, io: CliIo): Promise<PublishOptions> {
  const options: PublishOptions = {}
  const title = str(args, 'title')
  if (title !== undefined) options.siteTitle = title
  if (flag(args, 'no-pdf')) options.pdf = false
  const lang = str(args, 'lang')
  if (lang !== undefined) options.languages = lang
  const shareLang = str(args, 'share-lang')
  if (shareLang !== undefined) options.shareLanguages = shareLang
  const branding = await brandingFromArgs(args, io, 'publish')
  const pdfLang = str(args, 'pdf-lang')
  if (pdfLang !== undefined || Object.keys(branding).length > 0) {
    options.pdfOptions = { ...(pdfLang === undefined ? {} : { languages: pdfLang }), ...(Object.keys(branding).length > 0 ? { branding } : {}) }
  }
  if (flag(args, 'index-credentials')) options.indexCredentials = true
  const walletIssuer = str(args, 'wallet-issuer')
  if (walletIssuer !== undefined) {
    if (!/^https?:\/\/[^\s?#]+$/.test(walletIssuer)) throw usageError(`--wallet-issuer must be an http(s) URL without query, got "${walletIssuer}"`, 'publish')
    options.walletIssuer = walletIssuer.replace(/\/+$/, '')
  }
  const trustList = str(args, 'trust-list')
  if (trustList !== undefined) {
    if (!/^https?:\/\/\S+$/.test(trustList)) throw usageError(`--trust-list must be an http(s) URL, got "${trustList}"`, 'publish')
    options.trustList = trustList
  }
  return options
}

function summarize(report: unknown): string {
  if (report === null || typeof report !== 'object') return ''
  const parts = Object.entries(report as Record<string, unknown>)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => `  ${k}: ${String(v)}`)
  return parts.length > 0 ? `${parts.join('\n')}\n` : ''
}
