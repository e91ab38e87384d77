/** Where a command writes and reads; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean }
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number }
  cwd: string
  env: Record<string, string | undefined>
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, demo) stop and resolve. */
  signal: AbortSignal
}

export function processIo(signal: AbortSignal): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, signal }
}
