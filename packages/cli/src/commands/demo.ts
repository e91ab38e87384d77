import { existsSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMicrocertError, parseCertificateId } from '@microcert/core'
import { createIssuer, EU_LANGUAGES, type IssueInput } from '@microcert/core/node'
import { CliError } from '../lib/cli-error.js'
import { flag, portOption, str, type Command } from '../lib/command.js'
import { openCsvRows } from '../lib/csv-batch.js'
import { readJsonFile } from '../lib/read-json-file.js'
import { courseToBase } from '../lib/row-to-input.js'
import { startStaticServer, type Mount } from '../lib/static-server.js'
import { createWalletIssuer, defaultIssuerUrl, storeCredentialLoader, walletMount, walletStoreOf, type WalletStore } from '../lib/wallet-issuer.js'
import { widgetScriptPath } from './publish.js'
import { waitForAbort } from './serve.js'

const MARKER = '.microcert-demo'
const COURSES = ['applied-ai', 'plastics', 'programming-basics'] as const
const REVOKE = {
  course: 'applied-ai',
  learner: 'Jiří Procházka',
  reason: 'Issued in error: the final project did not meet the assessment criteria (decision of the programme board).',
}
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Where the sample courses and learners are: --data, next to the bundle (dist/demo-data), or examples/data in the repo. */
export function findDemoData(explicit?: string): string {
  if (explicit !== undefined) return explicit
  let dir = dirname(fileURLToPath(import.meta.url))
  const bundled = join(dir, 'demo-data')
  if (existsSync(join(bundled, 'issuer.json'))) return bundled
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'examples', 'data')
    if (existsSync(join(candidate, 'issuer.json'))) return candidate
    dir = dirname(dir)
  }
  throw new CliError('cannot find the sample data (examples/data)', 1, 'pass --data <dir> pointing at examples/data')
}

/** A certificate ID with one character changed so that its check character no longer matches. */
export function makeTypo(id: string): string {
  for (let pos = id.length - 3; pos > 3; pos--) {
    const ch = id[pos]!
    if (ch === '-') continue
    for (const repl of CROCKFORD) {
      if (repl === ch) continue
      const cand = id.slice(0, pos) + repl + id.slice(pos + 1)
      try {
        parseCertificateId(cand)
      } catch (e) {
        if (isMicrocertError(e) && e.details?.['reason'] === 'typo') return cand
      }
    }
  }
  throw new Error(`could not make a typo of ${id}`)
}

