import type { VerificationCheck } from '../types.js'
import { secondsOf } from './jwt-claims.js'

/**
 * The `validity` check: `validFrom`/`validUntil` (or VC 1.1 `issuanceDate`/`expirationDate`) and the JWT's `nbf`/`exp`
 * against `now` ± `clockTolerance` seconds. Expired is a warning (authentic, but past its end); not yet valid fails.
 */
export function checkValidity(
  credential: Record<string, unknown>,
  payload: Record<string, unknown> | undefined,
  now: Date,
  clockTolerance: number,
): VerificationCheck {
  const inconsistent = (message: string, details?: Record<string, unknown>): VerificationCheck => ({
    id: 'validity',
    outcome: 'failed',
    code: 'ERR_VALIDITY_INCONSISTENT',
    message,
    ...(details === undefined ? {} : { details }),
  })
  const fromText = credential['validFrom'] ?? credential['issuanceDate']
  const untilText = credential['validUntil'] ?? credential['expirationDate']
  const from = secondsOf(fromText)
  const until = secondsOf(untilText)
  if (fromText !== undefined && from === undefined) return inconsistent('"validFrom" is not a date')
  if (untilText !== undefined && until === undefined) return inconsistent('"validUntil" is not a date')
  const nbf = payload?.['nbf']
  const exp = payload?.['exp']
  if (nbf !== undefined && (typeof nbf !== 'number' || (from !== undefined && nbf !== from))) {
    return inconsistent('The JWT "nbf" differs from "validFrom"', { nbf, validFrom: fromText })
  }
  if (exp !== undefined && (typeof exp !== 'number' || (until !== undefined && exp !== until))) {
    return inconsistent('The JWT "exp" differs from "validUntil"', { exp, validUntil: untilText })
  }
  const start = from ?? (nbf as number | undefined)
  const end = until ?? (exp as number | undefined)
  if (start !== undefined && end !== undefined && end < start) return inconsistent('"validUntil" is before "validFrom"')
  const nowSeconds = now.getTime() / 1000
  if (start !== undefined && nowSeconds + clockTolerance < start) {
    return {
      id: 'validity',
      outcome: 'failed',
      code: 'ERR_CREDENTIAL_NOT_YET_VALID',
      message: `The credential is valid only from ${new Date(start * 1000).toISOString()}`,
      details: { validFrom: new Date(start * 1000).toISOString() },
    }
  }
  if (end !== undefined && nowSeconds - clockTolerance > end) {
    return {
      id: 'validity',
      outcome: 'warning',
      code: 'ERR_CREDENTIAL_EXPIRED',
      message: `The credential expired on ${new Date(end * 1000).toISOString()}`,
      details: { validUntil: new Date(end * 1000).toISOString() },
    }
  }
  return { id: 'validity', outcome: 'passed', message: end === undefined ? 'The credential is valid and does not expire' : 'The credential is within its validity period' }
}
