import { open, readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  isMicrocertError,
  lookupCredential,
  MicrocertError,
  verifyCredential,
  type MicrocertErrorCode,
  type EuElementReport,
  type VerificationCheck,
  type VerificationProfile,
  type VerificationResult,
  type VerifyOptions,
} from '@microcert/core'
import { CliError, usageError } from '../lib/cli-error.js'
import { flag, str, strs, type Command } from '../lib/command.js'
import type { CliIo } from '../lib/io.js'
import { oneLine } from '../lib/one-line.js'
import { readJsonFile } from '../lib/read-json-file.js'

const MAX_BYTES = 1024 * 1024
/** A PDF certificate may be larger than a credential: its attached credential is still held to MAX_BYTES. */
const MAX_PDF_BYTES = 16 * 1024 * 1024
const PROFILES = ['micro-credential', 'open-badge']
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(~.*)?$/
/** Loose on purpose: a mistyped ID must still go to lookup, which reports the typo. */
const LOOKS_LIKE_ID = /^mc[-\s]?[0-9a-z][0-9a-z\s-]{8,40}$/i

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a micro-credential: signature, issuer, EU elements, trust, validity and revocation.',
  synopsis:
    'microcert verify <jwt | file | pdf | url | -> [--trust DID]… [--trust-list URL|FILE] [--key jwk.json] [--profile P] [--json]\n' +
    'microcert verify <certificate-id> --registry URL [options]\n' +
    'microcert verify <registry>/verify/?id=<certificate-id> [options]',
  optionHelp: [
    ['--registry URL', 'registry base URL, to look up a certificate ID'],
    ['--trust DID', 'trust this issuer DID (repeatable)'],
    ['--trust-list URL|FILE', 'trust the issuers on this trust list'],
    ['--key FILE', "verify offline against this public JWK instead of resolving the issuer's DID"],
    ['--profile P', 'micro-credential (default: the 11 EU elements required) or open-badge (any Open Badges 3.0 credential; EU elements reported)'],
    ['--context URL=FILE', 'an extra JSON-LD context for Data Integrity credentials (repeatable); contexts are never fetched'],
    ['--nonce TEXT', 'wallet presentations (SD-JWT VC): the nonce the key-binding JWT must carry'],
    ['--audience TEXT', 'wallet presentations: this verifier, which the key-binding JWT must name'],
    ['--allow-localhost-http', 'allow http://localhost for DIDs, status lists and the registry (demo, tests)'],
    ['--no-status', 'skip the revocation/suspension check'],
    ['--timeout MS', 'network timeout per request (default 10000)'],
    ['--json', 'print the verification result as JSON (also for errors: one result with its code)'],
  ],
  details:
    '"verified" needs an issuer confirmed from outside the credential: --trust / --trust-list, or a did:web\n' +
    'issuer (then named by its domain). A did:key / did:jwk issuer nobody vouched for is a warning.\n' +
    'Reads VC-JWTs (ES256, EdDSA, RS256, PS256), Data Integrity credentials (JSON with a proof), SD-JWT VC\n' +
    'presentations from wallets, and PDF certificates (the credential attached inside).\n' +
    'Exit code 0 only when the result is "verified"; 1 for failed, warning (issuer not trusted or unknown,\n' +
    'expired, EU elements missing) or unknown (could not check); 2 for usage errors. With --json every outcome,\n' +
    'usage errors included, is one JSON result on stdout.',
  examples: [
    'microcert verify MC-37XX-7N95-92BM-J58H-2 --registry https://uni.example/microcerts --trust did:web:uni.example:microcerts',
    'microcert verify ./credential.jwt --key issuer-public.jwk.json --json',
    'microcert verify ./certificate.pdf --profile open-badge',
  ],
  options: {
    registry: { type: 'string' },
    trust: { type: 'string', multiple: true },
    'trust-list': { type: 'string' },
    key: { type: 'string' },
    profile: { type: 'string' },
    context: { type: 'string', multiple: true },
    nonce: { type: 'string' },
    audience: { type: 'string' },
    'allow-localhost-http': { type: 'boolean' },
    'no-status': { type: 'boolean' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1, names: 'what to verify (a JWT, file, URL or certificate ID)' },
  async run(args, io) {
    const raw = args.positionals[0]!.trim()
    const options: VerifyOptions = {}
    const trust = strs(args, 'trust')
    if (trust.length > 0) options.trustedIssuers = trust
    const trustList = str(args, 'trust-list')
    if (trustList !== undefined) {
      options.trustList = /^https?:\/\//i.test(trustList) ? trustList : ((await readJsonFile(resolve(io.cwd, trustList))) as never)
    }
    const keyFile = str(args, 'key')
    if (keyFile !== undefined) {
      const key = await readJsonFile(resolve(io.cwd, keyFile))
      if (key === null || typeof key !== 'object' || Array.isArray(key)) {
        throw new MicrocertError('ERR_KEY_INVALID', `"${keyFile}" does not hold a JWK object`)
      }
      options.key = key as JsonWebKey
    }
    const profile = str(args, 'profile')
    if (profile !== undefined) {
      if (!PROFILES.includes(profile)) throw usageError(`--profile must be "micro-credential" or "open-badge", got "${oneLine(profile)}"`, 'verify')
      options.profile = profile as VerificationProfile
    }
    const contexts = strs(args, 'context')
    if (contexts.length > 0) {
      options.contexts = {}
      for (const entry of contexts) {
        const at = entry.indexOf('=')
        if (at <= 0 || !isHttpUrl(entry.slice(0, at))) throw usageError(`--context must be URL=FILE, got "${oneLine(entry)}"`, 'verify')
        const document = await readJsonFile(resolve(io.cwd, entry.slice(at + 1)))
        if (document === null || typeof document !== 'object' || Array.isArray(document)) {
          throw new MicrocertError('ERR_INPUT_INVALID', `"${oneLine(entry.slice(at + 1))}" does not hold a JSON-LD context object`, { details: { issues: ['--context: a JSON object'] } })
        }
        options.contexts[entry.slice(0, at)] = document
      }
    }
    const nonce = str(args, 'nonce')
    if (nonce !== undefined) options.nonce = nonce
    const audience = str(args, 'audience')
    if (audience !== undefined) options.audience = audience
    if (flag(args, 'allow-localhost-http')) options.allowInsecureLocalhost = true
    if (flag(args, 'no-status')) options.checkStatus = false
    const timeout = str(args, 'timeout')
    if (timeout !== undefined) {
      if (!/^\d+$/.test(timeout) || Number(timeout) < 1) throw usageError(`--timeout must be milliseconds, got "${timeout}"`, 'verify')
      options.timeout = Number(timeout)
    }
    const registry = str(args, 'registry')
    if (registry !== undefined && !isHttpUrl(registry)) {
      throw usageError(`--registry must be an http(s) URL such as https://uni.example/microcerts, got "${oneLine(registry)}"`, 'verify')
    }

    let result: VerificationResult
    if (registry !== undefined || (LOOKS_LIKE_ID.test(raw) && !raw.includes('.'))) {
      if (registry === undefined) throw usageError('a certificate ID needs --registry URL (where the issuer publishes)', 'verify')
      result = await lookupCredential(raw, { registry, ...options })
    } else if (shareLink(raw) !== undefined) {
      // A learner's share link (<registry>/verify/?id=<ID>): look the ID up in that registry.
      const link = shareLink(raw)!
      result = await lookupCredential(link.id, { registry: link.registry, ...options })
    } else if (/^https?:\/\//i.test(raw)) {
      const fetched = await fetchText(raw, options.timeout ?? 10_000, options.profile ?? 'micro-credential')
      result = typeof fetched === 'string' ? await verifyCredential(fetched, options) : fetched
    } else if (JWT.test(raw) || raw.startsWith('{')) {
      result = await verifyCredential(raw, options)
    } else if (raw === '-') {
      result = await verifyCredential(await readStdin(), options)
    } else {
      const path = resolve(io.cwd, raw)
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined
        throw unreadable(raw, error)
      })
      if (info === undefined) throw usageError(`"${oneLine(raw)}" is not a file, a URL, a JWT or a certificate ID`, 'verify')
      if (!info.isFile()) throw unreadable(raw, undefined)
      const limit = info.size > MAX_BYTES && (await isPdfFile(path)) ? MAX_PDF_BYTES : MAX_BYTES
      if (info.size > limit) throw new MicrocertError('ERR_INPUT_TOO_LARGE', `"${oneLine(raw)}" is ${info.size} bytes; the limit is ${limit}`)
      const bytes = await readFile(path).catch((error: unknown) => {
        throw unreadable(raw, error)
      })
      result = await verifyCredential(new Uint8Array(bytes), { ...options, maxPdfBytes: MAX_PDF_BYTES })
    }
    if (flag(args, 'json')) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    else printResult(io, result)
    return result.verified ? 0 : 1
  },
  reportError(error, argv, io) {
    // A script reading --json gets one result for every input, errors included, with the code.
    if (!argv.includes('--json')) return
    const profile = argv[argv.indexOf('--profile') + 1]
    io.stdout.write(`${JSON.stringify(errorResult(error, profile === 'open-badge' ? profile : 'micro-credential'), null, 2)}\n`)
  },
}

