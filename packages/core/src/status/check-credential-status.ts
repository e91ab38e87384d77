import { MicrocertError, isMicrocertError, type MicrocertErrorCode } from '../errors.js'
import { fetchLimited, isWebPage, type FetchedText } from '../lib/fetch-limited.js'
import type { StatusCheckContext, VerificationCheck } from '../lib/status-check-types.js'
import { verifyJws } from '../lib/verify-jws.js'
import { decodeStatusList2021 } from '../status-list-2021/decode-status-list-2021.js'
import { decodeStatusList } from './decode-status-list.js'
import { DEFAULT_STATUS_LIST_TTL_MS, MAX_STATUS_ENTRIES } from './lib/constants.js'
import { statusNoticeUrl, suspensionCompanionUrl } from './lib/companion.js'
import { loadChunk } from '../lib/load-chunk.js'

/** Largest revocation/suspension notice fetched (a few hundred bytes in practice). */
const MAX_NOTICE_BYTES = 16 * 1024
const MAX_REASON_CHARS = 1000

/** Largest status list credential (the JWT text) fetched: a 131,072-entry list is ~3 KB, a full random one ~22 KB. */
const MAX_LIST_JWT_BYTES = 4 * 1024 * 1024

/** How long the newest `validFrom` seen for a list URL is remembered when the list has no `validUntil`. */
const SEEN_TTL_MS = 30 * 24 * 3600 * 1000

/** A verified list as cached: the decoded bitstring only (never the JWT text or another copy of the bits). */
interface StatusListState {
  bits: Uint8Array
  purposes: string[]
  issuer: string
  validUntil?: number
}

interface Entry {
  purpose: string
  index: number
  size: number
  url: string
  /** A W3C Bitstring Status List entry (else its predecessor StatusList2021, still in issued credentials). */
  bitstring: boolean
}

type Outcome = { kind: 'passed' | 'set'; entry: Entry } | { kind: 'failed' | 'unknown'; code: MicrocertErrorCode; message: string; details?: Record<string, unknown> }

// Concurrent verifications of credentials on the same list share one fetch (per cache, or per fetch function).
const inFlight = new WeakMap<object, Map<string, Promise<StatusListState>>>()

/**
 * Status list requests a verification started early (see `prefetchStatusLists`), by URL: each is read once, by the
 * status check, which verifies the list as if it had fetched it then.
 */
export interface StatusPrefetch {
  /** Requests not read yet, by URL. */
  responses: Map<string, { response: Promise<FetchedText>; controller: AbortController }>
  /** Cancels the requests nobody read (the verification ended before its status step). */
  cancel(): void
}

/** What a status list request needs (the rest of the status check's context is for verifying the list). */
type RequestContext = Pick<StatusCheckContext, 'fetch' | 'timeout' | 'allowInsecureLocalhost' | 'cache' | 'budget'>

/**
 * Starts the requests for the status lists of `credential` that the cache does not hold, so that they travel while
 * the signature step fetches the issuer's DID document (issue 14: a cold verification waited for one, then the
 * other). Only the bytes are fetched here; the status check verifies the lists after the credential's signature,
 * exactly as before. Requests go out only for entries the status check would fetch (well-formed, https or allowed
 * localhost, at most MAX_STATUS_ENTRIES) and count against the verification's byte budget.
 */
export function prefetchStatusLists(credential: Record<string, unknown>, context: RequestContext): StatusPrefetch | undefined {
  const raw = credential['credentialStatus']
  if (raw === undefined || raw === null || tooManyStatusEntries(credential) !== undefined) return undefined
  const cached = (url: string | undefined) => url === undefined || context.cache?.get(`microcert:status-list:${url}`) !== undefined
  const entries: Entry[] = []
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    // A verifier checking many credentials of one issuer holds their lists: nothing to start, nothing to parse.
    const url = (item as Record<string, unknown> | null)?.['statusListCredential']
    if (typeof url === 'string' && cached(url) && cached(suspensionCompanionUrl(url))) continue
    const parsed = parseEntry(item, context)
    if ('entry' in parsed) entries.push(parsed.entry)
  }
  const urls = entries.map((entry) => ({ url: entry.url, companion: false }))
  if (!entries.some((e) => e.purpose === 'suspension')) {
    for (const entry of entries) {
      const url = entry.purpose === 'revocation' && entry.bitstring ? suspensionCompanionUrl(entry.url) : undefined
      if (url !== undefined) urls.push({ url, companion: true })
    }
  }
  const responses: StatusPrefetch['responses'] = new Map()
  for (const { url, companion } of urls) {
    if (responses.has(url) || cached(url)) continue
    // One controller per request: cancelling what nobody read never touches a request a status check is reading.
    const controller = new AbortController()
    const response = requestStatusList(url, { ...context, signal: controller.signal }, companion)
    // Read later or never: a failure is reported by the status check that reads it, not as an unhandled rejection.
    response.catch(() => undefined)
    responses.set(url, { response, controller })
  }
  if (responses.size === 0) return undefined
  return {
    responses,
    cancel: () => {
      for (const { controller } of responses.values()) controller.abort()
      responses.clear()
    },
  }
}

