import { isMicrocertError, type MicrocertErrorCode } from '@microcert/core'

/** A usage mistake (exit 2) or a failure the CLI explains itself (exit 1), with a hint line. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly hint?: string,
  ) {
    super(message)
  }
}

export function usageError(message: string, command?: string): CliError {
  return new CliError(message, 2, `run "microcert ${command === undefined ? '' : `${command} `}--help" for usage`)
}

const HINTS: Partial<Record<MicrocertErrorCode, string>> = {
  ERR_STORE_EXISTS: 'that directory already holds an issuer; pick another directory or use it as it is',
  ERR_STORE_NOT_FOUND: 'check the store location; or create an issuer first: microcert init <store> --did did:web:… --name … --country CZ --url https://…',
  ERR_STORE_CORRUPT: 'the store is damaged or newer than this microcert; restore it from a backup (the journal lists every change) or upgrade',
  ERR_STORE_LOCKED: 'another microcert process is using this issuer; wait for it to finish',
  ERR_KEY_FILE_MISSING: "the issuer's private key file is missing or unreadable; restore it from your backup",
  ERR_RECORD_NOT_FOUND: 'check the certificate ID; "microcert verify <id> --registry <url>" shows what is published',
  ERR_STATE_CONFLICT: 'a revoked credential stays revoked; only a suspended one can be reinstated',
  ERR_INPUT_INVALID: 'fix the fields listed above; "microcert issue --template" shows every column',
  ERR_CSV_INVALID: 'save the file as "CSV UTF-8"; "microcert issue --template" prints a correct header',
  ERR_CERTIFICATE_ID_INVALID: 'certificate IDs look like MC-37XX-7N95-92BM-J58H-2; check for a mistyped character',
  ERR_REGISTRY_UNREACHABLE: 'check the --registry URL and your network',
  ERR_KEY_INVALID: '--key expects a public JWK (JSON with kty, crv, x[, y])',
  ERR_JSON_MALFORMED: 'the file is not valid JSON',
  ERR_WRITE_FAILED: 'check permissions and free disk space',
  ERR_DID_INVALID: 'a did:web looks like did:web:uni.example or did:web:localhost%3A8080',
}

/** Formats any thrown value as one line plus a hint; the stack only with `debug`. */
export function formatError(err: unknown, debug: boolean): { text: string; exitCode: number } {
  const lines: string[] = []
  let exitCode = 1
  let hint: string | undefined
  if (err instanceof CliError) {
    lines.push(`error: ${err.message}`)
    hint = err.hint
    exitCode = err.exitCode
  } else if (isMicrocertError(err)) {
    lines.push(`error: ${err.message} (${err.code})`)
    const issues = err.details?.['issues']
    if (Array.isArray(issues)) for (const issue of issues.slice(0, 20)) lines.push(`  - ${String(issue)}`)
    if (Array.isArray(issues) && issues.length > 20) lines.push(`  … and ${issues.length - 20} more`)
    hint =
      err.details?.['reason'] === 'connection-lost'
        ? 'the connection to the database dropped; run the same command again (nothing is issued twice)'
        : HINTS[err.code]
  } else if (err instanceof Error && 'code' in err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) {
    // Node system errors (ENOENT, EACCES, EADDRINUSE…): the message already names the path or port.
    lines.push(`error: ${err.message}`)
    hint =
      err.code === 'ENOENT' ? 'check the path' : err.code === 'EADDRINUSE' ? 'pick another --port (0 picks a free one)' : undefined
  } else {
    lines.push(`error: ${err instanceof Error ? err.message : String(err)}`)
    if (!debug) hint = 'this looks like a bug; run again with --debug and report the stack trace'
  }
  if (hint !== undefined) lines.push(`hint: ${hint}`)
  if (debug && err instanceof Error && err.stack !== undefined) lines.push(err.stack)
  return { text: `${lines.join('\n')}\n`, exitCode }
}
