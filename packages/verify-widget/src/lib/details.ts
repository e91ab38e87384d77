import { cleanText, LIMITS, safeUrl } from './sanitize.js'

type Rec = Record<string, unknown>

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
const rec = (v: unknown): Rec => (isRec(v) ? v : {})
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])

/** What the widget shows about a credential: every field already neutralised and length-capped. */
export interface CredentialDetails {
  title?: string
  learner?: string
  issuerName?: string
  issuerCountry?: string
  issuerUrl?: string
  issuedAt?: string
  validUntil?: string
  ects?: number
  eqf?: number
  outcomes: string[]
  outcomesMore: number
  assessment: string[]
  participation?: string
  participationNote?: string
  qualityAssurance: string[]
  grade?: string
  image?: string
}

function textList(values: unknown, ...keys: string[]): { items: string[]; more: number } {
  const all = arr(values)
    .map((v) => (isRec(v) ? keys.map((k) => v[k]).find((x) => typeof x === 'string') : v))
    .map((v) => cleanText(v, LIMITS.text))
    .filter((v): v is string => v !== undefined)
  return { items: all.slice(0, LIMITS.list), more: Math.max(0, all.length - LIMITS.list) }
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined
}

function dateText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 64 && !Number.isNaN(Date.parse(value)) ? value : undefined
}

/** Reads the displayed fields out of a (possibly hostile) credential object; never throws. */
export function credentialDetails(credential: unknown, issuerInfo?: { name?: string; country?: string }): CredentialDetails {
  const c = rec(credential)
  const subject = rec(Array.isArray(c['credentialSubject']) ? c['credentialSubject'][0] : c['credentialSubject'])
  const achievement = rec(subject['achievement'])
  const issuer = rec(c['issuer'])
  const address = rec(issuer['address'])

  const learnerName =
    arr(subject['identifier'])
      .filter(isRec)
      .find((i) => i['identityType'] === 'name' && i['hashed'] !== true)?.['identityHash'] ?? subject['name']

  const eqfAlignment = arr(achievement['alignment'])
    .filter(isRec)
    .find((a) => a['targetType'] === 'ext:EQFLevel')
  let eqf = num(eqfAlignment?.['targetCode'])
  if (eqf === undefined && typeof eqfAlignment?.['targetUrl'] === 'string') {
    eqf = num(/\/eqf\/(\d)$/.exec(eqfAlignment['targetUrl'])?.[1])
  }

  const outcomes = textList(achievement['learningOutcome'], 'name', 'description', 'title')
  const participationRaw = achievement['formOfParticipation']
  const participation = isRec(participationRaw) ? participationRaw['type'] ?? participationRaw['name'] : participationRaw
  const grade = arr(subject['result'])
    .filter(isRec)
    .map((r) => r['value'] ?? r['achievedLevel'])
    .find((v) => typeof v === 'string' || typeof v === 'number')
  const imageRaw = achievement['image'] ?? c['image']

  const details: CredentialDetails = {
    outcomes: outcomes.items,
    outcomesMore: outcomes.more,
    assessment: textList(achievement['typeOfAssessment'], 'name', 'type').items,
    qualityAssurance: textList(achievement['qualityAssurance'], 'name', 'type').items,
  }
  const set = <K extends keyof CredentialDetails>(key: K, value: CredentialDetails[K] | undefined): void => {
    if (value !== undefined) details[key] = value
  }
  set('title', cleanText(achievement['name'] ?? c['name']))
  set('learner', cleanText(learnerName))
  set('issuerName', cleanText(issuerInfo?.name ?? issuer['name']))
  set('issuerCountry', cleanText(issuerInfo?.country ?? address['addressCountryCode'], 2))
  set('issuerUrl', safeUrl(issuer['url']))
  set('issuedAt', dateText(c['awardedDate']) ?? dateText(c['validFrom']) ?? dateText(c['issuanceDate']))
  set('validUntil', dateText(c['validUntil']) ?? dateText(c['expirationDate']))
  set('ects', num(achievement['creditsAvailable']) ?? num(achievement['ectsCredits']))
  set('eqf', eqf !== undefined && Number.isInteger(eqf) && eqf >= 1 && eqf <= 8 ? eqf : undefined)
  set('participation', cleanText(participation, LIMITS.text))
  set('participationNote', cleanText(achievement['participationNote'], LIMITS.text))
  set('grade', cleanText(grade))
  set('image', safeUrl(isRec(imageRaw) ? imageRaw['id'] : imageRaw))
  return details
}