/** The check for a credential with more status entries than a verifier reads, or undefined. Needs no request. */
export function tooManyStatusEntries(credential: Record<string, unknown>): VerificationCheck | undefined {
  const raw = credential['credentialStatus']
  const count = Array.isArray(raw) ? raw.length : 1
  if (count <= MAX_STATUS_ENTRIES) return undefined
  return {
    id: 'status',
    outcome: 'failed',
    code: 'ERR_STATUS_TOO_MANY',
    message: `The credential has ${count} status entries; a verifier checks at most ${MAX_STATUS_ENTRIES}`,
    details: { entries: count, max: MAX_STATUS_ENTRIES },
  }
}

/**
 * The `status` step of `verifyCredential`: reads each `BitstringStatusListEntry` (or `StatusList2021Entry`) of the
 * credential from its signed, issuer-matched, current status list — a VC-JWT or a credential secured with Data
 * Integrity, fetched with a plain GET, cached per the list's `ttl` — and, beside a microcert registry's revocation list,
 * its suspension companion.
 * Revoked and suspended are `failed`, as is a malformed entry of the credential. Every problem of a list — cannot be
 * fetched, a web page, unparsable, wrongly signed, of another issuer, not the list it was fetched as, past its
 * `validUntil`, older than one already seen — is `unknown` ("could not check"): never valid, never revoked.
 *
 * Codes: ERR_CREDENTIAL_REVOKED, ERR_CREDENTIAL_SUSPENDED, ERR_STATUS_TOO_MANY, ERR_STATUS_UNREACHABLE,
 * ERR_STATUS_LIST_INVALID, ERR_STATUS_LIST_STALE, ERR_FETCH_BUDGET_EXCEEDED, ERR_STATUS_INDEX_INVALID,
 * ERR_STATUS_PURPOSE_MISMATCH, ERR_STATUS_ENTRY_INVALID.
 */
export async function checkCredentialStatus(
  credential: Record<string, unknown>,
  context: StatusCheckContext & { prefetched?: StatusPrefetch },
): Promise<VerificationCheck> {
  const raw = credential['credentialStatus']
  if (raw === undefined || raw === null) return { id: 'status', outcome: 'skipped', message: 'The credential has no status entry' }
  const rawEntries = Array.isArray(raw) ? raw : [raw]
  if (rawEntries.length === 0) return { id: 'status', outcome: 'skipped', message: 'The credential has no status entry' }
  const tooMany = tooManyStatusEntries(credential)
  if (tooMany !== undefined) return tooMany

  const entries: Entry[] = []
  const unchecked: Outcome[] = []
  for (const item of rawEntries) {
    const parsed = parseEntry(item, context)
    if ('kind' in parsed) {
      if (parsed.kind === 'failed') return toCheck(parsed)
      unchecked.push(parsed)
    } else {
      entries.push(parsed.entry)
    }
  }

  // Our registries keep suspension in a companion list beside the revocation list (OB 3.0 allows one status entry).
  const companions: Entry[] = []
  if (!entries.some((e) => e.purpose === 'suspension')) {
    for (const entry of entries) {
      const url = entry.purpose === 'revocation' && entry.bitstring ? suspensionCompanionUrl(entry.url) : undefined
      if (url !== undefined) companions.push({ ...entry, purpose: 'suspension', url })
    }
  }
  const outcomes = await Promise.all([
    ...entries.map((e) => checkEntry(e, context, false)),
    ...companions.map((e) => checkEntry(e, context, true)),
  ])
  const results = [...outcomes, ...unchecked]

  const failed = results.find((o) => o.kind === 'failed')
  if (failed !== undefined) return toCheck(failed)
  const set =
    results.find((o) => o.kind === 'set' && o.entry.purpose === 'revocation') ??
    results.find((o) => o.kind === 'set' && o.entry.purpose === 'suspension')
  if (set !== undefined && 'entry' in set) {
    const check = toCheck(set)
    const notice = await readNotice(set.entry, credential, context)
    return notice === undefined ? check : { ...check, details: { ...check.details, ...notice } }
  }
  const unknown = results.find((o) => o.kind === 'unknown')
  if (unknown !== undefined) return toCheck(unknown)
  const first = entries[0]
  if (first === undefined) return toCheck(unchecked[0]!)
  return {
    id: 'status',
    outcome: 'passed',
    message: `The issuer has not revoked or suspended the credential`,
    details: { purpose: first.purpose, statusListCredential: first.url, statusListIndex: first.index },
  }
}

