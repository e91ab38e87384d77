import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MARK = 'BENCH_RESULT '

/**
 * Runs `src/workers/<name>.ts` in a fresh Node process (its own JIT warm-up, heap and caches) and returns the
 * result it reports. Its stderr is shown only when it fails.
 */
export function runWorker<T>(name: string, params: unknown, nodeArgs: readonly string[] = []): Promise<T> {
  const file = fileURLToPath(new URL(`../workers/${name}.ts`, import.meta.url))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file], {
      env: { ...process.env, BENCH_PARAMS: JSON.stringify(params) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(MARK))
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench worker ${name} exited with ${code}\n${stdout.slice(-2000)}\n${stderr.slice(-4000)}`))
        return
      }
      resolve(JSON.parse(line.slice(MARK.length)) as T)
    })
  })
}

/** In a worker: the parameters the parent passed. */
export function workerParams<T>(): T {
  return JSON.parse(process.env['BENCH_PARAMS'] ?? '{}') as T
}

/** In a worker: hands the result to the parent. */
export function sendResult(result: unknown): void {
  process.stdout.write(`${MARK}${JSON.stringify(result)}\n`)
}
