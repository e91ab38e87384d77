import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { MicrocertError } from '../../../errors.js'

export interface StoreLock {
  release(): void
}

interface LockContent {
  pid: number
  hostname: string
  nonce: string
  since: string
}

const TAKEOVER_STALE_MS = 10_000

/** Lock files this process holds (by path): a second open in the same process is a mistake, not a wait. */
const heldHere = new Set<string>()

/**
 * Takes the store's lock file (created exclusively). A lock left by a dead process on this host is taken over;
 * a live holder makes this throw ERR_STORE_LOCKED (after retrying for `waitMs`). A lock this very process holds
 * throws ERR_STORE_LOCKED at once (`details.reason: 'same-process'`): waiting would only wait for itself.
 */
export async function acquireLock(path: string, waitMs = 0): Promise<StoreLock> {
  if (heldHere.has(path)) {
    throw new MicrocertError(
      'ERR_STORE_LOCKED',
      'This process has the issuer store open already (another Issuer from openIssuer/createIssuer): use that one, or close it first',
      { details: { lockFile: path, reason: 'same-process', pid: process.pid } },
    )
  }
  const deadline = Date.now() + waitMs
  for (;;) {
    const lock = tryAcquire(path)
    if (lock !== undefined) return lock
    if (Date.now() >= deadline) {
      const holder = readLock(path)
      throw new MicrocertError(
        'ERR_STORE_LOCKED',
        `The issuer store is in use by another process${holder === undefined ? '' : ` (pid ${holder.pid} on "${holder.hostname}")`}`,
        { details: { lockFile: path, ...(holder === undefined ? {} : { pid: holder.pid, hostname: holder.hostname }) } },
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 25 + Math.random() * 50))
  }
}

function tryAcquire(path: string): StoreLock | undefined {
  const content: LockContent = { pid: process.pid, hostname: hostname(), nonce: randomBytes(12).toString('hex'), since: new Date().toISOString() }
  if (createExclusive(path, JSON.stringify(content))) return handle(path, content.nonce)
  const holder = readLock(path)
  if (holder === undefined ? !lockFileIsOld(path) : !isDead(holder)) return undefined
  // Stale: take it over under a second exclusive file, so two processes never both remove and re-create it.
  const takeover = `${path}.takeover`
  if (!createExclusive(takeover, String(process.pid))) {
    if (lockFileIsOld(takeover)) removeQuietly(takeover)
    return undefined
  }
  try {
    const again = readLock(path)
    if (again?.nonce !== holder?.nonce) return undefined
    removeQuietly(path)
    return createExclusive(path, JSON.stringify(content)) ? handle(path, content.nonce) : undefined
  } finally {
    removeQuietly(takeover)
  }
}

function handle(path: string, nonce: string): StoreLock {
  let released = false
  heldHere.add(path)
  return {
    release() {
      if (released) return
      released = true
      heldHere.delete(path)
      if (readLock(path)?.nonce === nonce) removeQuietly(path)
    },
  }
}

function createExclusive(path: string, text: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', 0o644)
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false
    throw new MicrocertError('ERR_WRITE_FAILED', `Could not create the lock file "${path}"`, { cause: error, details: { path } })
  }
  try {
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
  return true
}

function readLock(path: string): LockContent | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as LockContent
    return typeof value.pid === 'number' && typeof value.nonce === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

// A lock file we cannot read is one being written right now, unless it has been unreadable for a while.
function lockFileIsOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > TAKEOVER_STALE_MS
  } catch {
    return false
  }
}

function isDead(holder: LockContent): boolean {
  if (holder.hostname !== hostname()) return false
  // Our own pid, but not a lock we hold (`heldHere`): left by an earlier process that had the same pid.
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH'
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // gone already
  }
}