function toCheck(outcome: Outcome): VerificationCheck {
  if (!('entry' in outcome)) {
    return {
      id: 'status',
      outcome: outcome.kind,
      code: outcome.code,
      message: outcome.message,
      ...(outcome.details === undefined ? {} : { details: outcome.details }),
    }
  }
  const { entry } = outcome
  const details = { purpose: entry.purpose, statusListCredential: entry.url, statusListIndex: entry.index }
  if (outcome.kind === 'set' && entry.purpose === 'revocation') {
    return { id: 'status', outcome: 'failed', code: 'ERR_CREDENTIAL_REVOKED', message: 'The issuer revoked this credential', details }
  }
  if (outcome.kind === 'set' && entry.purpose === 'suspension') {
    return { id: 'status', outcome: 'failed', code: 'ERR_CREDENTIAL_SUSPENDED', message: 'The issuer suspended this credential', details }
  }
  return { id: 'status', outcome: 'passed', message: `Status "${entry.purpose}" is not set`, details }
}

function parseEntry(item: unknown, context: Pick<StatusCheckContext, 'allowInsecureLocalhost'>): { entry: Entry } | Extract<Outcome, { kind: 'failed' | 'unknown' }> {
  const invalid = (message: string, code: MicrocertErrorCode = 'ERR_STATUS_ENTRY_INVALID') =>
    ({ kind: 'failed', code, message }) as const
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return invalid('The credential status entry is not an object')
  const entry = item as Record<string, unknown>
  const type = entry['type']
  const types = Array.isArray(type) ? type : [type]
  const bitstring = types.includes('BitstringStatusListEntry')
  // Other status methods (1EdTechRevocationList, a ledger, …) are not ours to judge: the caller learns "could not check".
  if (!bitstring && !types.includes('StatusList2021Entry')) {
    return { kind: 'unknown', code: 'ERR_STATUS_ENTRY_INVALID', message: 'The credential uses a status method microcert cannot check', details: { type: String(types[0]).slice(0, 60) } }
  }
  const purpose = entry['statusPurpose']
  if (typeof purpose !== 'string' || purpose === '') return invalid('The status entry has no "statusPurpose"')
  const rawIndex = entry['statusListIndex']
  let index: number
  if (typeof rawIndex === 'number') index = rawIndex
  else if (typeof rawIndex === 'string' && /^(0|[1-9][0-9]*)$/.test(rawIndex)) index = Number(rawIndex)
  else return invalid(`The status entry's "statusListIndex" is not a base-10 integer`, 'ERR_STATUS_INDEX_INVALID')
  if (!Number.isSafeInteger(index) || index < 0) {
    return invalid(`The status entry's "statusListIndex" is not a non-negative integer`, 'ERR_STATUS_INDEX_INVALID')
  }
  const rawSize = bitstring ? (entry['statusSize'] ?? 1) : 1
  if (typeof rawSize !== 'number' || !Number.isSafeInteger(rawSize) || rawSize < 1 || rawSize > 8) {
    return invalid(`The status entry's "statusSize" must be an integer from 1 to 8`)
  }
  const url = entry['statusListCredential']
  if (typeof url !== 'string') return invalid('The status entry has no "statusListCredential" URL')
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return invalid(`The status entry's "statusListCredential" is not a URL`)
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && context.allowInsecureLocalhost && isLocalhost(parsed.hostname))) {
    return {
      kind: 'unknown',
      code: 'ERR_STATUS_UNREACHABLE',
      message: `The status list is not served over https: "${parsed.origin}"`,
      details: { url, reason: 'insecure' },
    }
  }
  return { entry: { purpose, index, size: rawSize, url, bitstring } }
}

