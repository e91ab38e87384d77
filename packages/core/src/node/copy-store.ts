import { createHash } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { MicrocertError } from '../errors.js'
import { createFileStore, openFileStore } from './lib/file/file-store.js'
import { isKeyPair, keyFileOf, readPrivateKeyFile } from './lib/key-files.js'
import { isPostgresLocation } from './lib/pg/pg-connection.js'
import { createPgStore, openPgStore } from './lib/pg/pg-store.js'
import type { InitKey, StoreBackend, StoreInit } from './lib/store-backend.js'
import type { CopyStoreOptions, CopyStoreReport, IssuedRecord } from './types.js'

const CHUNK = 1000

/**
 * Copies an issuer store to a new location — a directory into PostgreSQL, or back — losslessly: the issuer, its key
 * (the private key goes to the destination's key file, never into a database), and every record with its state,
 * reasons and dates, from one consistent snapshot of the source. The destination is then read back and compared
 * record by record (SHA-256 over all of them); a copy that fails at any point removes what it created.
 *
 * @example
 * import { copyStore } from '@microcert/core/node'
 * const report = await copyStore('./issuer', 'postgres://microcert@db.uni.example/credentials', {
 *   keyFile: '/etc/microcert/issuer.private.jwk',
 * })
 * console.log(`${report.records} credentials copied`)
 *
 * Errors: ERR_STORE_NOT_FOUND, ERR_STORE_LOCKED (the source directory is in use), ERR_STORE_EXISTS (the destination
 * holds this issuer already), ERR_KEY_FILE_MISSING, ERR_KEY_INVALID, ERR_STORE_CORRUPT (`details.reason:
 * 'copy-mismatch'`), ERR_WRITE_FAILED. A PostgreSQL destination without `keyFile` throws `TypeError`.
 */
export async function copyStore(from: string, to: string, options: CopyStoreOptions = {}): Promise<CopyStoreReport> {
  if (typeof from !== 'string' || typeof to !== 'string' || from === '' || to === '') {
    throw new TypeError('copyStore: from and to must be directories or postgres:// URLs')
  }
  const source = isPostgresLocation(from) ? await openPgStore(from) : await openFileStore(from, {})
  try {
    const active = source.activeKey
    // A key held by a signer (KMS/HSM) stays there: the copy records it the same way, and opens with the same signer.
    const external = active.privateKeyFile === undefined && options.sourceKeyFile === undefined
    let privateJwk: JsonWebKey | undefined
    if (!external) {
      const sourceKeyFile = keyFileOf(source, options.sourceKeyFile)
      privateJwk = readPrivateKeyFile(sourceKeyFile)
      if (!isKeyPair(privateJwk, active.publicJwk)) {
        throw new MicrocertError('ERR_KEY_INVALID', `The key file "${sourceKeyFile}" does not hold the private key of "${active.kid}"`, {
          details: { file: sourceKeyFile, kid: active.kid },
        })
      }
    }
    const keyFile = options.keyFile === undefined ? undefined : resolve(options.keyFile)
    if (external && keyFile !== undefined) throw new TypeError('copyStore: the active key is held by a signer; there is no private key to write to keyFile')
    const keyFileExisted = keyFile !== undefined && existsSync(keyFile)
    // Every key comes along (earlier ones keep their credentials verifying; retired ones stay retired). Only the active
    // key's private half is written at the destination: an earlier key never signs again, so it keeps the key file
    // path (or the signer) the source records, and nothing is copied.
    const keys: InitKey[] = source.keys.map((key) => {
      if (key.kid !== active.kid) return key
      const { privateKeyFile: _file, ...rest } = key
      return privateJwk === undefined ? rest : { ...rest, privateJwk, ...(keyFile === undefined ? {} : { privateKeyFile: keyFile }) }
    })
    const init: StoreInit = { config: source.config, keys, activeKid: active.kid }
    const target = isPostgresLocation(to) ? await createPgStore(to, init) : await createFileStore(to, init)
    try {
      const written = createHash('sha256')
      let records = 0
      await source.snapshot(async (snapshot) => {
        let chunk: IssuedRecord[] = []
        const flush = async () => {
          await target.importRecords(chunk)
          records += chunk.length
          chunk = []
          options.onProgress?.(records)
        }
        for await (const record of snapshot.records()) {
          written.update(digestLine(record))
          chunk.push(record)
          if (chunk.length >= CHUNK) await flush()
        }
        if (chunk.length > 0) await flush()
      })
      const digest = written.digest('hex')
      await verifyCopy(target, records, digest)
      const report: CopyStoreReport = { from: source.location, to: target.location, did: source.config.did, records, sha256: digest }
      await target.close()
      return report
    } catch (error) {
      await target.destroy().catch(() => undefined)
      if (keyFile !== undefined && !keyFileExisted) rmSync(keyFile, { force: true })
      throw error
    }
  } finally {
    await source.close()
  }
}

async function verifyCopy(target: StoreBackend, records: number, digest: string): Promise<void> {
  const read = createHash('sha256')
  let count = 0
  for await (const record of target.list()) {
    read.update(digestLine(record))
    count++
  }
  if (count !== records || read.digest('hex') !== digest) {
    throw new MicrocertError('ERR_STORE_CORRUPT', `The copy at "${target.location}" reads back differently from the source; it was removed`, {
      details: { location: target.location, reason: 'copy-mismatch', expected: records, found: count },
    })
  }
}

/** Every field of a record in a fixed order, so two stores' records compare byte for byte. */
function digestLine(r: IssuedRecord): string {
  return (
    JSON.stringify([
      r.certificateId,
      r.credentialId,
      r.rowKey,
      r.statusIndex,
      r.issuedAt,
      r.state,
      r.reason ?? null,
      r.reason === undefined ? null : r.publishReason !== false,
      r.since ?? null,
      r.revokedAt ?? null,
      r.suspendedAt ?? null,
      r.unpublished === true,
      r.format,
      r.kid,
      r.achievementId,
      r.credential,
    ]) + '\n'
  )
}
