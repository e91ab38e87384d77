import { isRecord } from '../../lib/jwt-claims.js'
import type { CredentialFormat } from '../types.js'

/** What the store indexes of a signed credential besides its record: the key that signed it and its course. */
export interface CredentialFacts {
  kid: string
  achievementId: string
}

/**
 * Reads the signing key and the achievement id out of a stored credential: the JWS header and payload of a VC-JWT,
 * the proof and subject of a Data Integrity credential. For records written before the store kept these beside the
 * credential (they are filled in when read). Empty strings when the credential does not say.
 */
export function credentialFacts(format: CredentialFormat, credential: string): CredentialFacts {
  let header: unknown
  let body: unknown
  try {
    if (format === 'vc+jwt') {
      const [h = '', p = ''] = credential.split('.', 2)
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'))
      body = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
    } else {
      body = JSON.parse(credential)
      const proofs = isRecord(body) ? body['proof'] : undefined
      const last = Array.isArray(proofs) ? proofs.at(-1) : proofs
      header = { kid: isRecord(last) ? last['verificationMethod'] : undefined }
    }
  } catch {
    return { kid: '', achievementId: '' }
  }
  const kid = isRecord(header) && typeof header['kid'] === 'string' ? header['kid'] : ''
  const subject = isRecord(body) ? body['credentialSubject'] : undefined
  const achievement = isRecord(subject) ? subject['achievement'] : undefined
  const achievementId = isRecord(achievement) && typeof achievement['id'] === 'string' ? achievement['id'] : ''
  return { kid, achievementId }
}
