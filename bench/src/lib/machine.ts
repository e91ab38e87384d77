import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

/** Idle and total CPU time of the whole machine so far (Linux /proc/stat, in clock ticks), or undefined elsewhere. */
function cpuTimes(): { idle: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    // user nice system idle iowait irq softirq steal …: idle and iowait are the idle part.
    return { idle: fields[3]! + (fields[4] ?? 0), total: fields.reduce((sum, n) => sum + n, 0) }
  } catch {
    return undefined
  }
}

/**
 * How many cores other processes keep busy, sampled over `ms` while the bench itself runs nothing (before the
 * build, and after the last case has ended). Unlike the load average, this neither counts work that has already
 * ended nor the bench's own processes of the last minute. Undefined where /proc/stat does not exist.
 */
export function busyCoresNow(ms = 3000): number | undefined {
  const before = cpuTimes()
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
  const after = cpuTimes()
  if (before === undefined || after === undefined || after.total === before.total) return undefined
  const busy = 1 - (after.idle - before.idle) / (after.total - before.total)
  return Math.max(0, busy) * cpus().length
}
