import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocertError, parseCertificateId } from '@microcert/core'
import { renderCertificatePdf } from '@microcert/core/node'
import { BRANDING_HELP, BRANDING_OPTIONS, brandingFromArgs } from '../lib/branding-options.js'
import { usageError } from '../lib/cli-error.js'
import { flag, str, type Command } from '../lib/command.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'
import { createWalletIssuer, storeCredentialLoader, walletStoreOf } from '../lib/wallet-issuer.js'

export const pdfCommand: Command = {
  name: 'pdf',
  summary: 'Write the PDF certificate of a credential (QR code to its verification page, the signed credential inside).',
  synopsis:
    'microcert pdf <store> <certificate-id> [--out FILE] [--lang cs,en] [--logo FILE] [--accent #rrggbb]\n' +
    '              [--signatory NAME [--signatory-role ROLE]] [--wallet [--issuer-url URL] [--state DIR]]',
  optionHelp: [
    ['--out FILE', 'where to write the PDF (default <certificate-id>.pdf in the current directory)'],
    ['--lang LIST', 'languages of the labels, main one first, 1 to 4 of the 24 EU languages (default: the issuer country\'s, then en)'],
    ...BRANDING_HELP,
    ['--wallet', "the learner's own copy: adds a second QR code, their personal wallet link (see microcert offer --link)"],
    ['--issuer-url URL', 'with --wallet: the issuance server (default <registry>/wallet)'],
    ['--state DIR', 'with --wallet: the issuance state directory (default <store>/openid4vci; required for postgres://)'],
  ],
  details:
    'The PDF verifies by itself: "microcert verify" and the <microcert-verify> widget read the credential attached\n' +
    'inside it, and its QR code opens the registry\'s verification page. A PDF made with --wallet is for the learner\n' +
    'only (its wallet QR code is personal); the registry publishes PDFs without it.\n' + STORE_HELP,
  examples: [
    'microcert pdf ./issuer MC-37XX-7N95-92BM-J58H-2 --lang cs,en --signatory "prof. Jana Dvořáková" --signatory-role Rektorka',
  ],
  options: {
    out: { type: 'string', short: 'o' },
    lang: { type: 'string' },
    ...BRANDING_OPTIONS,
    wallet: { type: 'boolean' },
    'issuer-url': { type: 'string' },
    state: { type: 'string' },
  },
  positionals: { min: 2, max: 2, names: 'the issuer store and a certificate ID' },
  async run(args, io) {
    const id = parseCertificateId(args.positionals[1]!)
    const branding = await brandingFromArgs(args, io, 'pdf')
    const wallet = flag(args, 'wallet')
    for (const option of ['issuer-url', 'state']) {
      if (str(args, option) !== undefined && !wallet) throw usageError(`--${option} needs --wallet`, 'pdf')
    }
    const lang = str(args, 'lang')
    const issuer = await openStore(io, args.positionals[0]!)
    let pdf: Uint8Array
    try {
      const record = await issuer.get(id)
      if (record === undefined) throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential ${id} in the store "${issuer.location}"`, { details: { certificateId: id } })
      let walletOffer: string | undefined
      if (wallet) {
        const issuerUrl = str(args, 'issuer-url')
        const stateDir = str(args, 'state')
        const { wallets } = await createWalletIssuer(walletStoreOf(issuer), storeCredentialLoader(io, args.positionals[0]!), {
          ...(issuerUrl === undefined ? {} : { issuerUrl }),
          ...(stateDir === undefined ? {} : { stateDir: resolve(io.cwd, stateDir) }),
          command: 'pdf',
        })
        walletOffer = (await wallets.walletLink(id)).uri
      }
      try {
        pdf = await renderCertificatePdf(record.credential, {
          ...(lang === undefined ? {} : { languages: lang }),
          branding,
          ...(walletOffer === undefined ? {} : { walletOffer }),
        })
      } catch (error) {
        if (error instanceof TypeError && /languages/.test(error.message)) throw usageError(error.message.replace(/^renderCertificatePdf languages: /, '--lang: '), 'pdf')
        throw error
      }
    } finally {
      await issuer.close()
    }
    const out = resolve(io.cwd, str(args, 'out') ?? `${id}.pdf`)
    try {
      await writeFile(out, pdf)
    } catch (cause) {
      throw new MicrocertError('ERR_WRITE_FAILED', `Could not write "${out}"`, { cause, details: { path: out } })
    }
    io.stdout.write(
      `Wrote ${out} (${Math.round(pdf.length / 1024)} KB): the certificate of ${id}, with the signed credential attached${wallet ? ' and the learner\'s personal wallet QR code (do not publish this copy)' : ''}\n`,
    )
    return 0
  },
}