/** A PDF announces itself within its first 1024 bytes (`%PDF-`). */
async function isPdfFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined)
  if (handle === undefined) return false
  try {
    const head = Buffer.alloc(1024)
    const { bytesRead } = await handle.read(head, 0, 1024, 0)
    return head.subarray(0, bytesRead).includes('%PDF-')
  } finally {
    await handle.close()
  }
}

function unreadable(path: string, cause: unknown): MicrocertError {
  const reason = (cause as { code?: string } | undefined)?.code
  return new MicrocertError('ERR_FILE_UNREADABLE', `"${oneLine(path)}" could not be read${reason === undefined ? ' (not a regular file)' : ` (${reason})`}`, {
    cause,
    details: { path, ...(reason === undefined ? {} : { reason }) },
  })
}

/** The result a failed command reports: a usage mistake, a file that cannot be read, an input too large… */
export function errorResult(error: unknown, profile: VerificationProfile = 'micro-credential'): VerificationResult {
  const code: MicrocertErrorCode =
    error instanceof CliError ? 'ERR_ARGUMENT_INVALID'
    : isMicrocertError(error) ? error.code
    : typeof (error as { code?: unknown })?.code === 'string' && /^E[A-Z]+$/.test((error as { code: string }).code) ? 'ERR_FILE_UNREADABLE'
    : 'ERR_FORMAT_UNSUPPORTED'
  const message = error instanceof Error ? oneLine(error.message) : 'The command failed'
  return { verified: false, status: 'failed', checks: [{ id: 'format', outcome: 'failed', code, message }], reason: { check: 'format', code }, profile }
}

