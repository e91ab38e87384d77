import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocertError, parseCertificateId } from '@microcert/core'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { openStore, STORE_HELP, storeArg } from '../lib/store-location.js'
import { createWalletIssuer, storeCredentialLoader, walletStoreOf } from '../lib/wallet-issuer.js'

export const offerCommand: Command = {
  name: 'offer',
  summary: "Offer a credential to the learner's wallet (OpenID4VCI): prints the openid-credential-offer:// URI and a QR code.",
  synopsis:
    'microcert offer <store> <certificate-id> [--pin] [--expires SECONDS] [--png FILE] [--issuer-url URL] [--state DIR] [--json]\n' +
    'microcert offer <store> <certificate-id> --link [--png FILE] [--issuer-url URL] [--state DIR] [--json]',
  optionHelp: [
    ['--pin', 'protect the offer with a 6-digit PIN (tell it to the learner by another channel)'],
    ['--expires SECONDS', 'how long the offer can be redeemed (default 600)'],
    ['--link', "the learner's personal wallet link instead: reusable, each scan gets a fresh offer"],
    ['--png FILE', 'where to write the QR code as PNG (default <certificate-id>-offer.png, -wallet-link.png with --link)'],
    ['--issuer-url URL', 'the issuance server (default <registry>/wallet, where "serve --issue" mounts it)'],
    ['--state DIR', 'where offers live, shared with the server (default <store>/openid4vci; required for postgres://)'],
    ['--json', 'print one JSON object instead of the QR code'],
  ],
  details:
    'The learner scans the QR code with the EU Digital Identity Wallet (or any OpenID4VCI wallet that takes SD-JWT VC)\n' +
    'and receives the micro-credential as an SD-JWT VC bound to the wallet\'s key. An offer is single-use and expires;\n' +
    'the issuance server must be running where --issuer-url says (microcert serve <site> --issue <store>).\n' +
    'With --link: a personal link for the learner only (send it by e-mail), as a wallet URI and as the share page\n' +
    'address that shows it (credentials/<ID>/#wallet=…, on a site published with --wallet-issuer).\n' +
    STORE_HELP,
  examples: ['microcert offer ./issuer MC-37XX-7N95-92BM-J58H-2 --pin', 'microcert offer ./issuer MC-37XX-7N95-92BM-J58H-2 --link'],
  options: {
    pin: { type: 'boolean' },
    expires: { type: 'string' },
    link: { type: 'boolean' },
    png: { type: 'string' },
    'issuer-url': { type: 'string' },
    state: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 2, max: 2, names: 'the issuer store and a certificate ID' },
  async run(args, io) {
    const id = parseCertificateId(args.positionals[1]!)
    const link = flag(args, 'link')
    const expires = str(args, 'expires')
    if (link && (flag(args, 'pin') || expires !== undefined)) throw usageError('--link makes a reusable link: it takes no --pin or --expires', 'offer')
    if (expires !== undefined && (!/^\d+$/.test(expires) || Number(expires) < 30 || Number(expires) > 30 * 24 * 3600)) {
      throw usageError(`--expires must be a number of seconds from 30 to 2592000 (30 days), got "${expires}"`, 'offer')
    }
    const issuerUrl = str(args, 'issuer-url')
    const stateDir = str(args, 'state')
    const issuer = await openStore(io, args.positionals[0]!, { lockTimeout: 15_000 })
    const store = walletStoreOf(issuer)
    try {
      const record = await issuer.get(id)
      if (record === undefined) throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential ${id} in the store "${issuer.location}"`, { details: { certificateId: id } })
      if (record.state === 'revoked') {
        throw new MicrocertError('ERR_STATE_CONFLICT', `${id} is revoked: a revoked credential goes into no wallet`, { details: { certificateId: id, state: record.state } })
      }
    } finally {
      await issuer.close()
    }
    const { wallets, credentialIssuer } = await createWalletIssuer(store, storeCredentialLoader(io, args.positionals[0]!), {
      ...(issuerUrl === undefined ? {} : { issuerUrl }),
      ...(stateDir === undefined ? {} : { stateDir: resolve(io.cwd, stateDir) }),
      command: 'offer',
    })
    const { renderQrPng, renderQrText } = await import('@microcert/openid4vci')
    const png = resolve(io.cwd, str(args, 'png') ?? `${id}-${link ? 'wallet-link' : 'offer'}.png`)
    let uri: string
    let report: Record<string, unknown>
    if (link) {
      const made = await wallets.walletLink(id)
      uri = made.uri
      report = { certificateId: id, uri, offerUrl: made.offerUrl, sharePage: `${store.registryUrl}/credentials/${id}/#wallet=${made.key}`, credentialIssuer, png }
    } else {
      const offer = await wallets.createCredentialOffer(id, { ...(flag(args, 'pin') ? { txCode: true } : {}), ...(expires === undefined ? {} : { expiresIn: Number(expires) }) })
      uri = offer.uri
      report = { certificateId: id, uri, ...(offer.txCode === undefined ? {} : { pin: offer.txCode }), expiresAt: offer.expiresAt.toISOString(), credentialIssuer, png }
    }
    try {
      await writeFile(png, await renderQrPng(uri, { width: 512 }))
    } catch (cause) {
      throw new CliError(`could not write the QR code to "${png}": ${(cause as Error).message}`, 1)
    }
    if (flag(args, 'json')) {
      io.stdout.write(`${JSON.stringify(report)}\n`)
      return 0
    }
    const lines = [await renderQrText(uri), uri, '']
    if (link) {
      lines.push(
        `The personal wallet link of ${id}: for the learner only; each scan gets a fresh single-use offer.`,
        `  share page with the wallet QR code: ${String(report['sharePage'])}`,
        '  (the site must be published with --wallet-issuer ' + credentialIssuer + ')',
      )
    } else {
      lines.push(`Offer of ${id}: single-use, valid until ${String(report['expiresAt'])}.`)
      if (report['pin'] !== undefined) lines.push(`  PIN: ${String(report['pin'])}   (tell it to the learner by another channel than the QR code)`)
    }
    lines.push(
      `  QR code as PNG: ${png}`,
      `  redeemed by the issuance server at ${credentialIssuer} (microcert serve <site> --issue ${storeArg(args.positionals[0]!, issuer)})`,
      '',
    )
    io.stdout.write(lines.join('\n'))
    return 0
  },
}
