// PDF certificates: render one (what publish will do per credential), read its credential back (what the widget
// does with a dropped PDF), and the size of the file. Signing a credential runs in the same slices as a yardstick.
import { buildCredential } from '../src/build-credential.js'
import { extractCredentialFromPdf } from '../src/extract-credential-from-pdf.js'
import { renderCertificatePdf } from '../src/node/render-certificate-pdf.js'
import { signCredential } from '../src/sign-credential.js'
import { CREDENTIAL_ID, fullInput, NOW, signers } from '../test/helpers.js'
import { compare } from './lib.js'

export async function run(): Promise<void> {
  const signer = await signers.es()
  const credential = buildCredential(fullInput(), { id: CREDENTIAL_ID, now: NOW })
  const jwt = await signCredential(credential, signer)
  const pdf = await renderCertificatePdf(jwt)
  const long = fullInput()
  long.achievement.learningOutcomes = Array.from({ length: 60 }, (_, i) => `Outcome ${i + 1}: applies a framework to a realistic case and explains the trade-offs`)
  const longPdf = await renderCertificatePdf(await signCredential(buildCredential(long, { id: CREDENTIAL_ID, now: NOW }), signer))

  const render = await compare(() => renderCertificatePdf(jwt), () => signCredential(credential, signer), { rounds: 5, ms: 800 })
  const extract = await compare(() => extractCredentialFromPdf(pdf), () => signCredential(credential, signer), { rounds: 5, ms: 400 })
  const row = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`)
  row('render PDF certificate (1 page), per CPU-second', `${render.ours.toFixed(1)} PDFs/s = ${(1000 / render.ours).toFixed(1)} ms each`)
  row('  sign the same credential, per CPU-second', `${render.raw.toFixed(0)}/s (render costs ${(render.raw / render.ours).toFixed(0)} signatures)`)
  row('extract the attached credential from the PDF', `${extract.ours.toFixed(0)}/s = ${(1000 / extract.ours).toFixed(2)} ms each`)
  row('PDF size, 1 page (3 subset fonts, QR, credential)', `${(pdf.length / 1024).toFixed(1)} KB`)
  row('PDF size, 60 learning outcomes', `${(longPdf.length / 1024).toFixed(1)} KB`)
}
