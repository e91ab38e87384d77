import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { MicrocertError } from '../../errors.js'

/** Flushes a directory entry (a created or renamed file) to disk. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes `data` to `path` so that a crash at any moment leaves either the old file or the complete new one:
 * write a temp file beside it, fsync, rename over, fsync the directory.
 */
export function writeFileDurable(path: string, data: string | Uint8Array, mode = 0o644): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', mode)
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    let offset = 0
    while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, path)
    fsyncDir(dirname(path))
  } catch (cause) {
    if (fd !== undefined) closeSync(fd)
    try {
      unlinkSync(temp)
    } catch {
      // already renamed or never created
    }
    throw writeFailed(path, cause)
  }
}

export function writeFailed(path: string, cause: unknown): MicrocertError {
  const code = (cause as { code?: string } | undefined)?.code
  return new MicrocertError('ERR_WRITE_FAILED', `Could not write "${path}"${code === undefined ? '' : ` (${code})`}`, {
    cause,
    details: { path, ...(code === undefined ? {} : { errno: code }) },
  })
}