/** `https://uni.example/microcerts/verify/?id=MC-…` → the registry and the ID; anything else → undefined. */
function shareLink(text: string): { registry: string; id: string } | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined
  }
  const id = url.searchParams.get('id')
  const m = /^(.*)\/verify\/(index\.html)?$/.exec(url.pathname)
  if (id === null || m === null) return undefined
  return { registry: `${url.origin}${m[1]}`, id }
}

/** The body of a credential URL, or the result that says why there is none (unreachable, gone, a web page, too large). */
async function fetchText(url: string, timeout: number, profile: VerificationProfile): Promise<string | VerificationResult> {
  const outcome = (status: 'failed' | 'unknown', code: MicrocertErrorCode, message: string, details: Record<string, unknown> = {}): VerificationResult => ({
    profile,
    verified: false,
    status,
    checks: [{ id: 'format', outcome: status, code, message, details: { url, ...details } }],
    reason: { check: 'format', code },
  })
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeout), redirect: 'follow' })
  } catch (e) {
    return outcome('unknown', 'ERR_REGISTRY_UNREACHABLE', `could not fetch "${oneLine(url)}": ${e instanceof Error ? oneLine(e.message) : 'network error'}`)
  }
  if (res.status === 404 || res.status === 410) return outcome('failed', 'ERR_CREDENTIAL_NOT_FOUND', `"${oneLine(url)}" answered HTTP ${res.status}`, { status: res.status })
  if (!res.ok) return outcome('unknown', 'ERR_REGISTRY_UNREACHABLE', `"${oneLine(url)}" answered HTTP ${res.status}`, { status: res.status })
  const tooLarge = () => outcome('failed', 'ERR_INPUT_TOO_LARGE', `"${oneLine(url)}" is larger than ${MAX_BYTES} bytes`)
  if (Number(res.headers.get('content-length') ?? '0') > MAX_BYTES) return tooLarge()
  const reader = res.body?.getReader()
  if (reader === undefined) return ''
  const parts: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BYTES) {
      await reader.cancel()
      return tooLarge()
    }
    parts.push(value)
  }
  const text = Buffer.concat(parts).toString('utf8')
  // A captive portal or a proxy's error page: nothing was fetched, nothing is forged.
  if (/\bhtml\b/i.test(res.headers.get('content-type') ?? '') || /^\s*</.test(text)) {
    return outcome('unknown', 'ERR_REGISTRY_UNREACHABLE', `"${oneLine(url)}" answered with a web page, not a credential`, { reason: 'web-page' })
  }
  return text
}