function isLocalhost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost')
}

async function checkEntry(entry: Entry, context: StatusCheckContext, companion: boolean): Promise<Outcome> {
  let list: StatusListState
  try {
    list = await loadStatusList(entry.url, context, companion)
  } catch (error) {
    // Whatever is wrong with a list, the credential's status is unknown: a broken, missing or replaced list must
    // neither revoke a credential nor let one pass.
    if (isMicrocertError(error)) {
      return { kind: 'unknown', code: error.code, message: error.message, details: { ...error.details, url: entry.url } }
    }
    throw error
  }
  // Checked on every use, cached or not: a list only speaks for its own issuer's credentials.
  if (list.issuer !== context.issuerDid) {
    return {
      kind: 'unknown',
      code: 'ERR_STATUS_LIST_INVALID',
      message: `The status list is issued by "${list.issuer}", not by the credential's issuer "${context.issuerDid}"`,
      details: { url: entry.url, reason: 'issuer' },
    }
  }
  if (list.validUntil !== undefined && list.validUntil < context.now.getTime()) {
    return {
      kind: 'unknown',
      code: 'ERR_STATUS_LIST_STALE',
      message: `The ${companion ? 'suspension' : 'status'} list expired on ${new Date(list.validUntil).toISOString()} and no current one is available`,
      details: { url: entry.url, reason: 'expired', validUntil: new Date(list.validUntil).toISOString() },
    }
  }
  if (!list.purposes.includes(entry.purpose)) {
    return {
      kind: 'failed',
      code: 'ERR_STATUS_PURPOSE_MISMATCH',
      message: `The status list serves "${list.purposes.join('", "')}", not "${entry.purpose}"`,
      details: { url: entry.url, purpose: entry.purpose, listPurposes: list.purposes },
    }
  }
  const first = entry.index * entry.size
  const entries = list.bits.byteLength * 8
  if (first + entry.size > entries) {
    return {
      kind: 'failed',
      code: 'ERR_STATUS_INDEX_INVALID',
      message: `Status list index ${entry.index} is outside the list of ${Math.floor(entries / entry.size)} entries`,
      details: { url: entry.url, index: entry.index, entries },
    }
  }
  let value = 0
  for (let bit = first; bit < first + entry.size; bit++) value = (value << 1) | ((list.bits[bit >> 3]! >> (7 - (bit & 7))) & 1)
  return { kind: value === 0 ? 'passed' : 'set', entry }
}

function loadStatusList(url: string, context: StatusCheckContext, companion: boolean): Promise<StatusListState> {
  const key = `microcert:status-list:${url}`
  const cached = context.cache?.get(key) as StatusListState | undefined
  if (cached !== undefined) return Promise.resolve(cached)
  const owner: object = context.cache ?? context.fetch
  let pending = inFlight.get(owner)
  if (pending === undefined) inFlight.set(owner, (pending = new Map()))
  let shared = pending.get(url)
  if (shared === undefined) {
    // The shared fetch ignores the first caller's signal: one caller giving up must not turn the others' checks into
    // "could not check". Each caller stops waiting on its own signal instead.
    const { signal: _callerSignal, ...unsignalled } = context
    shared = fetchStatusList(url, unsignalled, companion).finally(() => pending.delete(url))
    pending.set(url, shared)
  }
  return context.signal === undefined ? shared : untilAborted(shared, context.signal, url)
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, url: string): Promise<T> {
  const aborted = () => new MicrocertError('ERR_STATUS_UNREACHABLE', 'The status list was not fetched: aborted', { details: { url, reason: 'aborted' } })
  if (signal.aborted) return Promise.reject(aborted())
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted())
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

