import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const REPORT_USAGE = new URL('../processes/report-usage.mjs', import.meta.url).href

export interface ProcessRun {
  wallMs: number
  /** Peak resident set size of the process, MB. */
  maxRssMb: number
  cpuSeconds: number
  stdout: string
}

/**
 * Runs `node <args>` with the usage reporter preloaded and returns its wall time (spawn → exit, as a user waits),
 * peak RSS and CPU time. Rejects when it exits non-zero.
 */
export function runNode(args: readonly string[], options: { cwd?: string; usageFile: string }): Promise<ProcessRun> {
  rmSync(options.usageFile, { force: true })
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, ['--import', REPORT_USAGE, ...args], {
      cwd: options.cwd,
      env: { ...process.env, BENCH_USAGE_FILE: options.usageFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk.slice(-4000)))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - start
      if (code !== 0) {
        reject(new Error(`node ${args.join(' ')} exited with ${code}\n${stdout.slice(-2000)}\n${stderr}`))
        return
      }
      const usage = JSON.parse(readFileSync(options.usageFile, 'utf8')) as { maxRssMb: number; cpuSeconds: number }
      resolve({ wallMs, ...usage, stdout })
    })
  })
}

export const scriptPath = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url))
