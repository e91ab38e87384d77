import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { lookupCredential, verifyCredential, MicrocertError, type VerificationResult, type VerifyOptions } from '@microcert/core'
import { usageError } from '../lib/cli-error.js'
import { flag, str, strs, type Command } from '../lib/command.js'
import type { CliIo } from '../lib/io.js'
import { readJsonFile } from '../lib/read-json-file.js'

const MAX_BYTES = 1024 * 1024
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
/** Loose on purpose: a mistyped ID must still go to lookup, which reports the typo. */
const LOOKS_LIKE_ID = /^mc[-\s]?[0-9a-z][0-9a-z\s-]{8,40}$/i

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a micro-credential: signature, issuer, EU elements, trust, validity and revocation.',
  synopsis:
    'microcert verify <jwt | file | url | -> [--trust DID]… [--trust-list URL|FILE] [--key jwk.json] [--json]\n' +
    'microcert verify <certificate-id> --registry URL [options]\n' +
    'microcert verify <registry>/verify/?id=<certificate-id> [options]',
  optionHelp: [
    ['--registry URL', 'registry base URL, to look up a certificate ID'],
    ['--trust DID', 'trust this issuer DID (repeatable)'],
    ['--trust-list URL|FILE', 'trust the issuers on this trust list'],
    ['--key FILE', "verify offline against this public JWK instead of resolving the issuer's DID"],
    ['--allow-localhost-http', 'allow http://localhost for DIDs, status lists and the registry (demo, tests)'],
    ['--no-status', 'skip the revocation/suspension check'],
    ['--timeout MS', 'network timeout per request (default 10000)'],
    ['--json', 'print the verification result as JSON'],
  ],
  details:
    'Exit code 0 only when the result is "verified"; 1 for failed, warning (expired, untrusted, EU elements\n' +
    'missing) or unknown (could not check); 2 for usage errors.',
  examples: [
    'microcert verify MC-37XX-7N95-92BM-J58H-2 --registry https://uni.example/microcerts --trust did:web:uni.example:microcerts',
    'microcert verify ./credential.jwt --key issuer-public.jwk.json --json',
  ],
  options: {
    registry: { type: 'string' },
    trust: { type: 'string', multiple: true },
    'trust-list': { type: 'string' },
    key: { type: 'string' },
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
      result = await verifyCredential(await fetchText(raw, options.timeout ?? 10_000), options)
    } else if (JWT.test(raw) || raw.startsWith('{')) {
      result = await verifyCredential(raw, options)
    } else if (raw === '-') {
      result = await verifyCredential(await readStdin(), options)
    } else {
      const path = resolve(io.cwd, raw)
      const info = await stat(path).catch(() => undefined)
      if (info === undefined || !info.isFile()) {
        throw usageError(`"${raw}" is not a file, a URL, a JWT or a certificate ID`, 'verify')
      }
      if (info.size > MAX_BYTES) throw new MicrocertError('ERR_INPUT_TOO_LARGE', `"${raw}" is ${info.size} bytes; the limit is ${MAX_BYTES}`)
      result = await verifyCredential(new Uint8Array(await readFile(path)), options)
    }
    if (flag(args, 'json')) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    else printResult(io, result)
    return result.verified ? 0 : 1
  },
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

