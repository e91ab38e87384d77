import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
export const BIN = fileURLToPath(new URL('../../src/bin.ts', import.meta.url))
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
export const DATA = join(REPO, 'examples', 'data')
const TSX = pathToFileURL(require.resolve('tsx')).href

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real `microcert` entry point (TypeScript source through tsx, sibling packages from src/) in `cwd`. */
export function microcert(
  args: string[],
  options: { cwd?: string; stdin?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      ok({ code, stdout, stderr })
    })
    child.stdin.end(options.stdin ?? '')
  })
}

/** Starts a long-running command (serve, demo) and resolves once stdout matches `ready`. */
export function startMicrocert(
  args: string[],
  ready: RegExp,
  options: { cwd?: string } = {},
): Promise<{ stdout: () => string; stderr: () => string; match: RegExpMatchArray; stop(): Promise<number | null> }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let done = false
    const closed = new Promise<number | null>((res) => child.on('close', (code) => res(code)))
    const timer = setTimeout(() => {
      if (!done) {
        child.kill('SIGKILL')
        fail(new Error(`not ready in time; stdout: ${stdout}\nstderr: ${stderr}`))
      }
    }, 60_000)
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c
      const m = stdout.match(ready)
      if (m !== null && !done) {
        done = true
        clearTimeout(timer)
        ok({
          stdout: () => stdout,
          stderr: () => stderr,
          match: m,
          stop: async () => {
            child.kill('SIGTERM')
            return closed
          },
        })
      }
    })
    void closed.then((code) => {
      if (!done) {
        done = true
        clearTimeout(timer)
        fail(new Error(`exited with ${code} before ready; stdout: ${stdout}\nstderr: ${stderr}`))
      }
    })
  })
}

export function tempDir(prefix = 'mc-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** JSON lines of stdout. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}