async function prepareOut(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => undefined)
  if (entries !== undefined && entries.length > 0) {
    if (!entries.includes(MARKER)) {
      throw new CliError(`"${out}" is not empty and was not made by "microcert demo"; refusing to overwrite it`, 2, 'pick another --out DIR')
    }
    await rm(out, { recursive: true, force: true })
  }
  await mkdir(join(out, 'site'), { recursive: true })
  await writeFile(join(out, MARKER), 'This directory was made by "microcert demo"; the next demo run replaces it.\n')
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the whole product locally: a demo university issues the sample credentials, revokes one, publishes (PDFs, share pages) and serves a site that also issues to wallets.',
  synopsis: 'microcert demo [--out DIR] [--port N] [--no-serve] [--json]',
  optionHelp: [
    ['--out DIR', 'demo directory (default .demo): DIR/issuer is the issuer store, DIR/site the published site'],
    ['--port N', 'port of the local site (default 8080; 0 picks a free one)'],
    ['--no-serve', 'write the site and exit instead of serving it'],
    ['--data DIR', 'sample data directory (default: examples/data)'],
    ['--widget FILE', 'microcert-verify.js to put in the site (default: the built @microcert/verify-widget)'],
    ['--json', 'print one JSON line with the URLs and certificate IDs when ready'],
  ],
  details:
    'The issuer is did:web:localhost%3A<port> with its registry at http://localhost:<port>; verifying it needs the\n' +
    'localhost-http opt-in, which the demo pages set. The site has a PDF certificate and a share page (in the 24 EU\n' +
    'languages) per credential; the OpenID4VCI issuance server runs at /wallet, and one learner\'s personal share link\n' +
    'shows a QR code that puts the credential into a wallet. The demo directory is replaced on every run.',
  examples: ['microcert demo --port 8080', 'microcert demo --out /tmp/mc-demo --no-serve'],
  options: {
    out: { type: 'string', short: 'o' },
    port: { type: 'string', short: 'p' },
    'no-serve': { type: 'boolean' },
    data: { type: 'string' },
    widget: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0, names: '' },
  async run(args, io) {
    const out = resolve(io.cwd, str(args, 'out') ?? '.demo')
    const serve = !flag(args, 'no-serve')
    const json = flag(args, 'json')
    const dataOption = str(args, 'data')
    const data = findDemoData(dataOption === undefined ? undefined : resolve(io.cwd, dataOption))
    const widgetOption = str(args, 'widget')
    const widgetScript = widgetOption === undefined ? widgetScriptPath() : resolve(io.cwd, widgetOption)
    let port = portOption(args, 'demo', 8080)
    await prepareOut(out)
    const site = join(out, 'site')
    const store = join(out, 'issuer')
    const mounts: Mount[] = []
    const server = serve ? await startStaticServer(site, { port, mounts }) : undefined
    try {
      if (server !== undefined) port = server.port
      else if (port === 0) port = 8080
      const registry = `http://localhost:${port}`
      const did = `did:web:localhost%3A${port}`
      const profile = (await readJsonFile(join(data, 'issuer.json'))) as { name: string; country: string; region?: string; email?: string }
      const log = (text: string): void => {
        if (!json) io.stdout.write(text)
      }
      log(`Creating the demo issuer ${did} in ${store}\n`)
      const issuer = await createIssuer(store, {
        did,
        name: profile.name,
        country: profile.country,
        url: registry,
        ...(profile.region === undefined ? {} : { region: profile.region }),
        ...(profile.email === undefined ? {} : { email: profile.email }),
      })
      const ids: Record<string, { certificateId: string; learner: string }[]> = {}
      let revoked: { certificateId: string; reason: string } | undefined
      let walletStore: WalletStore
      let report: Awaited<ReturnType<typeof issuer.publish>>
      try {
        for (const course of COURSES) {
          const base = courseToBase(await readJsonFile(join(data, 'courses', `${course}.json`)))
          const csv = await openCsvRows(join(data, 'learners', `${course}.csv`), base, issuer.profile)
          const learners: string[] = []
          async function* rows(): AsyncGenerator<{ rowKey: string; input: IssueInput }> {
            for await (const r of csv.rows) {
              learners.push(r.input.learner.name)
              yield r
            }
          }
          const batch = await issuer.issueBatch(rows(), {})
          const problems = [...csv.state.failures.map((f) => `line ${f.line}: ${f.issues.join('; ')}`), ...batch.failed.map((f) => `row ${f.row}: ${f.issues.join('; ')}`)]
          if (problems.length > 0) throw new CliError(`sample data ${course}: ${problems.join(' | ')}`, 1)
          ids[course] = batch.issued.map((r, i) => ({ certificateId: r.certificateId, learner: learners[i] ?? '' }))
          const a = base['achievement'] as { title: string }
          log(`Issued ${batch.issued.length} × "${a.title}"\n`)
        }
        const target = ids[REVOKE.course]!.find((r) => r.learner === REVOKE.learner) ?? ids[REVOKE.course]![1]!
        await issuer.revoke(target.certificateId, { reason: REVOKE.reason })
        revoked = { certificateId: target.certificateId, reason: REVOKE.reason }
        log(`Revoked ${target.certificateId} (${target.learner})\n`)
        const trustList = {
          name: 'Demo trust list of accredited micro-credential issuers',
          issuers: [{ id: did, name: profile.name, country: profile.country, accreditation: 'Institutional accreditation (demo)', url: registry }],
          updated: new Date().toISOString(),
        }
        log('Publishing the site: credentials, PDF certificates, share pages in 24 languages, status lists for verifiers and wallets…\n')
        report = await issuer.publish(site, {
          widgetScript,
          siteTitle: profile.name,
          // English first, so the demo opens in English; a Czech university's own default would be Czech first.
          languages: ['en', ...EU_LANGUAGES.filter((lang) => lang !== 'en')],
          shareLanguages: ['en', ...EU_LANGUAGES.filter((lang) => lang !== 'en')],
          pdfOptions: { languages: ['en', 'cs'] },
          trustList: `${registry}/trust-list.json`,
          walletIssuer: defaultIssuerUrl(registry),
          pages: { 'trust-list.json': `${JSON.stringify(trustList, null, 2)}\n` },
        })
        walletStore = walletStoreOf(issuer)
      } finally {
        await issuer.close()
      }
      // The issuance server reads the store for each wallet request, so the store stays free for other commands.
      const { wallets, credentialIssuer } = await createWalletIssuer(walletStore, storeCredentialLoader(io, store), { command: 'demo' })
      mounts.push(walletMount(wallets, credentialIssuer))
      const valid = ids['applied-ai']![0]!
      const walletLink = await wallets.walletLink(valid.certificateId)
      const info = {
        url: `${registry}/`,
        verifyUrl: `${registry}/verify/?id=${valid.certificateId}`,
        employerUrl: `${registry}/employer/`,
        shareUrl: `${registry}/credentials/${valid.certificateId}/`,
        walletShareUrl: `${registry}/credentials/${valid.certificateId}/#wallet=${walletLink.key}`,
        pdfUrl: `${registry}/credentials/${valid.certificateId}.pdf`,
        pdfFile: join(site, 'credentials', `${valid.certificateId}.pdf`),
        trustListUrl: `${registry}/trust-list.json`,
        credentialIssuer,
        did,
        registry,
        site,
        store,
        valid: valid.certificateId,
        validLearner: valid.learner,
        revoked: revoked.certificateId,
        revokedReason: revoked.reason,
        typo: makeTypo(valid.certificateId),
        issued: Object.values(ids).reduce((n, l) => n + l.length, 0),
        pdfs: report.pdfs,
        sharePages: report.sharePages,
      }
      await writeFile(join(out, 'demo.json'), `${JSON.stringify(info, null, 2)}\n`)
      if (json) io.stdout.write(`${JSON.stringify(info)}\n`)
      else {
        io.stdout.write(
          [
            '',
            `Demo ready: ${profile.name}`,
            `  university page (checker):   ${info.url}`,
            `  employer checker:            ${info.employerUrl}`,
            `  a learner's share page:      ${info.shareUrl}`,
            `  the learner's own link, with a wallet QR code (personal, do not share):`,
            `                               ${info.walletShareUrl}`,
            `  a PDF certificate to try:    ${info.pdfFile}`,
            `                               ${info.pdfUrl}  (its QR code opens the verification page)`,
            '',
            'Certificate IDs to try:',
            `  valid:    ${info.valid}   (${valid.learner}, Applied Artificial Intelligence for Technical Innovation)`,
            `  revoked:  ${info.revoked}   (${REVOKE.reason})`,
            `  typo:     ${info.typo}   (one character changed: caught before any request)`,
            '',
            'From a terminal:',
            `  pnpm microcert verify ${info.valid} --registry ${registry} --trust ${did} --allow-localhost-http`,
            `  pnpm microcert offer ${store} ${info.valid} --pin --issuer-url ${credentialIssuer}`,
            '',
            serve ? 'Press Ctrl+C to stop.' : `Site written to ${site} (not served: --no-serve).`,
            '',
          ].join('\n'),
        )
      }
      if (server !== undefined) await waitForAbort(io.signal)
      return 0
    } finally {
      await server?.close()
    }
  },
}

