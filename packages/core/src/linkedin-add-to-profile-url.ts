/** The fields of LinkedIn's "Add license or certification" form that a link can fill in. */
export interface LinkedInCertification {
  /** The certification's name: the micro-credential's title. */
  name: string
  /** The issuing organisation as text. At least one of `organizationName` and `organizationId` is required. */
  organizationName?: string
  /** The numeric id of the organisation's LinkedIn page; LinkedIn then links the certification to that page. */
  organizationId?: string | number
  /** Issue date (year and month are used, in UTC). */
  issued?: Date | string
  /** Expiry date (year and month, UTC). Omitted: the certification does not expire. */
  expires?: Date | string
  /** The credential URL LinkedIn shows as "Show credential": the share or verification page. */
  certUrl?: string
  /** The credential ID LinkedIn shows: the certificate ID. */
  certId?: string
}

const BASE = 'https://www.linkedin.com/profile/add'

/** RFC 3986 encoding: `encodeURIComponent` leaves `!'()*`, which some parsers treat specially, so they are escaped too. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function yearMonth(value: Date | string, field: string): [number, number] {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new TypeError(`linkedInAddToProfileUrl: ${field} is not a valid date`)
  return [date.getUTCFullYear(), date.getUTCMonth() + 1]
}

/**
 * The link to LinkedIn's add-certification form, pre-filled (`startTask=CERTIFICATION_NAME` with `name`,
 * `organizationName` or `organizationId`, `issueYear`/`issueMonth`, `expirationYear`/`expirationMonth`, `certUrl`,
 * `certId`). Every value is percent-encoded (RFC 3986), so names with `&`, `#`, `+`, quotes or diacritics arrive intact.
 *
 * @example
 * linkedInAddToProfileUrl({
 *   name: 'Applied Data Ethics', organizationName: 'Univerzita Příkladová', issued: '2026-06-15T09:00:00Z',
 *   certUrl: 'https://uni.example/microcerts/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K/', certId: 'MC-7KQ4-9XJ2-PM3A-W8TD-K',
 * })
 * // 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Applied%20Data%20Ethics&organizationName=…'
 * @throws TypeError for a missing name, no organisation, or an invalid date (no MicrocertError: the inputs are the caller's own)
 */
export function linkedInAddToProfileUrl(certification: LinkedInCertification): string {
  if (typeof certification !== 'object' || certification === null) throw new TypeError('linkedInAddToProfileUrl: certification must be an object')
  const { name, organizationName, organizationId, issued, expires, certUrl, certId } = certification
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('linkedInAddToProfileUrl: name is required')
  const hasName = typeof organizationName === 'string' && organizationName.trim() !== ''
  const hasId = (typeof organizationId === 'string' && /^\d+$/.test(organizationId)) || (typeof organizationId === 'number' && Number.isInteger(organizationId) && organizationId > 0)
  if (!hasName && !hasId) throw new TypeError('linkedInAddToProfileUrl: give organizationName or a numeric organizationId')
  const params: [string, string][] = [
    ['startTask', 'CERTIFICATION_NAME'],
    ['name', name.trim()],
  ]
  if (hasId) params.push(['organizationId', String(organizationId)])
  if (hasName) params.push(['organizationName', organizationName.trim()])
  if (issued !== undefined) {
    const [year, month] = yearMonth(issued, 'issued')
    params.push(['issueYear', String(year)], ['issueMonth', String(month)])
  }
  if (expires !== undefined) {
    const [year, month] = yearMonth(expires, 'expires')
    params.push(['expirationYear', String(year)], ['expirationMonth', String(month)])
  }
  if (certUrl !== undefined && certUrl !== '') params.push(['certUrl', certUrl])
  if (certId !== undefined && certId !== '') params.push(['certId', certId])
  return `${BASE}?${params.map(([key, value]) => `${key}=${encode(value)}`).join('&')}`
}
