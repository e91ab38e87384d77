import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { MicrocertError, type MicrocertErrorCode } from '../../../errors.js'
import type { RenderCertificatePdfOptions } from '../../render-certificate-pdf.js'

// This module's URL in the ESM build (and the sources), its file in the CommonJS build (see asset-path.ts).
const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url

/** Renders PDF certificates on every core: worker threads, or this thread when there is one core or few PDFs. */
export interface RenderPool {
  render(signedCredential: string, options: RenderCertificatePdfOptions): Promise<Uint8Array>
  /** Renders in flight; callers wait below a bound so a large publish does not queue every credential at once. */
  readonly pending: number
  close(): Promise<void>
}

interface Pending {
  resolve(pdf: Uint8Array): void
  reject(error: unknown): void
}

type WorkerError = { kind: 'microcert'; code: MicrocertErrorCode; message: string; details?: Record<string, unknown> } | { kind: 'type' | 'other'; message: string }

/**
 * The public Node entry a render thread loads (`renderCertificatePdf`): `dist/node/index.js` in the package — found
 * from the root chunk or from the entry itself — or the TypeScript source in the repository. No separate worker
 * file: the thread runs the package's own renderer, loaded once per thread.
 */
function nodeEntry(): URL | undefined {
  for (const relative of ['./node/index.js', './index.js', '../../index.ts']) {
    const url = new URL(relative, here)
    if (existsSync(fileURLToPath(url))) return url
  }
  return undefined
}

/** The thread's code: loads the entry (through tsx for TypeScript sources), renders what it is sent, answers by id. */
function workerSource(entry: URL): string {
  const href = JSON.stringify(entry.href)
  const load = entry.pathname.endsWith('.ts') ? `import('tsx/esm/api').then(({ tsImport }) => tsImport(${href}, ${href}))` : `import(${href})`
  // An eval'd thread starts as a CommonJS script whose __filename, require… are globals; the ESM code it loads must not
  // see them (asset-path.ts tells CommonJS from ESM by \`typeof __filename\`).
  return `
const { parentPort } = require('node:worker_threads')
for (const name of ['__filename', '__dirname', 'require', 'module', 'exports']) delete globalThis[name]
${load}.then(({ renderCertificatePdf }) => {
  parentPort.on('message', (job) => {
    renderCertificatePdf(job.credential, job.options).then(
      (pdf) => parentPort.postMessage({ id: job.id, pdf }, [pdf.buffer]),
      (error) => parentPort.postMessage({ id: job.id, error: {
        kind: error !== null && typeof error === 'object' && typeof error.code === 'string' && error.code.startsWith('ERR_') && error.name === 'MicrocertError' ? 'microcert' : error instanceof TypeError ? 'type' : 'other',
        code: error && error.code, message: String((error && error.message) || error), details: error && error.details,
      } }),
    )
  })
  parentPort.postMessage({ ready: true })
})
`
}

async function startWorker(entry: URL): Promise<Worker | undefined> {
  let worker: Worker
  try {
    worker = new Worker(workerSource(entry), { eval: true })
  } catch {
    return undefined
  }
  return new Promise((resolve) => {
    const fail = () => {
      void worker.terminate()
      resolve(undefined)
    }
    worker.once('error', fail)
    worker.once('exit', fail)
    worker.once('message', (message: { ready?: boolean }) => {
      worker.off('error', fail)
      worker.off('exit', fail)
      resolve(message.ready === true ? worker : undefined)
    })
  })
}

function toError(error: WorkerError): Error {
  if (error.kind === 'microcert') return new MicrocertError(error.code, error.message, error.details === undefined ? {} : { details: error.details })
  return error.kind === 'type' ? new TypeError(error.message) : new Error(error.message)
}

/**
 * A pool of `threads` PDF renderers. Threads start on the `startAfter`-th render (a publish of a few credentials
 * renders them here, without paying for threads that load pdf-lib and the fonts again); a thread that cannot start
 * (e.g. TypeScript sources run without a loader) leaves the work to this thread. Output is the same either way.
 */
export function createRenderPool(options: { threads?: number; startAfter?: number } = {}): RenderPool {
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 16))
  const startAfter = options.startAfter ?? 24
  let requested = 0
  let inFlight = 0
  let workers: Promise<Worker[]> | undefined
  const jobs = new Map<number, Pending>()
  let nextId = 0
  let turn = 0
  let local: Promise<typeof import('./render-certificate.js')> | undefined

  const renderHere = async (signedCredential: string, renderOptions: RenderCertificatePdfOptions) => {
    local ??= import('./render-certificate.js')
    return (await local).renderCertificate(signedCredential, renderOptions)
  }

  function startWorkers(): Promise<Worker[]> {
    const entry = nodeEntry()
    if (entry === undefined) return Promise.resolve([])
    return Promise.all(Array.from({ length: threads }, () => startWorker(entry))).then((started) => {
      const ready = started.filter((worker): worker is Worker => worker !== undefined)
      for (const worker of ready) {
        worker.on('message', (message: { id: number; pdf?: Uint8Array; error?: WorkerError }) => {
          const job = jobs.get(message.id)
          if (job === undefined) return
          jobs.delete(message.id)
          if (message.error !== undefined) job.reject(toError(message.error))
          else job.resolve(message.pdf!)
        })
        worker.on('error', (error) => {
          for (const job of jobs.values()) job.reject(error)
          jobs.clear()
        })
      }
      return ready
    })
  }

  return {
    get pending() {
      return inFlight
    },
    async render(signedCredential, renderOptions) {
      requested++
      inFlight++
      try {
        if (threads > 1 && requested > startAfter) workers ??= startWorkers()
        const pool = workers === undefined ? [] : await workers
        if (pool.length === 0) return await renderHere(signedCredential, renderOptions)
        const worker = pool[turn++ % pool.length]!
        const id = nextId++
        return await new Promise<Uint8Array>((resolve, reject) => {
          jobs.set(id, { resolve, reject })
          worker.postMessage({ id, credential: signedCredential, options: renderOptions })
        })
      } finally {
        inFlight--
      }
    },
    async close() {
      const pool = workers === undefined ? [] : await workers
      await Promise.all(pool.map((worker) => worker.terminate()))
    },
  }
}