async function readStdin(): Promise<Uint8Array> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).byteLength
    if (size > MAX_BYTES) throw new MicrocertError('ERR_INPUT_TOO_LARGE', `standard input is larger than ${MAX_BYTES} bytes`)
    parts.push(chunk as Buffer)
  }
  return new Uint8Array(Buffer.concat(parts))
}

const MARK: Record<string, string> = { passed: '✔', warning: '!', failed: '✖', unknown: '?', skipped: '-' }

function get(obj: unknown, ...keys: (string | number)[]): unknown {
  let cur = obj
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[k]
  }
  return cur
}

function shortDid(did: string): string {
  return did.length <= 48 ? did : `${did.slice(0, 32)}…${did.slice(-8)}`
}

/** The issuer as a verdict names it: the web address that publishes its keys, else its DID — never its own name alone. */
function who(r: VerificationResult): string | undefined {
  return r.issuer === undefined ? undefined : oneLine(r.issuer.domain ?? shortDid(r.issuer.id))
}

/** The first line: the verdict, chosen by severity (failed > could not check > untrusted issuer > other warnings). */
function verdictLine(r: VerificationResult): string {
  const reason = r.reason === undefined ? undefined : r.checks.find((c) => c.id === r.reason!.check && c.code === r.reason!.code)
  const why = reason === undefined ? '' : `${oneLine(reason.message)} (${reason.code})`
  switch (r.status) {
    case 'verified': {
      const by = r.issuer?.confirmedBy
      if (by === 'domain') return `VERIFIED: authentic, valid and not revoked; issued by ${who(r)} (the web address that publishes the issuer's keys)`
      if (by === 'key') return 'VERIFIED: authentic, valid and not revoked; signed with the key given by --key'
      return `VERIFIED: authentic, valid and not revoked; issued by a trusted issuer, ${oneLine(r.issuer?.name ?? r.issuer?.id ?? '')}`
    }
    case 'warning':
      if (r.reason?.code === 'ERR_ISSUER_UNCONFIRMED') return `WARNING: authentic, but the issuer is unknown: ${who(r)} (nothing outside the credential confirms it)`
      if (r.reason?.code === 'ERR_ISSUER_UNTRUSTED') return `WARNING: authentic, but ${who(r)} is not among your trusted issuers`
      return `WARNING: authentic, but ${why}`
    case 'failed':
      return `NOT VERIFIED: ${why}`
    default:
      return r.reason?.code === 'ERR_PROOF_UNSUPPORTED' || r.reason?.code === 'ERR_DID_METHOD_UNSUPPORTED'
        ? `COULD NOT CHECK: this format cannot be checked here: ${why}; this is not a forgery verdict`
        : `COULD NOT CHECK: ${why}; this is not a forgery verdict`
  }
}

