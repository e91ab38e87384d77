import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CliError } from '../lib/cli-error.js'
import { portOption, str, type Command } from '../lib/command.js'
import { startStaticServer, type Mount } from '../lib/static-server.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'
import { createWalletIssuer, storeCredentialLoader, walletMount, walletStoreOf, type WalletStore } from '../lib/wallet-issuer.js'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a published registry site on this machine (static files, CORS on, read-only); with --issue, also put credentials into wallets.',
  synopsis: 'microcert serve <site> [--port N] [--host ADDRESS] [--issue <store> [--issuer-url URL] [--state DIR]]',
  optionHelp: [
    ['--port N', 'port to listen on (default 8080; 0 picks a free port)'],
    ['--host ADDRESS', 'address to listen on (default 127.0.0.1, this machine only)'],
    ['--issue STORE', 'also run the OpenID4VCI issuance server of this issuer store (SD-JWT VC into EU wallets)'],
    ['--issuer-url URL', 'the issuance server\'s public URL (default <served URL>/wallet, where it is mounted)'],
    ['--state DIR', 'where offers and tokens live (default <store>/openid4vci; required for a postgres:// store)'],
  ],
  details:
    'Serves GET/HEAD with Access-Control-Allow-Origin: *, index.html for directories, and refuses paths outside\n' +
    '<site> and dot-files. Credentials (.jwt) are sent as text/plain, Token Status Lists as\n' +
    'application/statuslist+jwt, the vct type metadata and JWT VC Issuer Metadata as JSON. With --issue, the\n' +
    'issuance server answers below /wallet (metadata, token, nonce, credential, wallet links): redeem there the\n' +
    'offers "microcert offer" prints. Stop with Ctrl+C.\n' +
    STORE_HELP,
  examples: ['microcert serve ./site --port 8080', 'microcert serve ./site --issue ./issuer'],
  options: {
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    issue: { type: 'string' },
    'issuer-url': { type: 'string' },
    state: { type: 'string' },
  },
  positionals: { min: 1, max: 1, names: 'the site directory' },
  async run(args, io) {
    const site = resolve(io.cwd, args.positionals[0]!)
    const info = await stat(site).catch(() => undefined)
    if (info === undefined || !info.isDirectory()) {
      throw new CliError(`"${site}" is not a directory`, 1, 'publish a site first: microcert publish <dir> --out <site>')
    }
    const port = portOption(args, 'serve', 8080)
    const host = str(args, 'host') ?? '127.0.0.1'
    const store = str(args, 'issue')
    for (const option of ['issuer-url', 'state']) {
      if (str(args, option) !== undefined && store === undefined) throw new CliError(`--${option} needs --issue <store>`, 2, 'run "microcert serve --help" for usage')
    }
    // The store is read once here and again for each wallet request, never held: other commands keep working on it.
    let issuer: WalletStore | undefined
    if (store !== undefined) {
      const opened = await openStore(io, store)
      issuer = walletStoreOf(opened)
      await opened.close()
    }
    // The server must listen before the issuance URL is known when the port is picked (--port 0): mount it then.
    const mounts: Mount[] = []
    const server = await startStaticServer(site, { port, host, mounts })
    try {
      let credentialIssuer: string | undefined
      if (issuer !== undefined) {
        const issuerUrl = str(args, 'issuer-url')
        const stateDir = str(args, 'state')
        const made = await createWalletIssuer(issuer, storeCredentialLoader(io, store!), {
          issuerUrl: issuerUrl ?? `${server.url}/wallet`,
          ...(stateDir === undefined ? {} : { stateDir: resolve(io.cwd, stateDir) }),
          command: 'serve',
        })
        mounts.push(walletMount(made.wallets, made.credentialIssuer))
        credentialIssuer = made.credentialIssuer
      }
      io.stdout.write(`Serving ${site}\n  ${server.url}/\n`)
      if (credentialIssuer !== undefined) {
        io.stdout.write(
          `Issuing to wallets (OpenID4VCI) for ${issuer!.did}\n  ${credentialIssuer}\n  make an offer: microcert offer ${store} <certificate-id> --issuer-url ${credentialIssuer}\n`,
        )
      }
      io.stdout.write('Press Ctrl+C to stop.\n')
      await waitForAbort(io.signal)
    } finally {
      await server.close()
    }
    return 0
  },
}

export function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((ok) => {
    if (signal.aborted) return ok()
    signal.addEventListener('abort', () => ok(), { once: true })
  })
}
