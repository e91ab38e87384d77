import { execFileSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  ramGiB: number
  node: string
  chromium: string
  os: string
  load: string
}

export const CHROMIUM = process.env['CHROME_PATH'] ?? '/usr/bin/chromium'

/** Chromium's version, from the binary itself (its wrapper script prints noise on stderr, ignored). */
export function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'not found'
  }
}

export function describeMachine(): Machine {
  const list = cpus()
  let os = `${process.platform} ${process.arch}`
  try {
    os = execFileSync('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'], { encoding: 'utf8' }).trim() || os
  } catch {
    // Not Linux: the platform name is enough.
  }
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromiumVersion(),
    os,
    load: loadavg().map((n) => n.toFixed(2)).join(' / '),
  }
}

/** 1/5/15-minute load averages now, e.g. "1.02 / 0.88 / 0.60". */
export const loadNow = (): string => loadavg().map((n) => n.toFixed(2)).join(' / ')
