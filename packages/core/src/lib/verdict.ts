import { EU_ELEMENTS, type EuElement } from '@microcert/schemas'
import type { MicrocertError } from '../errors.js'
import type { EuElementsReport, VerificationCheck, VerificationCheckId, VerificationResult, VerificationStatus } from '../types.js'

/**
 * The severity of a check's outcome, which decides a result's status and headline: failed > could not check >
 * untrusted / unconfirmed issuer > expired > other warnings (EU elements missing, legacy format). Never by check order.
 */
function severity(check: VerificationCheck): number {
  switch (check.outcome) {
    case 'failed':
      return 5
    case 'unknown':
      return 4
    case 'warning':
      return check.id === 'trust' ? 3 : check.id === 'validity' ? 2 : 1
    default:
      return 0
  }
}

const STATUS_BY_SEVERITY: readonly VerificationStatus[] = ['verified', 'warning', 'warning', 'warning', 'unknown', 'failed']

/** `status` and `reason` of a result from its checks: the most severe outcome decides; among equals the earlier check. */
export function decide(checks: readonly VerificationCheck[]): Pick<VerificationResult, 'verified' | 'status' | 'reason'> {
  let decisive: VerificationCheck | undefined
  for (const check of checks) if (severity(check) > (decisive === undefined ? 0 : severity(decisive))) decisive = check
  const status = STATUS_BY_SEVERITY[decisive === undefined ? 0 : severity(decisive)]!
  return decisive?.code === undefined ? { verified: status === 'verified', status } : { verified: false, status, reason: { check: decisive.id, code: decisive.code } }
}

export function toCheck(id: VerificationCheckId, outcome: VerificationCheck['outcome'], error: MicrocertError): VerificationCheck {
  return { id, outcome, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: { ...error.details } }) }
}

/** Which EU elements are there and which are not, named (`EU_ELEMENTS`), in Annex order. */
export function euElementsReport(missing: readonly EuElement[], notDisclosed: readonly EuElement[] = []): EuElementsReport {
  const named = (element: EuElement) => ({ element, name: EU_ELEMENTS[element] })
  const all = (Object.keys(EU_ELEMENTS).map(Number) as EuElement[])
  const report: EuElementsReport = {
    present: all.filter((e) => !missing.includes(e) && !notDisclosed.includes(e)).map(named),
    missing: all.filter((e) => missing.includes(e)).map(named),
  }
  if (notDisclosed.length > 0) report.notDisclosed = all.filter((e) => notDisclosed.includes(e)).map(named)
  return report
}
