import { EU_EXTENSION_SCHEMA_FILENAME, type MicroCredentialInput } from '@microcert/schemas'
import { buildCredential } from '../../build-credential.js'
import { MicrocertError } from '../../errors.js'
import { statusListPath } from '../../status/lib/companion.js'
import type { IssueInput } from '../types.js'
import type { IssuerConfig, NewRecord } from './store-backend.js'

/** A credential built for a row, not yet signed, with the record it will become. */
export interface PreparedCredential {
  /** 1-based position of the row in its batch. */
  row: number
  record: Omit<NewRecord, 'format' | 'credential' | 'kid'>
  credential: Record<string, unknown>
}

/**
 * Builds the credential of one row with its registry id and its status entry (validated by the schemas).
 * Errors: ERR_INPUT_INVALID (`details.issues` names each problem and its EU element).
 */
export function prepareCredential(
  config: IssuerConfig,
  input: IssueInput,
  slot: { row: number; rowKey: string; certificateId: string; statusIndex: number; issuedAt: Date },
): PreparedCredential {
  if (typeof input !== 'object' || input === null) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The row is not an object', { details: { issues: ['(row): an object is required'] } })
  }
  if (Object.hasOwn(input, 'issuer')) {
    // The store puts its own profile into every credential; an `issuer` in the input would be silently replaced.
    const issue = 'issuer: unknown field (the issuer store adds its own issuer profile; unknown fields are not accepted)'
    throw new MicrocertError('ERR_INPUT_INVALID', `The micro-credential input is invalid: ${issue}`, { details: { issues: [issue] } })
  }
  const { registryUrl, statusListSize } = config
  const { certificateId, statusIndex, rowKey } = slot
  const list = Math.floor(statusIndex / statusListSize)
  const bit = statusIndex % statusListSize
  const listUrl = `${registryUrl}/${statusListPath(list, 'revocation')}`
  const credentialId = `${registryUrl}/credentials/${certificateId}`
  const credential = buildCredential({ ...input, issuer: config.profile } as MicroCredentialInput, {
    id: credentialId,
    now: slot.issuedAt,
    achievementBaseUrl: `${registryUrl}/achievements`,
    schemaUrl: `${registryUrl}/${EU_EXTENSION_SCHEMA_FILENAME}`,
    credentialStatus: {
      id: `${listUrl}#${bit}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(bit),
      statusListCredential: listUrl,
    },
  }) as unknown as Record<string, unknown>
  const validFrom = typeof credential['validFrom'] === 'string' ? credential['validFrom'] : slot.issuedAt.toISOString()
  const subject = credential['credentialSubject'] as { achievement?: { id?: unknown } } | undefined
  const achievementId = typeof subject?.achievement?.id === 'string' ? subject.achievement.id : ''
  return { row: slot.row, credential, record: { certificateId, credentialId, rowKey, statusIndex, issuedAt: validFrom, achievementId } }
}
