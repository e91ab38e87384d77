import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path'
import { EU_EXTENSION_SCHEMA_FILENAME, euExtensionJsonSchema } from '@microcert/schemas'
import { createDidWebDocument } from '../../create-did-web-document.js'
import { didWebToUrl } from '../../did-web-to-url.js'
import { MicrocertError, isMicrocertError } from '../../errors.js'
import { signJwt } from '../../sign-jwt.js'
import { buildStatusListCredential } from '../../status/build-status-list-credential.js'
import { createStatusList } from '../../status/create-status-list.js'
import { encodeStatusList } from '../../status/encode-status-list.js'
import { statusListPath, statusNoticePath } from '../../status/lib/companion.js'
import { setStatusBit } from '../../status/set-status-bit.js'
import { renderHeadersFile, renderRegistryPages } from '../site/pages.js'
import { renderRobotsTxt } from '../site/robots-txt.js'
import type { Signer } from '../../types.js'
import type { IssuedRecord, PublishOptions, PublishReport } from '../types.js'
import { fsyncDir, writeFailed } from './fs-durable.js'
import { allLanguages, parseLanguages } from './i18n/eu-languages.js'
import { createLearnerFiles, type LearnerFiles } from './publish-learner-files.js'
import { createWalletFiles } from './publish-wallet-files.js'
import type { IssuerConfig, StoreBackend, StoreKey } from './store-backend.js'

/** Marks a directory as microcert's output, so publish never replaces a directory it did not write. */
export const SITE_MARKER = '.microcert-site.json'
const DEFAULT_STATUS_TTL_MS = 300_000
/**
 * Default `validUntil` of published status lists, counted from the publish: verifiers refuse a list past it, so an
 * old copy (a stale cache, a replay) cannot undo a revocation for longer than this. Publish again before it runs out.
 */
const DEFAULT_STATUS_VALIDITY_MS = 30 * 24 * 3600 * 1000
/**
 * The widget's CDN build loads its other files from folders beside itself, named after it: `microcert-verify-chunks/`
 * (the verifier and its lazy parts), `microcert-verify-i18n/` (the languages).
 */
const WIDGET_FOLDER_PREFIX = 'microcert-verify-'

/** Where the DID document of `did` lives inside the site served at `registryUrl`. */
export function didDocumentSitePath(did: string, registryUrl: string): { path: string; warning?: string } {
  const url = didWebToUrl(did, { allowInsecureLocalhost: true })
  const base = registryUrl.endsWith('/') ? registryUrl : `${registryUrl}/`
  const insecureFree = (u: string) => u.replace(/^https?:/, '')
  if (insecureFree(url).startsWith(insecureFree(base))) return { path: insecureFree(url).slice(insecureFree(base).length) }
  const parsed = new URL(url)
  return {
    path: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    warning:
      `The DID document of "${did}" belongs at ${url}, which is outside the registry ${registryUrl}: ` +
      `it was written to the site anyway; serve it at that URL, or create the issuer with a did:web that matches the registry URL`,
  }
}

/** What `publish` needs of a store, whichever engine keeps it: the issuer, its signer, a snapshot (records and keys). */
export interface PublishSource {
  config: IssuerConfig
  /** Signs the status lists and notices with the active key (after the snapshot is closed: no lock waits for a signature). */
  signer: Signer
  snapshot: StoreBackend['snapshot']
}

/**
 * The keys the DID document lists, given the keys not retired, oldest first: credentials signed before a rotation keep
 * verifying; a retired key is left out, so what it signed fails (ERR_KEY_NOT_FOUND).
 */
function publishedKeys(liveKeys: readonly StoreKey[]): { id: string; publicJwk: JsonWebKey }[] {
  return liveKeys.map((key) => ({ id: key.kid, publicJwk: key.publicJwk }))
}

