import type { IssuedRecord } from '@microcert/core/node'

/** What a registrar reads about an issued credential: who, which course, and the date a person reads as "issued on". */
export interface CredentialSummary {
  learner: string | undefined
  course: string | undefined
  courseId: string | undefined
  /** `awardedDate` when the credential has one, else `validFrom` (the rule the widget and the PDF follow too). */
  issuedOn: string | undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined)
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

/**
 * Reads the summary out of a stored credential, VC-JWT or Data Integrity (nothing verified: it is the store's own,
 * whose JWT payload is the credential itself). Decoded with Node's own base64url: a listing or a re-run reads
 * every credential of the store.
 */
export function summarizeCredential(stored: Pick<IssuedRecord, 'format' | 'credential'>): CredentialSummary {
  let credential: Record<string, unknown>
  try {
    credential = record(JSON.parse(stored.format === 'vc+jwt' ? Buffer.from(stored.credential.split('.', 2)[1] ?? '', 'base64url').toString('utf8') : stored.credential))
  } catch {
    return { learner: undefined, course: undefined, courseId: undefined, issuedOn: undefined }
  }
  const subject = record(credential['credentialSubject'])
  const achievement = record(subject['achievement'])
  const identities = Array.isArray(subject['identifier']) ? subject['identifier'].map(record) : []
  // EU element 1: the learner's name is the one identity kept in plain text.
  const named = identities.find((entry) => entry['identityType'] === 'name' && entry['hashed'] !== true)
  return {
    learner: text(named?.['identityHash']) ?? text(subject['name']),
    course: text(achievement['name']),
    courseId: text(achievement['id']),
    issuedOn: text(credential['awardedDate']) ?? text(credential['validFrom']),
  }
}
