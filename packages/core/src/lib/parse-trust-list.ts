// The trust list schema (Zod), loaded by check-trust.ts only when a verifier uses a trust list.
import { TrustList } from '@microcert/schemas'
import { MicrocertError } from '../errors.js'

/** The trust list in `value`, or ERR_TRUST_LIST_INVALID. */
export function parseTrustList(value: unknown): TrustList {
  const result = TrustList.safeParse(value)
  if (!result.success) throw new MicrocertError('ERR_TRUST_LIST_INVALID', 'The trust list is malformed', { cause: result.error })
  return result.data
}