export async function publishSite(source: PublishSource, outDir: string, options: PublishOptions): Promise<PublishReport> {
  const out = resolve(outDir)
  const parent = dirname(out)
  const base = basename(out)
  const ttl = options.statusListTtl ?? DEFAULT_STATUS_TTL_MS
  const validity = options.statusListValidity ?? DEFAULT_STATUS_VALIDITY_MS
  if (!Number.isSafeInteger(validity) || validity <= 0) throw new TypeError('publish: statusListValidity must be a positive number of milliseconds')
  if (options.walletIssuer !== undefined && !/^https?:\/\/[^\s?#]+$/.test(options.walletIssuer)) {
    throw new TypeError('publish: walletIssuer must be an http(s) URL without query or fragment')
  }
  if (options.trustList !== undefined && !/^https?:\/\/\S+$/.test(options.trustList)) throw new TypeError('publish: trustList must be an http(s) URL')
  const warnings: string[] = []
  const config = source.config
  const languages = options.languages === undefined ? allLanguages(config.profile.country) : parseLanguages(options.languages, 'publish languages', 24)

  try {
    mkdirSync(parent, { recursive: true })
  } catch (cause) {
    throw writeFailed(parent, cause)
  }
  if (existsSync(out)) {
    let isDir = false
    try {
      isDir = statSync(out).isDirectory()
    } catch {
      // unreadable: treated as not ours
    }
    if (!isDir || (readdirSync(out).length > 0 && !existsSync(join(out, SITE_MARKER)))) {
      throw new MicrocertError('ERR_WRITE_FAILED', `"${out}" exists and is not a site microcert published; refusing to replace it`, {
        details: { path: out, reason: 'not-a-microcert-site' },
      })
    }
  }
  // Leftovers of a publish that died half-way (never visible: they are temp siblings).
  try {
    for (const name of readdirSync(parent)) {
      if (name.startsWith(`.${base}.publish-`) || name.startsWith(`.${base}.old-`)) rmSync(join(parent, name), { recursive: true, force: true })
    }
  } catch (cause) {
    throw writeFailed(parent, cause)
  }

  const temp = join(parent, `.${base}.publish-${randomBytes(6).toString('hex')}`)
  let learner: LearnerFiles | undefined
  const write = (relative: string, data: string | Uint8Array) => {
    const path = join(temp, relative)
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, data)
    } catch (cause) {
      throw writeFailed(path, cause)
    }
  }
  try {
    try {
      mkdirSync(temp)
    } catch (cause) {
      throw writeFailed(temp, cause)
    }

    const did = didDocumentSitePath(config.did, config.registryUrl)
    if (did.warning !== undefined) warnings.push(did.warning)

    // Credentials are immutable: a file already published under the same name is carried over by hard link, but only a
    // regular file whose bytes are the store's (never a symlink, never a file someone changed).
    const size = config.statusListSize
    try {
      mkdirSync(join(temp, 'credentials'))
    } catch (cause) {
      throw writeFailed(join(temp, 'credentials'), cause)
    }
    const credentialsDir = join(temp, 'credentials')
    // What learners and wallets get (share pages, PDFs, previews; Token Status Lists) is made from the same snapshot:
    // each record is handed to these steps on its way to the loop below.
    learner = await createLearnerFiles({ config, options, outDir: out, tempDir: temp, write, warnings })
    const wallet = createWalletFiles(config)
    const learnerFiles = learner
    source = tapRecords(source, async (record) => {
      wallet.add(record)
      await learnerFiles.add(record)
    })
    const iat = Math.floor(Date.now() / 1000)
    const replaced: string[] = []
    // The keys not retired: the DID document and the JWT VC Issuer Metadata list the same ones.
    let liveKeys: readonly StoreKey[] = []
    // Everything is read from one snapshot; the signing comes after it is closed.
    const { revoked, suspended, notices, credentials, written } = await source.snapshot(async (snapshot) => {
      liveKeys = snapshot.keys.filter((key) => key.retiredAt === undefined)
      write(did.path, JSON.stringify(createDidWebDocument({ did: config.did, keys: publishedKeys(liveKeys) }), null, 2) + '\n')
      const revoked = Array.from({ length: snapshot.statusLists }, () => createStatusList(size))
      const suspended = Array.from({ length: snapshot.statusLists }, () => createStatusList(size))
      const notices: { path: string; payload: Record<string, unknown> }[] = []
      let credentials = 0
      let written = 0
      for await (const record of snapshot.records()) {
        const list = Math.floor(record.statusIndex / size)
        const bit = record.statusIndex % size
        if (record.state === 'revoked') setStatusBit(revoked[list]!, bit)
        if (record.state === 'suspended') setStatusBit(suspended[list]!, bit)
        if (record.state !== 'active') {
          // The public notice beside the list: when, and (unless the issuer kept it private) why.
          const statusPurpose = record.state === 'revoked' ? 'revocation' : 'suspension'
          const since = (record.state === 'revoked' ? record.revokedAt : record.suspendedAt) ?? record.since
          notices.push({
            path: statusNoticePath(list, statusPurpose, bit),
            payload: {
              iss: config.did,
              sub: record.credentialId,
              statusPurpose,
              statusListIndex: String(bit),
              ...(since === undefined ? {} : { since }),
              ...(record.reason !== undefined && record.publishReason !== false ? { reason: record.reason } : {}),
              iat,
            },
          })
        }
        // Withdrawn from the public registry (GDPR): no file, but the status bit above stays.
        if (record.unpublished === true) continue
        // A VC-JWT is `<ID>.jwt`; a Data Integrity credential (JSON with its proof) is `<ID>.json`.
        const file = `${record.certificateId}.${record.format === 'vc+jwt' ? 'jwt' : 'json'}`
        const name = `credentials/${file}`
        credentials++
        const carried = carryOver(join(out, name), join(temp, name), record.credential)
        if (carried === 'carried') continue
        if (carried === 'refused') replaced.push(name)
        const path = join(credentialsDir, file)
        try {
          writeFileSync(path, record.credential)
        } catch (cause) {
          throw writeFailed(path, cause)
        }
        written++
      }
      return { revoked, suspended, notices, credentials, written }
    })
    if (replaced.length > 0) {
      warnings.push(
        `${replaced.length} credential file(s) of the earlier site were not the store's copy (a symlink or a changed file) and were written again from the store: ${replaced.slice(0, 3).join(', ')}${replaced.length > 3 ? ', …' : ''}`,
      )
    }

    const validFrom = new Date()
    const validUntil = new Date(validFrom.getTime() + validity)
    for (let n = 0; n < revoked.length; n++) {
      for (const [purpose, bits] of [
        ['revocation', revoked[n]!],
        ['suspension', suspended[n]!],
      ] as const) {
        const path = statusListPath(n, purpose)
        const credential = buildStatusListCredential({
          id: `${config.registryUrl}/${path}`,
          issuer: config.did,
          purpose,
          encodedList: await encodeStatusList(bits),
          validFrom,
          validUntil,
          ttl,
        })
        const claims = {
          iss: config.did,
          jti: credential.id,
          nbf: Math.floor(validFrom.getTime() / 1000),
          exp: Math.floor(validUntil.getTime() / 1000),
        }
        write(path, await signJwt({ ...credential, ...claims }, source.signer))
      }
    }

    for (const notice of notices) write(notice.path, await signJwt(notice.payload, source.signer))

    const walletFiles = await wallet.finish({
      statusLists: revoked.length,
      signer: source.signer,
      keys: liveKeys,
      now: validFrom,
      ttlMs: ttl,
      validityMs: validity,
      write,
      warnings,
    })
    const learnerReport = await learner.finish()

    write(EU_EXTENSION_SCHEMA_FILENAME, JSON.stringify(euExtensionJsonSchema(), null, 2) + '\n')
    write(
      '_headers',
      renderHeadersFile(
        {
          didDocumentPath: did.path,
          jwtVcIssuerPath: walletFiles.jwtVcIssuerPath,
          vctPath: walletFiles.vctPath,
          statusLists: revoked.length,
          indexCredentials: options.indexCredentials === true,
        },
        ttl,
      ),
    )
    write('robots.txt', renderRobotsTxt(config.registryUrl, { indexCredentials: options.indexCredentials === true }))
    if (options.indexCredentials !== true && new URL(config.registryUrl).pathname.replace(/\/+$/, '') !== '') {
      warnings.push(
        `robots.txt only counts at the root of the host: merge the lines of "robots.txt" into ${new URL('/robots.txt', config.registryUrl).href} to keep search engines out of the credentials`,
      )
    }
    // GitHub Pages runs Jekyll unless told not to, and Jekyll drops dot-folders such as .well-known.
    write('.nojekyll', '')

    const pages = renderRegistryPages({
      title: options.siteTitle ?? config.profile.name,
      issuerName: config.profile.name,
      did: config.did,
      registryUrl: config.registryUrl,
      country: config.profile.country,
      credentials,
      didDocumentPath: did.path,
      languages,
      courses: learnerReport.courses,
      ...(options.trustList === undefined ? {} : { trustList: options.trustList }),
    })
    for (const [path, html] of pages) write(path, html)

    if (options.widgetScript !== undefined) {
      try {
        copyFileSync(options.widgetScript, join(temp, 'microcert-verify.js'))
        // The bundle loads its verifier and translations relative to itself: copy them too, or nothing verifies.
        copyWidgetFolders(dirname(options.widgetScript), temp)
      } catch (cause) {
        throw new MicrocertError('ERR_WRITE_FAILED', `Could not copy the widget script "${options.widgetScript}"`, {
          cause,
          details: { path: options.widgetScript, reason: 'widget-script' },
        })
      }
    } else {
      // Nothing in the store says what the widget files should hold: only plain files (one link, not a symlink) are kept.
      const carried = carryOver(join(out, 'microcert-verify.js'), join(temp, 'microcert-verify.js'))
      if (carried === 'carried') {
        copyWidgetFolders(out, temp, (from, to) => {
          if (carryOver(from, to) === 'refused') warnings.push(`"${from}" is not a plain file (a symlink or hard link?): not published`)
        })
      } else {
        if (carried === 'refused') warnings.push(`"${join(out, 'microcert-verify.js')}" is not a plain file (a symlink or hard link?): not published`)
        warnings.push('No widget script given (widgetScript): the pages load microcert-verify.js, which the site does not have')
      }
    }

    for (const [relative, content] of Object.entries(options.pages ?? {})) write(safeRelative(relative), content)

    write(
      SITE_MARKER,
      JSON.stringify({ did: config.did, registryUrl: config.registryUrl, publishedAt: validFrom.toISOString(), credentials }, null, 2) + '\n',
    )

    // The swap: the old site stays complete until the new one is complete; then two renames in the same directory.
    if (existsSync(out)) {
      const old = join(parent, `.${base}.old-${randomBytes(6).toString('hex')}`)
      try {
        renameSync(out, old)
        renameSync(temp, out)
      } catch (cause) {
        if (!existsSync(out) && existsSync(old)) renameSync(old, out)
        throw writeFailed(out, cause)
      }
      rmSync(old, { recursive: true, force: true })
    } else {
      try {
        renameSync(temp, out)
      } catch (cause) {
        throw writeFailed(out, cause)
      }
    }
    fsyncDir(parent)
    return {
      outDir: out,
      credentials,
      written,
      statusLists: revoked.length * 2,
      notices: notices.length,
      didDocumentPath: did.path,
      pdfs: learnerReport.pdfs,
      pdfsWritten: learnerReport.pdfsWritten,
      sharePages: learnerReport.sharePages,
      previews: learnerReport.previews,
      tokenStatusLists: walletFiles.tokenStatusLists,
      warnings,
    }
  } catch (error) {
    await learner?.abort()
    rmSync(temp, { recursive: true, force: true })
    if (isMicrocertError(error) || error instanceof TypeError) throw error
    throw writeFailed(out, error)
  }
}

