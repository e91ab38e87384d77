import type { VerificationResult } from '@microcert/core'
import type { UiKey } from '../i18n/en.js'
import type { CredentialDetails } from './details.js'
import { cleanText, LIMITS, safeUrl } from './sanitize.js'

type Presentation = NonNullable<VerificationResult['presentation']>

/** A disclosed claim the details list has no row of its own for: a text, a date or a number of ECTS credits. */
export interface ClaimRow {
  label: UiKey
  text?: string
  date?: string
  ects?: number
}

/** What the widget shows of a wallet's presentation: the disclosed claims, and the labels of those not disclosed. */
export interface PresentationDetails {
  details: CredentialDetails
  rows: ClaimRow[]
  /** Each selectively disclosable claim the holder kept back, by the label of its row ("not disclosed"). */
  hidden: UiKey[]
}

/** Selectively disclosable claims (core's list) with a row of their own, by label; the name claims are one row. */
const CLAIM_LABEL: Readonly<Record<string, UiKey>> = {
  identifier: 'certificateId',
  sub: 'claimSub',
  dateOfBirth: 'claimDateOfBirth',
  mail: 'claimEmail',
  studentId: 'claimStudentId',
  issuanceDate: 'issued',
  activityStartDate: 'claimActivityStart',
  activityEndDate: 'claimActivityEnd',
  grade: 'grade',
  creditsEarned: 'claimCreditsEarned',
  additionalNote: 'claimNote',
}
const NAME_CLAIMS = ['name', 'givenName', 'familyName']

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const texts = (v: unknown, key?: string): string[] =>
  (Array.isArray(v) ? v : [])
    .map((item) => cleanText(key && isRec(item) ? item[key] : item, LIMITS.text))
    .filter((item): item is string => item !== undefined)
    .slice(0, LIMITS.list)
const date = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 64 && !Number.isNaN(Date.parse(v)) ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/**
 * Reads what an SD-JWT VC presentation shows (the claims of core's micro-credential type, possibly hostile) into the
 * widget's details, every text neutralised and capped like a credential's: only what the holder disclosed, and each
 * claim it kept back named as such. Never throws.
 */
export function presentationDetails(presentation: Presentation, issuer: VerificationResult['issuer']): PresentationDetails {
  const c: Record<string, unknown> = isRec(presentation.claims) ? presentation.claims : {}
  const workload = isRec(c['notionalWorkload']) ? c['notionalWorkload'] : {}
  const level = typeof c['level'] === 'string' ? /^EQF-([1-8])$/.exec(c['level'])?.[1] : undefined
  const learner = cleanText(c['name']) ?? cleanText([c['givenName'], c['familyName']].filter((n) => typeof n === 'string').join(' '))
  const details: CredentialDetails = {
    outcomes: texts(c['learningOutcomes']),
    outcomesMore: Math.max(0, (Array.isArray(c['learningOutcomes']) ? c['learningOutcomes'].length : 0) - LIMITS.list),
    assessment: texts(c['typeOfAssessment']),
    qualityAssurance: texts(c['qualityAssurance'], 'name'),
  }
  const set = <K extends keyof CredentialDetails>(key: K, value: CredentialDetails[K] | undefined): void => {
    if (value !== undefined) details[key] = value
  }
  set('title', cleanText(c['title']))
  set('learner', learner)
  set('issuerName', cleanText(issuer?.name ?? c['awardingBody']))
  set('issuerCountry', cleanText(issuer?.country ?? c['issuerCountry'], 2))
  set('issuerUrl', safeUrl(c['awardingBodyHomepage']))
  set('issuedAt', date(c['issuanceDate']))
  set('validUntil', date(presentation.expiresAt))
  set('ects', workload['unit'] === 'ECTS' ? num(workload['value']) : undefined)
  set('eqf', level === undefined ? undefined : Number(level))
  // core's type writes `on-site`; the details speak Open Badges' `onsite`.
  set('participation', cleanText(c['formOfParticipation'] === 'on-site' ? 'onsite' : c['formOfParticipation'], LIMITS.text))
  set('participationNote', cleanText(c['participationNote'], LIMITS.text))
  set('grade', cleanText(c['grade']))

  const rows: ClaimRow[] = []
  const add = (label: UiKey, row: Omit<ClaimRow, 'label'>): void => {
    if (row.text !== undefined || row.date !== undefined || row.ects !== undefined) rows.push({ label, ...row })
  }
  add('claimSub', { text: cleanText(c['sub'], LIMITS.url) })
  add('claimDateOfBirth', { date: date(c['dateOfBirth']) })
  add('claimEmail', { text: cleanText(c['mail']) })
  add('claimStudentId', { text: cleanText(c['studentId']) })
  add('claimActivityStart', { date: date(c['activityStartDate']) })
  add('claimActivityEnd', { date: date(c['activityEndDate']) })
  add('claimCreditsEarned', { ects: num(c['creditsEarned']) })
  add('claimNote', { text: cleanText(c['additionalNote'], LIMITS.text) })

  const notDisclosed = Array.isArray(presentation.notDisclosed) ? presentation.notDisclosed : []
  const hidden: UiKey[] = NAME_CLAIMS.every((name) => notDisclosed.includes(name)) ? ['learner'] : []
  for (const name of notDisclosed) {
    const label = typeof name === 'string' && Object.hasOwn(CLAIM_LABEL, name) ? CLAIM_LABEL[name] : undefined
    if (label !== undefined && !hidden.includes(label)) hidden.push(label)
  }
  return { details, rows, hidden }
}
