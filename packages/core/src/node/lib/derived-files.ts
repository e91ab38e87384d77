import { createHash } from 'node:crypto'
import { linkSync, lstatSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The record of the files a publish renders from the store (PDFs, preview images): for each, a hash of what it was
 * made from and the hash and size of its bytes. The next publish carries a file over only when both still match, so a
 * changed credential, option or renderer renders it again, and a file someone changed in the site is replaced.
 */
export const DERIVED_MANIFEST = '.microcert-derived.json'
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024

/** [input hash, SHA-256 of the bytes, size] of one file, by site-relative path. */
type Entry = [input: string, sha256: string, size: number]

export interface DerivedFiles {
  /**
   * Hard-links `relative` from the earlier site into the new one when the earlier site made it from the same `input`
   * and its bytes are still the ones it wrote (a regular file, never followed through a symlink). True when carried.
   */
  carry(relative: string, input: string): boolean
  /** Notes a file written by this publish. */
  wrote(relative: string, input: string, bytes: Uint8Array): void
  /** Writes the record for the next publish. */
  save(write: (relative: string, data: string) => void): void
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url')
}

/** Reads the earlier site's record (`outDir`, which may not exist) and tracks the new site's (`tempDir`). */
export function openDerivedFiles(outDir: string, tempDir: string): DerivedFiles {
  const earlier = readManifest(join(outDir, DERIVED_MANIFEST))
  const files: Record<string, Entry> = {}
  return {
    carry(relative, input) {
      const entry = earlier.get(relative)
      if (entry === undefined || entry[0] !== input) return false
      const from = join(outDir, relative)
      const to = join(tempDir, relative)
      try {
        const info = lstatSync(from)
        if (!info.isFile() || info.size !== entry[2] || sha256(readFileSync(from)) !== entry[1]) return false
        try {
          linkSync(from, to)
        } catch {
          writeFileSync(to, readFileSync(from))
        }
        // The earlier site might have changed between the check and the link: keep only a regular file.
        if (!lstatSync(to).isFile()) return false
      } catch {
        return false
      }
      files[relative] = entry
      return true
    },
    wrote(relative, input, bytes) {
      files[relative] = [input, sha256(bytes), bytes.byteLength]
    },
    save(write) {
      write(DERIVED_MANIFEST, `${JSON.stringify({ version: 1, files })}\n`)
    },
  }
}

function readManifest(path: string): Map<string, Entry> {
  try {
    const info = lstatSync(path)
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return new Map()
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown; files?: unknown }
    if (parsed.version !== 1 || typeof parsed.files !== 'object' || parsed.files === null) return new Map()
    const entries = Object.entries(parsed.files as Record<string, unknown>).filter(
      (pair): pair is [string, Entry] =>
        Array.isArray(pair[1]) && typeof pair[1][0] === 'string' && typeof pair[1][1] === 'string' && Number.isSafeInteger(pair[1][2]),
    )
    return new Map(entries)
  } catch {
    // No earlier site, or a record that is not ours: everything is rendered anew.
    return new Map()
  }
}
