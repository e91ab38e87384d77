// First version by the lead: the registry helper replaces it with the real Bitstring Status List check.
import type { StatusCheckContext, VerificationCheck } from '../lib/status-check-types.js'

export async function checkCredentialStatus(
  credential: Record<string, unknown>,
  _context: StatusCheckContext,
): Promise<VerificationCheck> {
  const hasStatus = credential['credentialStatus'] !== undefined
  return { id: 'status', outcome: 'skipped', message: hasStatus ? 'Status checking is not available yet' : 'The credential has no status entry' }
}