function requestStatusList(url: string, context: RequestContext & { signal?: AbortSignal | undefined }, companion: boolean): Promise<FetchedText> {
  return fetchLimited(url, {
    fetch: context.fetch,
    timeout: context.timeout,
    maxBytes: MAX_LIST_JWT_BYTES,
    signal: context.signal,
    budget: context.budget,
    unreachableCode: 'ERR_STATUS_UNREACHABLE',
    tooLargeCode: 'ERR_STATUS_LIST_INVALID',
    what: companion ? 'The suspension list' : 'The status list',
  })
}

async function fetchStatusList(url: string, context: StatusCheckContext & { prefetched?: StatusPrefetch }, companion: boolean): Promise<StatusListState> {
  const what = companion ? 'The suspension list' : 'The status list'
  const prefetched = context.prefetched?.responses.get(url)
  context.prefetched?.responses.delete(url)
  const fetched = await (prefetched?.response ?? requestStatusList(url, context, companion))
  const invalid = (message: string, reason: string) => new MicrocertError('ERR_STATUS_LIST_INVALID', message, { details: { url, reason } })
  // A site's catch-all page, a captive portal or a proxy's error page: the list is not there to read.
  if (isWebPage(fetched)) {
    throw new MicrocertError('ERR_STATUS_UNREACHABLE', `${what} URL answered with a web page, not a signed list`, { details: { url, reason: 'web-page' } })
  }
  const text = fetched.text.trim()
  let vc: Record<string, unknown>
  let payload: Record<string, unknown> = {}
  let signer: string
  if (text.startsWith('{')) {
    // A list secured with Data Integrity: a JSON credential with an embedded proof (the JSON-LD chunk checks it).
    ;({ list: vc, signer } = await (await loadChunk(() => import('../lib/verify-embedded-proof.js'))).verifyStatusListJson(text, url, what, context))
  } else {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) throw invalid(`${what} is neither a signed VC-JWT nor a credential with a proof`, 'format')
    let verified: Awaited<ReturnType<typeof verifyJws>>
    try {
      verified = await verifyJws(text, {
        resolver: context.resolver,
        controllers: context.controllers,
        algorithms: context.algorithms,
        issuer: context.issuerDid,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      })
    } catch (error) {
      throw statusListKeyError(error, url, what)
    }
    payload = verified.payload
    signer = verified.issuerDid
    vc = (isRecord(payload['vc']) ? payload['vc'] : payload) as Record<string, unknown>
  }
  const types = Array.isArray(vc['type']) ? vc['type'] : [vc['type']]
  const bitstring = types.includes('BitstringStatusListCredential')
  if (!bitstring && !types.includes('StatusList2021Credential')) throw invalid(`${what} is not a BitstringStatusListCredential (or StatusList2021Credential)`, 'type')
  const subjectType = bitstring ? 'BitstringStatusList' : 'StatusList2021'
  const issuerValue = vc['issuer']
  const issuer = typeof issuerValue === 'string' ? issuerValue : isRecord(issuerValue) ? issuerValue['id'] : undefined
  if (typeof issuer !== 'string' || signer !== issuer) {
    throw invalid(`${what} names issuer "${String(issuer).slice(0, 200)}" but is signed by "${signer.slice(0, 200)}"`, 'issuer')
  }
  // A list signed for one URL and served at another (a swapped file, a replayed list of another period or purpose).
  const listId = vc['id'] ?? payload['jti']
  if (typeof listId !== 'string' || !sameUrl(listId, url)) {
    throw invalid(`${what} has id "${String(listId).slice(0, 200)}", not the URL it was fetched from`, 'id')
  }
  const subject = vc['credentialSubject']
  if (!isRecord(subject) || subject['type'] !== subjectType) throw invalid(`${what} has no ${subjectType} subject`, 'subject')
  const purposeValue = subject['statusPurpose']
  const purposes = (Array.isArray(purposeValue) ? purposeValue : [purposeValue]).filter((p): p is string => typeof p === 'string')
  if (purposes.length === 0) throw invalid(`${what} names no statusPurpose`, 'purpose')
  const encoded = subject['encodedList']
  if (typeof encoded !== 'string') throw invalid(`${what} has no encodedList`, 'encoded-list')

  const validFrom = timeOf(vc['validFrom'] ?? vc['issuanceDate']) ?? secondsToMs(payload['nbf']) ?? secondsToMs(payload['iat'])
  const validUntil = timeOf(vc['validUntil'] ?? vc['expirationDate']) ?? secondsToMs(payload['exp'])
  // Within one cache, a list never goes back in time: an older copy (a stale CDN edge, a replay) cannot undo a revocation.
  const seenKey = `microcert:status-list-seen:${url}`
  const seen = context.cache?.get(seenKey)
  if (typeof seen === 'number' && (validFrom ?? Number.NEGATIVE_INFINITY) < seen) {
    throw new MicrocertError('ERR_STATUS_LIST_STALE', `${what} is older than one already seen at this URL`, {
      details: { url, reason: 'older', seen: new Date(seen).toISOString() },
    })
  }
  // StatusList2021 writes base64url without the multibase "u" of Bitstring Status List.
  const bits = bitstring ? await decodeStatusList(encoded) : await decodeStatusList2021(encoded)

  const state: StatusListState = { bits, purposes, issuer, ...(validUntil === undefined ? {} : { validUntil }) }
  const ttlValue = subject['ttl']
  let ttl = typeof ttlValue === 'number' && Number.isFinite(ttlValue) && ttlValue >= 0 ? ttlValue : DEFAULT_STATUS_LIST_TTL_MS
  if (validUntil !== undefined) ttl = Math.min(ttl, validUntil - context.now.getTime())
  if (ttl > 0) context.cache?.set(`microcert:status-list:${url}`, state, ttl, bits.byteLength + 256)
  if (validFrom !== undefined && !(typeof seen === 'number' && seen >= validFrom)) {
    context.cache?.set(seenKey, validFrom, validUntil === undefined ? SEEN_TTL_MS : Math.max(validUntil - context.now.getTime(), ttl, 1), 64)
  }
  return state
}

