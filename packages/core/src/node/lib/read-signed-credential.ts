import { decodeCredential } from '../../decode-credential.js'
import { MicrocertError } from '../../errors.js'
import { isRecord } from '../../lib/jwt-claims.js'
import { parseJson } from '../../lib/parse-json.js'

/** A stored credential's text, read WITHOUT verifying anything (for printing and share pages). */
export interface SignedCredentialText {
  credential: Record<string, unknown>
  /** `jwt`: a compact JWS (VC-JWT); `json`: a credential with an embedded Data Integrity proof. */
  format: 'jwt' | 'json'
  /** The text as given, trimmed: what a PDF attaches. */
  text: string
}

/**
 * Reads the text an issuer store keeps in `record.credential`: a VC-JWT (through `decodeCredential`), or the JSON of a
 * Data Integrity credential (through the same capped parser as every outside JSON) that carries a `proof`.
 * @throws MicrocertError ERR_JWS_MALFORMED, ERR_JSON_MALFORMED, ERR_JWT_PAYLOAD_INVALID, ERR_INPUT_TOO_LARGE,
 *   ERR_INPUT_INVALID (JSON that is not a credential with a proof); TypeError for a non-string
 */
export function readSignedCredential(text: string): SignedCredentialText {
  if (typeof text !== 'string') throw new TypeError('the signed credential must be a string')
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return { credential: decodeCredential(trimmed).credential, format: 'jwt', text: trimmed }
  const value = parseJson(trimmed)
  if (!isRecord(value) || !('proof' in value)) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The JSON is not a signed credential: it has no embedded proof')
  }
  return { credential: value, format: 'json', text: trimmed }
}
