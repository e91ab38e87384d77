import { MicrocertError, type MicrocertErrorCode } from '../errors.js'

/** jose error codes (`err.code`) and the microcert code each becomes. */
export const JOSE_ERROR_CODES: Readonly<Record<string, MicrocertErrorCode>> = {
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'ERR_SIGNATURE_INVALID',
  ERR_JWS_INVALID: 'ERR_JWS_MALFORMED',
  ERR_JWT_INVALID: 'ERR_JWS_MALFORMED',
  ERR_JOSE_ALG_NOT_ALLOWED: 'ERR_ALGORITHM_UNSUPPORTED',
  ERR_JOSE_NOT_SUPPORTED: 'ERR_ALGORITHM_UNSUPPORTED',
  ERR_JWK_INVALID: 'ERR_KEY_INVALID',
  ERR_JWKS_NO_MATCHING_KEY: 'ERR_KEY_NOT_FOUND',
  ERR_JWT_EXPIRED: 'ERR_CREDENTIAL_EXPIRED',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'ERR_JWT_PAYLOAD_INVALID',
}

/** Wraps an error thrown by jose (or WebCrypto under it) into a MicrocertError; the jose error stays as `cause`. */
export function fromJoseError(error: unknown, fallback: MicrocertErrorCode = 'ERR_SIGNATURE_INVALID'): MicrocertError {
  if (error instanceof MicrocertError) return error
  const joseCode = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined
  const code = (joseCode !== undefined ? JOSE_ERROR_CODES[joseCode] : undefined) ?? fallback
  const message =
    code === 'ERR_SIGNATURE_INVALID' ? 'The signature does not match the token and the issuer key' : `The token was rejected (${joseCode ?? 'crypto error'})`
  return new MicrocertError(code, message, { cause: error })
}
