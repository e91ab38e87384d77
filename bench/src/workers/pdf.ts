// PDF certificates: render one (what publish does per credential) and read its credential back (what the widget does
// with a dropped PDF), each interleaved with signing the same credential as the yardstick (moved here from
// packages/core/bench/certificate-pdf.bench.ts).
import { buildCredential, createSigner, extractCredentialFromPdf, generateKeyPair, signCredential } from '@microcert/core'
import { renderCertificatePdf } from '@microcert/core/node'
import { issueInput } from '../lib/fixtures.js'
import { interleave } from '../lib/interleave.js'
import { sendResult, workerParams } from '../lib/worker.js'

const { mode, rounds, ms } = workerParams<{ mode: 'render' | 'extract'; rounds: number; ms: number }>()
const DID = 'did:web:127.0.0.1%3A8999'
const { privateJwk } = await generateKeyPair('ES256')
const signer = await createSigner(privateJwk, { kid: `${DID}#key-1` })
const profile = { id: DID, name: 'Bench University', country: 'CZ', url: 'http://127.0.0.1:8999' }
const credential = buildCredential({ ...issueInput(0), issuer: profile } as never, { id: 'http://127.0.0.1:8999/credentials/MC-0000-0000-0000-0000-0' })
const jwt = await signCredential(credential, signer)
const pdf = await renderCertificatePdf(jwt)
const ours = mode === 'render' ? () => renderCertificatePdf(jwt) : () => extractCredentialFromPdf(pdf)
const sign = () => signCredential(credential, signer)
sendResult({ ...(await interleave(ours, sign, { rounds, ms })), pdfBytes: pdf.length })