/** What the person can do about it, named: the option that would have let the check run. */
function hints(r: VerificationResult): string[] {
  const out: string[] = []
  const insecure = (c: VerificationCheck) => c.code === 'ERR_DID_INSECURE' || c.details?.['reason'] === 'insecure'
  if (r.checks.some(insecure)) out.push('http://localhost refused: pass --allow-localhost-http (demos and tests only)')
  if (r.reason?.code === 'ERR_ISSUER_UNCONFIRMED') out.push('if you know this issuer, pass --trust <its DID>, or --trust-list URL|FILE')
  if (r.reason?.code === 'ERR_ISSUER_UNTRUSTED') out.push('pass --trust <DID> or --trust-list URL|FILE to trust more issuers')
  return out
}

function contentLines(c: unknown, indent: string): string[] {
  const lines: string[] = []
  const subject = get(c, 'credentialSubject')
  const ach = get(subject, 'achievement')
  const title = get(ach, 'name')
  if (typeof title === 'string') lines.push(`${indent}title:          ${oneLine(title)}`)
  const ids = get(subject, 'identifier')
  const learner = Array.isArray(ids) ? ids.find((i) => get(i, 'identityType') === 'name') : undefined
  const learnerName = get(learner, 'identityHash')
  if (typeof learnerName === 'string') lines.push(`${indent}learner:        ${oneLine(learnerName)}`)
  const ects = get(ach, 'creditsAvailable')
  if (typeof ects === 'number') lines.push(`${indent}ECTS:           ${ects}`)
  const alignment = get(ach, 'alignment')
  const eqf = Array.isArray(alignment) ? alignment.find((a) => get(a, 'targetType') === 'ext:EQFLevel') : undefined
  const eqfName = get(eqf, 'targetName') ?? get(eqf, 'targetCode')
  if (typeof eqfName === 'string') lines.push(`${indent}EQF level:      ${oneLine(eqfName)}`)
  // "Issued on" means one thing everywhere (issue output, widget, PDF): the date of award, else validFrom.
  const awarded = get(c, 'awardedDate')
  const issuedOn = typeof awarded === 'string' ? awarded : get(c, 'validFrom')
  if (typeof issuedOn === 'string') lines.push(`${indent}issued:         ${oneLine(issuedOn)}`)
  const validUntil = get(c, 'validUntil')
  if (typeof validUntil === 'string') lines.push(`${indent}valid until:    ${oneLine(validUntil)}`)
  return lines
}

/** What a wallet presentation shows: the course and the learner's claims the holder disclosed; the rest named as not disclosed. */
function presentationLines(claims: Record<string, unknown>, notDisclosed: readonly string[], indent: string): string[] {
  const lines: string[] = []
  const text = (label: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') lines.push(`${indent}${`${label}:`.padEnd(16)}${oneLine(String(value))}`)
  }
  text('title', claims['title'])
  const name = claims['name'] ?? ([claims['givenName'], claims['familyName']].filter((v) => typeof v === 'string').join(' ') || undefined)
  text('learner', name)
  text('ECTS', get(claims, 'notionalWorkload', 'value'))
  text('EQF level', claims['level'])
  text('issued', claims['issuanceDate'])
  text('grade', claims['grade'])
  if (notDisclosed.length > 0) lines.push(`${indent}${'not disclosed:'.padEnd(16)}${notDisclosed.map((n) => oneLine(n)).join(', ')} (the holder chose not to show them)`)
  return lines
}

