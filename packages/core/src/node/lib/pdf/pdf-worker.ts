// A thread of the PDF render pool (render-pool.ts): renders the certificates it is sent, one at a time, and sends
// back the bytes (transferred, not copied) or the error's code and message.
import { parentPort } from 'node:worker_threads'
import { isMicrocertError } from '../../../errors.js'
import type { RenderCertificatePdfOptions } from '../../render-certificate-pdf.js'
import { renderCertificate } from './render-certificate.js'

interface Job {
  id: number
  jwt: string
  options: RenderCertificatePdfOptions
}

const port = parentPort
if (port === null) throw new TypeError('pdf-worker.js runs as a worker thread of the PDF render pool')
port.on('message', (job: Job) => {
  renderCertificate(job.jwt, job.options).then(
    (pdf) => port.postMessage({ id: job.id, pdf }, [pdf.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: job.id,
        error: isMicrocertError(error)
          ? { kind: 'microcert', code: error.code, message: error.message, details: error.details }
          : { kind: error instanceof TypeError ? 'type' : 'other', message: error instanceof Error ? error.message : String(error) },
      }),
  )
})
port.postMessage({ ready: true })
