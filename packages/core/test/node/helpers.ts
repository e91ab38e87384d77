import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IssueInput } from '../../src/node/types.js'

/** A valid course row for learner `i` (all 11 EU elements). */
export function courseInput(i: number, overrides: Partial<IssueInput['achievement']> = {}): IssueInput {
  return {
    learner: { name: `Learner ${i}`, studentId: `S-${String(i).padStart(6, '0')}` },
    achievement: {
      id: 'https://uni.example/microcerts/achievements/applied-data-ethics',
      title: 'Applied Data Ethics',
      description: 'Short course on ethical frameworks for data-driven decision making.',
      learningOutcomes: ['Applies core ethical frameworks to data-driven decision making'],
      ects: 3,
      eqfLevel: 6,
      assessment: ['written examination'],
      participation: 'online',
      qualityAssurance: [{ name: 'Institutional accreditation 2024' }],
      ...overrides,
    },
    issuedAt: '2026-06-15T09:00:00Z',
  }
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'microcert-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const ISSUER = {
  did: 'did:web:uni.example:microcerts',
  name: 'Example University',
  country: 'CZ',
  url: 'https://uni.example/microcerts',
} as const

/** A static file server on 127.0.0.1 (port 0) that serves whatever directory `root` currently names. */
export async function serveDirectory(): Promise<{
  port: number
  origin: string
  setRoot(dir: string): void
  requests: string[]
  close(): Promise<void>
}> {
  const { createServer } = await import('node:http')
  const { readFile } = await import('node:fs/promises')
  const { join, normalize } = await import('node:path')
  let root: string | undefined
  const requests: string[] = []
  const types: Record<string, string> = { '.jwt': 'application/vc+jwt', '.json': 'application/json', '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    requests.push(path)
    if (root === undefined || path.includes('..')) {
      res.writeHead(404).end()
      return
    }
    const file = join(root, normalize(path.endsWith('/') ? `${path}index.html` : path))
    readFile(file).then(
      (body) => {
        const ext = /\.[a-z]+$/.exec(file)?.[0] ?? ''
        res.writeHead(200, { 'content-type': types[ext] ?? 'application/octet-stream', 'access-control-allow-origin': '*' }).end(body)
      },
      () => res.writeHead(404).end('not found'),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    setRoot: (dir) => {
      root = dir
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Runs a fixture script of test/node/fixtures in a child Node process (TypeScript via tsx, sources via the "source" condition). */
export function runChild(script: string, args: string[]) {
  return spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join('test', 'node', 'fixtures', script), ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** The `code` an operation fails with ('no error' when it succeeds). */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
  } catch (error) {
    return (error as { code?: string }).code ?? `not a MicrocertError: ${String(error)}`
  }
  return 'no error'
}
