import { ALIGNMENT_TARGET_TYPE } from '@microcert/schemas'
import { isRecord } from '../../lib/jwt-claims.js'

/** What a person reads on a certificate or share page, taken from a credential's JSON (whatever is present). */
export interface CredentialView {
  /** EU element 1: the learner's name (the unhashed `name` identity), else the subject id. */
  learner: string | undefined
  /** EU element 2. */
  title: string | undefined
  description: string | undefined
  issuerName: string | undefined
  /** EU element 3: ISO 3166-1 alpha-2. */
  country: string | undefined
  /** The issuer profile's image (`id`), an http(s) or data: URL. */
  issuerImage: string | undefined
  /** EU element 4: the awarding bodies (the issuer when the achievement names none). */
  awardingBodies: string[]
  /** EU element 5: `awardedDate` when present, else `validFrom`. */
  issuedOn: string | undefined
  validUntil: string | undefined
  /** EU element 7. */
  ects: number | undefined
  /** Hours of the `volumeOfLearning` duration when it is whole hours (`PT75H`), else undefined. */
  hours: number | undefined
  /** EU element 8: "1"–"8". */
  eqfLevel: string | undefined
  /** EU element 6. */
  learningOutcomes: string[]
  /** EU element 9. */
  assessment: string[]
  /** EU element 10: `online`, `onsite`, `blended` or another value as written. */
  participation: string | undefined
  participationNote: string | undefined
  /** EU element 11: each entry as "name (body)". */
  qualityAssurance: string[]
  grade: string | undefined
  credentialId: string | undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
const texts = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map(text).filter((item): item is string => item !== undefined)

export function credentialView(credential: Record<string, unknown>): CredentialView {
  const issuer = isRecord(credential['issuer']) ? credential['issuer'] : {}
  const subject = isRecord(credential['credentialSubject']) ? credential['credentialSubject'] : {}
  const achievement = isRecord(subject['achievement']) ? subject['achievement'] : {}
  const address = isRecord(issuer['address']) ? issuer['address'] : {}
  const image = issuer['image']

  const identities = Array.isArray(subject['identifier']) ? subject['identifier'].filter(isRecord) : []
  const named = identities.find((entry) => entry['identityType'] === 'name' && entry['hashed'] !== true)
  const learner = text(named?.['identityHash']) ?? text(subject['name']) ?? text(subject['id'])

  const eqf = (Array.isArray(achievement['alignment']) ? achievement['alignment'] : [])
    .filter(isRecord)
    .find((entry) => entry['targetType'] === ALIGNMENT_TARGET_TYPE.eqfLevel && /^[1-8]$/.test(String(entry['targetCode'])))
  const hours = /^PT(\d+(?:\.\d+)?)H$/.exec(text(achievement['volumeOfLearning']) ?? '')
  const results = Array.isArray(subject['result']) ? subject['result'].filter(isRecord) : []
  const bodies = (Array.isArray(achievement['awardingBody']) ? achievement['awardingBody'] : []).filter(isRecord).map((body) => text(body['name']))
  const issuerName = text(issuer['name'])
  const ects = achievement['ectsCredits'] ?? achievement['creditsAvailable']

  return {
    learner,
    title: text(achievement['name']) ?? text(credential['name']),
    description: text(achievement['description']),
    issuerName,
    country: text(address['addressCountryCode'])?.toUpperCase(),
    issuerImage: typeof image === 'string' ? image : isRecord(image) ? text(image['id']) : undefined,
    awardingBodies: bodies.some((name) => name !== undefined)
      ? bodies.filter((name): name is string => name !== undefined)
      : issuerName === undefined
        ? []
        : [issuerName],
    issuedOn: text(credential['awardedDate']) ?? text(credential['validFrom']),
    validUntil: text(credential['validUntil']),
    ects: typeof ects === 'number' && Number.isFinite(ects) ? ects : undefined,
    hours: hours === null ? undefined : Number(hours[1]),
    eqfLevel: text(eqf?.['targetCode']),
    learningOutcomes: texts(achievement['learningOutcome']),
    assessment: texts(achievement['typeOfAssessment']),
    participation: text(achievement['formOfParticipation']),
    participationNote: text(achievement['participationNote']),
    qualityAssurance: (Array.isArray(achievement['qualityAssurance']) ? achievement['qualityAssurance'] : [])
      .filter(isRecord)
      .map((qa) => {
        const name = text(qa['name'])
        const body = text(qa['qaBody'])
        return name === undefined ? body : body === undefined ? name : `${name} (${body})`
      })
      .filter((entry): entry is string => entry !== undefined),
    grade: text(results.find((result) => text(result['value']) !== undefined)?.['value']),
    credentialId: text(credential['id']),
  }
}