/** The same source, whose snapshot hands each record to `tap` (and waits for it) before the reader sees it. */
function tapRecords(source: PublishSource, tap: (record: IssuedRecord) => Promise<void>): PublishSource {
  return {
    ...source,
    snapshot: (read) =>
      source.snapshot((snapshot) =>
        read({
          ...snapshot,
          statusLists: snapshot.statusLists,
          async *records() {
            for await (const record of snapshot.records()) {
              await tap(record)
              yield record
            }
          },
        }),
      ),
  }
}

/**
 * Copies the widget's folders (`microcert-verify-*`, each holding `.js` files) from the directory `from` into `to`.
 * With a `carry` function (files of the earlier site) only real directories are read, never a symlink to one.
 */
function copyWidgetFolders(from: string, to: string, carry?: (from: string, to: string) => unknown): void {
  const copy = carry ?? copyFileSync
  const isDirectory = (path: string): boolean => {
    try {
      return (carry === undefined ? statSync(path) : lstatSync(path)).isDirectory()
    } catch {
      return false
    }
  }
  let names: string[]
  try {
    names = readdirSync(from)
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return
    throw error
  }
  for (const folder of names.filter((name) => name.startsWith(WIDGET_FOLDER_PREFIX) && isDirectory(join(from, name)))) {
    const names = readdirSync(join(from, folder)).filter((name) => name.endsWith('.js'))
    if (names.length === 0) continue
    mkdirSync(join(to, folder), { recursive: true })
    for (const name of names) copy(join(from, folder, name), join(to, folder, name))
  }
}