/** What a status list's key problem means for the credential: its issuer key unreachable, or a list that does not hold. */
export function statusListKeyError(error: unknown, url: string, what: string): MicrocertError {
  if (isMicrocertError(error) && error.code === 'ERR_FETCH_BUDGET_EXCEEDED') return error
  if (isMicrocertError(error) && (error.code === 'ERR_DID_UNREACHABLE' || error.code === 'ERR_DID_INSECURE')) {
    return new MicrocertError('ERR_STATUS_UNREACHABLE', `The issuer key of ${what.toLowerCase()} could not be fetched`, {
      cause: error,
      details: { url, reason: 'issuer-key' },
    })
  }
  return new MicrocertError('ERR_STATUS_LIST_INVALID', `${what} signature does not verify`, {
    cause: error,
    details: { url, reason: 'signature', ...(isMicrocertError(error) ? { cause: error.code } : {}) },
  })
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

function secondsToMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href
  } catch {
    return false
  }
}

/**
 * The issuer's signed notice for a set bit: `{ since, reason? }`, or undefined when it is missing, unreachable or does
 * not check out (wrong signer, another credential, another entry). It only adds words to a verdict, never changes it.
 */
async function readNotice(entry: Entry, credential: Record<string, unknown>, context: StatusCheckContext): Promise<{ since: string; reason?: string } | undefined> {
  const url = statusNoticeUrl(entry.url, entry.index)
  const credentialId = credential['id']
  if (url === undefined || typeof credentialId !== 'string') return undefined
  try {
    const { text } = await fetchLimited(url, {
      fetch: context.fetch,
      timeout: context.timeout,
      maxBytes: MAX_NOTICE_BYTES,
      signal: context.signal,
      budget: context.budget,
      unreachableCode: 'ERR_STATUS_UNREACHABLE',
      tooLargeCode: 'ERR_STATUS_UNREACHABLE',
      what: 'The status notice',
    })
    const verified = await verifyJws(text.trim(), {
      resolver: context.resolver,
      algorithms: context.algorithms,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    })
    const p = verified.payload
    if (verified.issuerDid !== context.issuerDid || p['iss'] !== context.issuerDid) return undefined
    if (p['sub'] !== credentialId || p['statusPurpose'] !== entry.purpose || p['statusListIndex'] !== String(entry.index)) return undefined
    const since = p['since']
    if (typeof since !== 'string' || !/^\d{4}-\d{2}-\d{2}T[^\s]+(Z|[+-]\d{2}:\d{2})$/.test(since) || Number.isNaN(Date.parse(since))) return undefined
    const reason = p['reason']
    return typeof reason === 'string' && reason.trim() !== '' ? { since, reason: reason.slice(0, MAX_REASON_CHARS) } : { since }
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
