import type { VerificationCheck, VerificationResult } from '@microcert/core'
import type { CredentialDetails } from './details.js'
import type { Translator } from './i18n.js'
import { cleanText, LIMITS } from './sanitize.js'

const TAMPERED: ReadonlySet<string> = new Set([
  'ERR_SIGNATURE_INVALID', 'ERR_KEY_NOT_FOUND', 'ERR_KEY_NOT_AUTHORIZED', 'ERR_ISSUER_MISMATCH', 'ERR_ALGORITHM_UNSUPPORTED',
  'ERR_JWT_HEADER_FORBIDDEN',
])
const UNSUPPORTED: ReadonlySet<string> = new Set(['ERR_PROOF_UNSUPPORTED', 'ERR_DID_METHOD_UNSUPPORTED', 'ERR_CONTEXT_UNKNOWN', 'ERR_CONTEXT_INVALID'])
const ISSUER_NOT_CONFIRMED: ReadonlySet<string> = new Set(['ERR_ISSUER_UNTRUSTED', 'ERR_ISSUER_UNCONFIRMED'])

/**
 * The issuer as a verdict names it: the web address that publishes its keys (did:web), else its DID, shortened —
 * never the name it gives itself.
 */
export function issuerWho(result: VerificationResult): string | undefined {
  const issuer = result.issuer
  if (!issuer) return undefined
  const did = issuer.id.length <= 48 ? issuer.id : `${issuer.id.slice(0, 32)}…${issuer.id.slice(-8)}`
  return cleanText(issuer.domain, LIMITS.name) ?? cleanText(did, LIMITS.name)
}

/** The check that decides the verdict (`result.reason`; without one, the first check with the result's outcome). */
function decisive(result: VerificationResult): VerificationCheck | undefined {
  const { reason } = result
  return result.checks.find((c) => (reason ? c.id === reason.check && c.code === reason.code : c.outcome === result.status))
}

/**
 * The plain-language verdict: chosen by severity (DESIGN §5: failed > could not check > untrusted or unconfirmed
 * issuer > other warnings), naming an issuer nobody vouched for by its web address or DID in every verdict.
 */
export function verdictText(t: Translator, result: VerificationResult, details: CredentialDetails): { headline: string; explanation?: string } {
  const check = decisive(result)
  const code = check?.code
  const who = issuerWho(result)
  const name = details.issuerName
  const codeText = t.error(code)
  const join = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' ')
  let headline: string
  let explanation: string | undefined
  switch (result.status) {
    case 'verified': {
      const by = result.issuer?.confirmedBy
      // Under the `open-badge` profile a credential without all EU elements is an authentic Open Badge, not a micro-credential.
      const badge = result.checks.some((c) => c.id === 'schema' && c.details?.['profile'] === 'open-badge')
      if (by === 'domain' && who) {
        headline = t.t(badge ? 'verdictVerifiedBadge' : 'verdictVerified', { issuer: who })
        if (name) explanation = t.t('statedName', { name, domain: who })
      } else if (name && (by === 'trust-list' || by === 'trusted-issuers')) {
        headline = t.t(badge ? 'verdictVerifiedBadge' : 'verdictVerified', { issuer: name })
      } else {
        headline = t.t(badge ? 'verdictVerifiedBadgeNoIssuer' : 'verdictVerifiedNoIssuer')
      }
      return explanation ? { headline, explanation } : { headline }
    }
    case 'warning': {
      if (code && ISSUER_NOT_CONFIRMED.has(code) && who) {
        return {
          headline: t.t(code === 'ERR_ISSUER_UNCONFIRMED' ? 'verdictIssuerUnknown' : 'verdictUntrusted', { issuer: who }),
          explanation: name ? t.t('claimedName', { name }) : codeText ?? '',
        }
      }
      if (code === 'ERR_CREDENTIAL_EXPIRED') {
        const date = t.date(details.validUntil)
        headline = date ? t.t('verdictExpired', { date }) : t.t('verdictExpiredNoDate')
      } else {
        headline = t.t('verdictWarning')
        explanation = codeText
      }
      break
    }
    case 'failed': {
      if (code === 'ERR_CREDENTIAL_REVOKED' || code === 'ERR_CREDENTIAL_SUSPENDED') {
        const date = t.date(result.statusInfo?.since)
        const reason = cleanText(result.statusInfo?.reason, LIMITS.text)
        headline = code === 'ERR_CREDENTIAL_SUSPENDED' ? t.t('verdictSuspended') : date ? t.t('verdictRevoked', { date }) : t.t('verdictRevokedNoDate')
        if (reason) explanation = t.t('reason', { reason })
      } else if (code && TAMPERED.has(code)) {
        headline = t.t('verdictTampered')
        explanation = codeText
      } else if (code === 'ERR_CREDENTIAL_NOT_FOUND') {
        headline = t.t('verdictNotFound')
      } else if (code === 'ERR_CERTIFICATE_ID_INVALID') {
        headline = t.t('verdictIdInvalid')
      } else if (code?.startsWith('ERR_PDF_')) {
        headline = t.t('verdictPdf')
        explanation = codeText
      } else if (code === 'ERR_REGISTRY_UNTRUSTED') {
        headline = t.t('verdictRegistryUntrusted', { registry: cleanText(check?.details?.['registry'], LIMITS.url) ?? '' })
        explanation = codeText
      } else {
        headline = t.t('verdictFailed')
        explanation = codeText
      }
      break
    }
    default: {
      if (check?.details?.['reason'] === 'verifier-unavailable') {
        headline = t.t('verdictVerifierUnavailable')
        explanation = t.t('unknownHint')
      } else if (code && UNSUPPORTED.has(code)) {
        headline = t.t('verdictUnsupported')
        explanation = join(codeText, t.t('unsupportedHint'))
      } else if (check?.id === 'status') {
        headline = t.t('verdictStatusUnknown')
        explanation = join(codeText, t.t('unknownHint'))
      } else if (code === 'ERR_REGISTRY_UNREACHABLE') {
        headline = t.t('verdictRegistryUnknown')
        explanation = t.t('unknownHint')
      } else {
        headline = t.t('verdictUnknown')
        explanation = join(codeText, t.t('unknownHint'))
      }
    }
  }
  // A worse problem headlines, but an issuer nobody vouched for is still named.
  const trust = result.checks.find((c) => c.id === 'trust')
  if (result.status !== 'warning' && trust?.outcome === 'warning' && who) headline = t.t('headlineIssuerNote', { headline, issuer: who })
  return explanation ? { headline, explanation } : { headline }
}
