import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MicrocertError, parseCertificateId } from '@microcert/core'
import { renderCertificatePdf, type CertificateBranding } from '@microcert/core/node'
import { usageError } from '../lib/cli-error.js'
import { str, type Command } from '../lib/command.js'
import { openStore, STORE_HELP } from '../lib/store-location.js'

export const pdfCommand: Command = {
  name: 'pdf',
  summary: 'Write the PDF certificate of a credential (QR code to its verification page, the signed credential inside).',
  synopsis:
    'microcert pdf <store> <certificate-id> [--out FILE] [--lang cs,en] [--logo FILE] [--accent #rrggbb]\n' +
    '              [--signatory NAME [--signatory-role ROLE]]',
  optionHelp: [
    ['--out FILE', 'where to write the PDF (default <certificate-id>.pdf in the current directory)'],
    ['--lang LIST', 'languages of the labels, main one first, 1 to 4 of the 24 EU languages (default: the issuer country\'s, then en)'],
    ['--logo FILE', 'the issuer logo, PNG or JPEG'],
    ['--accent COLOUR', 'accent colour as #rrggbb (default #1d3f73)'],
    ['--signatory NAME', 'who signs for the awarding body, printed under a signature line'],
    ['--signatory-role ROLE', "the signatory's role, e.g. Rector"],
  ],
  details:
    'The PDF verifies by itself: "microcert verify" and the <microcert-verify> widget read the credential attached\n' +
    'inside it, and its QR code opens the registry\'s verification page.\n' + STORE_HELP,
  examples: [
    'microcert pdf ./issuer MC-37XX-7N95-92BM-J58H-2 --lang cs,en --signatory "prof. Jana Dvořáková" --signatory-role Rektorka',
  ],
  options: {
    out: { type: 'string', short: 'o' },
    lang: { type: 'string' },
    logo: { type: 'string' },
    accent: { type: 'string' },
    signatory: { type: 'string' },
    'signatory-role': { type: 'string' },
  },
  positionals: { min: 2, max: 2, names: 'the issuer store and a certificate ID' },
  async run(args, io) {
    const id = parseCertificateId(args.positionals[1]!)
    const accent = str(args, 'accent')
    if (accent !== undefined && !/^#[0-9a-f]{6}$/i.test(accent)) throw usageError(`--accent must be a colour like #1d3f73, got "${accent}"`, 'pdf')
    const role = str(args, 'signatory-role')
    const signatory = str(args, 'signatory')
    if (role !== undefined && signatory === undefined) throw usageError('--signatory-role needs --signatory', 'pdf')
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
    const lang = str(args, 'lang')
    const issuer = await openStore(io, args.positionals[0]!)
    let pdf: Uint8Array
    try {
      const record = await issuer.get(id)
      if (record === undefined) throw new MicrocertError('ERR_RECORD_NOT_FOUND', `No credential ${id} in the store "${issuer.location}"`, { details: { certificateId: id } })
      try {
        pdf = await renderCertificatePdf(record.jwt, { ...(lang === undefined ? {} : { languages: lang }), branding })
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
    io.stdout.write(`Wrote ${out} (${Math.round(pdf.length / 1024)} KB): the certificate of ${id}, with the signed credential attached\n`)
    return 0
  },
}