async function fetchText(url: string, timeout: number): Promise<string> {
  let res: Response
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeout), redirect: 'follow' })
  } catch (e) {
    throw new MicrocertError('ERR_REGISTRY_UNREACHABLE', `could not fetch "${url}": ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  if (res.status === 404 || res.status === 410) throw new MicrocertError('ERR_CREDENTIAL_NOT_FOUND', `"${url}" answered HTTP ${res.status}`)
  if (!res.ok) throw new MicrocertError('ERR_REGISTRY_UNREACHABLE', `"${url}" answered HTTP ${res.status}`)
  const length = Number(res.headers.get('content-length') ?? '0')
  if (length > MAX_BYTES) throw new MicrocertError('ERR_INPUT_TOO_LARGE', `"${url}" is ${length} bytes; the limit is ${MAX_BYTES}`)
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
      throw new MicrocertError('ERR_INPUT_TOO_LARGE', `"${url}" is larger than ${MAX_BYTES} bytes`)
    }
    parts.push(value)
  }
  return Buffer.concat(parts).toString('utf8')
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

const VERDICT: Record<VerificationResult['status'], string> = {
  verified: 'VERIFIED: authentic, issued by a trusted issuer, valid and not revoked',
  warning: 'WARNING: authentic, but see the checks marked "warning"',
  failed: 'NOT VERIFIED: see the failed check',
  unknown: 'COULD NOT CHECK: a check could not be completed (network?); this is not a forgery verdict',
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

function printResult(io: CliIo, r: VerificationResult): void {
  const trustSkipped = r.checks.some((c) => c.id === 'trust' && c.outcome === 'skipped')
  const lines = [
    r.status === 'verified' && trustSkipped
      ? 'VERIFIED: authentic, valid and not revoked (trust not checked: add --trust DID or --trust-list URL)'
      : (VERDICT[r.status] ?? r.status),
  ]
  if (r.certificateId !== undefined) lines.push(`  certificate ID: ${oneLine(r.certificateId)}`)
  const c = r.credential as unknown
  const subject = get(c, 'credentialSubject')
  const ach = get(subject, 'achievement')
  const title = get(ach, 'name')
  if (typeof title === 'string') lines.push(`  title:          ${oneLine(title)}`)
  const ids = get(subject, 'identifier')
  const learner = Array.isArray(ids) ? ids.find((i) => get(i, 'identityType') === 'name') : undefined
  const learnerName = get(learner, 'identityHash')
  if (typeof learnerName === 'string') lines.push(`  learner:        ${oneLine(learnerName)}`)
  if (r.issuer !== undefined) {
    lines.push(
      `  issuer:         ${oneLine(r.issuer.name ?? '(no name)')}${r.issuer.country === undefined ? '' : `, ${oneLine(r.issuer.country)}`} (${oneLine(r.issuer.id)})` +
        (r.issuer.trusted ? ' — trusted' : trustSkipped ? '' : ' — not on your trusted issuers: its name is its own claim'),
    )
  }
  const ects = get(ach, 'creditsAvailable')
  if (typeof ects === 'number') lines.push(`  ECTS:           ${ects}`)
  const alignment = get(ach, 'alignment')
  const eqf = Array.isArray(alignment) ? alignment.find((a) => get(a, 'targetType') === 'ext:EQFLevel') : undefined
  const eqfName = get(eqf, 'targetName') ?? get(eqf, 'targetCode')
  if (typeof eqfName === 'string') lines.push(`  EQF level:      ${oneLine(eqfName)}`)
  const validFrom = get(c, 'validFrom')
  if (typeof validFrom === 'string') lines.push(`  issued:         ${oneLine(validFrom)}`)
  const validUntil = get(c, 'validUntil')
  if (typeof validUntil === 'string') lines.push(`  valid until:    ${oneLine(validUntil)}`)
  if (r.statusInfo !== undefined) {
    lines.push(`  status:         ${oneLine(r.statusInfo.purpose)}${r.statusInfo.reason === undefined ? '' : ` — ${oneLine(r.statusInfo.reason)}`}`)
  }
  lines.push('checks:')
  for (const check of r.checks) {
    lines.push(`  ${MARK[check.outcome] ?? '?'} ${check.id.padEnd(9)} ${check.outcome.padEnd(8)} ${oneLine(check.message)}${check.code === undefined ? '' : ` (${check.code})`}`)
  }
  io.stdout.write(`${lines.join('\n')}\n`)
}

/**
 * Credential text is untrusted, even when signed: strip control, zero-width and bidi characters so it cannot repaint
 * the terminal or reorder what a person reads. Every credential-derived value printed goes through here.
 */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, ' ').slice(0, 300)
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