/**
 * Carries a file of the earlier site over into the new one by hard link: only a regular file (checked with lstat, so a
 * symlink — say, to the issuer's private key — is never followed into the site) whose bytes are `expected`, or, when
 * nothing says what it should hold, a file with no other hard link. 'absent': nothing there; 'refused': something
 * there that must not be published.
 */
function carryOver(from: string, to: string, expected?: string): 'carried' | 'absent' | 'refused' {
  let info: ReturnType<typeof lstatSync>
  try {
    info = lstatSync(from)
  } catch {
    return 'absent'
  }
  if (!info.isFile()) return 'refused'
  if (expected === undefined ? info.nlink > 1 : info.size !== Buffer.byteLength(expected) || readFileSafe(from) !== expected) return 'refused'
  try {
    linkSync(from, to)
  } catch {
    try {
      writeFileSync(to, readFileSync(from))
    } catch {
      return 'absent'
    }
  }
  // The earlier site might have changed between the check and the link: keep only what is still a regular file.
  try {
    if (lstatSync(to).isFile()) return 'carried'
    unlinkSync(to)
  } catch {
    // fall through: written anew by the caller
  }
  return 'refused'
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

function safeRelative(relative: string): string {
  const normalised = normalize(relative)
  if (relative === '' || isAbsolute(relative) || normalised.split(sep).includes('..') || normalised.startsWith(sep)) {
    throw new TypeError(`publish: pages keys must be site-relative paths without "..", got "${relative}"`)
  }
  return normalised
}
