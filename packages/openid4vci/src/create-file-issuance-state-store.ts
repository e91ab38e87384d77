import { createHash, randomBytes } from 'node:crypto'
import { link, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MicrocertError, type IssuanceStateLookup, type IssuanceStateStore, type IssuanceStateValue } from '@microcert/core'

/** Options of `createFileIssuanceStateStore`. */
export interface FileIssuanceStateStoreOptions {
  /** How long used and expired entries are remembered after `expiresAt`, in ms. Default 86,400,000 (a day). */
  retention?: number
  /** Clock for purging old entries. Default `() => new Date()`. */
  now?: () => Date
}

interface Stored {
  key: string
  value: IssuanceStateValue
  expiresAt: number
}

const PURGE_INTERVAL_MS = 60_000

/**
 * An `IssuanceStateStore` in a directory, shared by every process that opens the same directory. One file per entry
 * (named by the SHA-256 of its key): `<h>.live` while unused, renamed to `<h>.used` when consumed. A rename is atomic,
 * so of several processes consuming the same entry exactly one succeeds; a new entry appears complete or not at all
 * (written to a temporary file, then hard-linked, which fails if the name exists).
 *
 * @example
 * const state = await createFileIssuanceStateStore('./issuer/openid4vci-state')
 * @throws MicrocertError ERR_WRITE_FAILED when the directory cannot be created; from the methods ERR_WRITE_FAILED /
 *   ERR_STORE_CORRUPT, and TypeError for a key that is not 1-512 characters
 */
export async function createFileIssuanceStateStore(dir: string, options: FileIssuanceStateStoreOptions = {}): Promise<IssuanceStateStore> {
  if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('createFileIssuanceStateStore(dir): dir must be a path')
  const retention = options.retention ?? 86_400_000
  const clock = options.now ?? (() => new Date())
  if (!(retention >= 0)) throw new TypeError('createFileIssuanceStateStore options.retention must be >= 0 ms')
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
  } catch (cause) {
    throw new MicrocertError('ERR_WRITE_FAILED', `The state directory "${dir}" could not be created`, { cause })
  }
  let lastPurge = 0

  const file = (key: string, state: 'live' | 'used') => join(dir, `${createHash('sha256').update(key).digest('hex')}.${state}`)

  async function read(path: string): Promise<Stored | undefined> {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new MicrocertError('ERR_STORE_CORRUPT', 'An issuance state file is unreadable', { cause: error })
    }
    try {
      return JSON.parse(text) as Stored
    } catch (cause) {
      throw new MicrocertError('ERR_STORE_CORRUPT', 'An issuance state file is not valid JSON', { cause })
    }
  }

  async function lookup(key: string, now: Date, use: boolean): Promise<IssuanceStateLookup> {
    checkKey(key)
    const live = await read(file(key, 'live'))
    if (live === undefined || live.key !== key) {
      const used = await read(file(key, 'used'))
      return used?.key === key && used.expiresAt + retention >= now.getTime() ? { state: 'used' } : { state: 'missing' }
    }
    if (live.expiresAt + retention < now.getTime()) return { state: 'missing' }
    if (live.expiresAt <= now.getTime()) return { state: 'expired' }
    if (use) {
      try {
        await rename(file(key, 'live'), file(key, 'used'))
      } catch (error) {
        // Another consumer renamed it first.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'used' }
        throw new MicrocertError('ERR_WRITE_FAILED', 'The issuance state could not be updated', { cause: error })
      }
      await syncDir()
    }
    return { state: 'live', value: live.value, expiresAt: new Date(live.expiresAt) }
  }

  async function syncDir(): Promise<void> {
    const handle = await open(dir, 'r').catch(() => undefined)
    await handle?.sync().catch(() => {})
    await handle?.close()
  }

  async function purge(now: number): Promise<void> {
    if (now - lastPurge < PURGE_INTERVAL_MS) return
    lastPurge = now
    for (const name of await readdir(dir)) {
      if (!/\.(live|used)$/.test(name)) {
        // A temporary file left by a crash between write and link.
        if (name.startsWith('.tmp-')) await rm(join(dir, name), { force: true })
        continue
      }
      const stored = await read(join(dir, name)).catch(() => undefined)
      if (stored === undefined || stored.expiresAt + retention < now) await rm(join(dir, name), { force: true })
    }
  }

  return {
    async create(key, value, expiresAt) {
      checkKey(key)
      await purge(clock().getTime())
      if ((await read(file(key, 'used'))) !== undefined) return false
      const temp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`)
      try {
        await writeFile(temp, JSON.stringify({ key, value, expiresAt: expiresAt.getTime() } satisfies Stored), { mode: 0o600, flush: true })
        await link(temp, file(key, 'live'))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
        throw new MicrocertError('ERR_WRITE_FAILED', 'The issuance state could not be written', { cause: error })
      } finally {
        await rm(temp, { force: true })
      }
      await syncDir()
      return true
    },
    get: (key, now) => lookup(key, now, false),
    consume: (key, now) => lookup(key, now, true),
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new TypeError('IssuanceStateStore key must be a string of 1-512 characters')
}
