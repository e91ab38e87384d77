import type { VerificationResult } from '@microcert/core'
import { credentialDetails } from './details.js'
import { loadedEngine } from './load-engine.js'

/** A registry URL as compared: absolute, no trailing slash. */
function normalised(url: string): string | undefined {
  try {
    return new URL(url, document.baseURI).href.replace(/\/+$/, '')
  } catch {
    return undefined
  }
}

/**
 * LinkedIn's add-certification link for a verified credential of `registry` (the page's own registry), or undefined:
 * only a credential whose id is `<registry>/credentials/<certificate ID>` gets one, so a page never offers to put
 * another issuer's credential on a profile. The fields come from what the widget shows ("Issued on" is `awardedDate`,
 * else `validFrom`); `linkedInAddToProfileUrl` percent-encodes every value.
 */
export function linkedInUrl(result: VerificationResult, registry: string | undefined, organizationId: string | undefined): string | undefined {
  const engine = loadedEngine()
  const certificateId = result.certificateId
  const credentialId = result.credential?.id
  if (!engine || !registry || !certificateId || typeof credentialId !== 'string') return undefined
  const suffix = `/credentials/${certificateId}`
  if (!credentialId.endsWith(suffix)) return undefined
  const own = normalised(credentialId.slice(0, -suffix.length))
  if (own === undefined || own !== normalised(registry)) return undefined
  const d = credentialDetails(result.credential, result.issuer)
  if (!d.title) return undefined
  try {
    return engine.linkedInAddToProfileUrl({
      name: d.title,
      ...(d.issuerName ? { organizationName: d.issuerName } : {}),
      ...(organizationId && /^\d+$/.test(organizationId) ? { organizationId } : {}),
      ...(d.issuedAt ? { issued: d.issuedAt } : {}),
      ...(d.validUntil ? { expires: d.validUntil } : {}),
      certUrl: `${own}/verify/?id=${encodeURIComponent(certificateId)}`,
      certId: certificateId,
    })
  } catch {
    // No awarding body to name (neither a name nor an organisation id): LinkedIn's form needs one.
    return undefined
  }
}
