import type { MicrocertErrorCode } from '@microcert/core'

/**
 * An OAuth 2.0 / OpenID4VCI error response: `error` is the protocol's code a wallet understands, `microcert_code` the
 * stable microcert code (absent for an unexpected server error), `error_description` one line for a person.
 */
export function oauthError(status: number, error: string, code: MicrocertErrorCode | undefined, description: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { error, error_description: description, ...(code === undefined ? {} : { microcert_code: code }) },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  )
}

/** A JSON response that must not be cached (tokens, nonces, credentials). */
export function noStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } })
}