/** The EU micro-credential elements, by name: how many are there, which are missing, which the holder did not show. */
function euElementLines(r: VerificationResult, indent: string): string[] {
  const eu = r.euElements
  if (eu === undefined) return []
  const names = (list: readonly EuElementReport[]) => list.map((e) => e.name).join(', ')
  const parts = [`${eu.present.length} of 11 present`]
  if (eu.missing.length > 0) parts.push(`missing: ${names(eu.missing)}`)
  if (eu.notDisclosed !== undefined && eu.notDisclosed.length > 0) parts.push(`not disclosed: ${names(eu.notDisclosed)}`)
  const lines = [`${indent}${'EU elements:'.padEnd(16)}${parts.join('; ')}`]
  if (r.profile === 'open-badge') lines.push(`${indent}${'profile:'.padEnd(16)}open-badge (EU elements reported, not required)`)
  return lines
}

function printResult(io: CliIo, r: VerificationResult): void {
  const lines = [verdictLine(r)]
  const trust = r.checks.find((c) => c.id === 'trust')
  // A worse problem headlines, but an issuer nobody vouched for is still named.
  if (r.status !== 'warning' && trust?.outcome === 'warning' && r.issuer !== undefined) lines.push(`  issuer not confirmed: ${who(r)}`)
  if (r.source !== undefined) lines.push(`  source:         a PDF certificate${r.source.name === undefined ? '' : `, attachment "${oneLine(r.source.name)}"`}`)
  if (r.certificateId !== undefined) lines.push(`  certificate ID: ${oneLine(r.certificateId)}`)
  if (r.presentation !== undefined) {
    lines.push('  presented from a wallet (SD-JWT VC): only what the holder disclosed')
    lines.push(...presentationLines(r.presentation.claims, r.presentation.notDisclosed, '  '))
    if (r.issuer !== undefined) lines.push(`  issuer:         ${oneLine(r.issuer.name ?? '(no name)')}${r.issuer.country === undefined ? '' : `, ${oneLine(r.issuer.country)}`} (${oneLine(shortDid(r.issuer.id))})`)
    lines.push(...euElementLines(r, '  '))
  } else if (r.credential !== undefined) {
    lines.push(...contentLines(r.credential, '  '))
    if (r.issuer !== undefined) {
      const by = r.issuer.confirmedBy
      const tag =
        r.issuer.trusted ? ' — trusted'
        : by === 'domain' ? ` — name as stated by ${who(r)}`
        : by === 'key' ? ''
        : r.issuer.domain === undefined ? ' — not confirmed: the name is its own claim'
        : ` — not confirmed: name as claimed by ${who(r)}`
      lines.push(
        `  issuer:         ${oneLine(r.issuer.name ?? '(no name)')}${r.issuer.country === undefined ? '' : `, ${oneLine(r.issuer.country)}`} (${oneLine(shortDid(r.issuer.id))})${tag}`,
      )
    }
    lines.push(...euElementLines(r, '  '))
  } else if (r.unverifiedCredential !== undefined) {
    // Could not check: what the credential says is shown apart, and says so, since no signature vouches for it.
    lines.push('  unverified content (no signature confirms it):')
    lines.push(...contentLines(r.unverifiedCredential, '    '))
    const issuerName = get(r.unverifiedCredential, 'issuer', 'name')
    if (typeof issuerName === 'string') lines.push(`    issuer claims:  ${oneLine(issuerName)}`)
    lines.push(...euElementLines(r, '    '))
  }
  if (r.statusInfo !== undefined) {
    lines.push(`  status:         ${oneLine(r.statusInfo.purpose)}${r.statusInfo.reason === undefined ? '' : ` — ${oneLine(r.statusInfo.reason)}`}`)
  }
  lines.push('checks:')
  for (const check of r.checks) {
    lines.push(`  ${MARK[check.outcome] ?? '?'} ${check.id.padEnd(9)} ${check.outcome.padEnd(8)} ${oneLine(check.message)}${check.code === undefined ? '' : ` (${check.code})`}`)
  }
  for (const hint of hints(r)) lines.push(`hint: ${hint}`)
  io.stdout.write(`${lines.join('\n')}\n`)
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
