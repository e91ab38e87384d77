// The schema check through the Zod schemas: for every credential the quick check (isSurelyMicroCredential) is not
// sure about. verifyCredential loads this module only then, so the widget's verifier leaves Zod in a chunk of its own.
import { MicroCredential, OpenBadgeCredential, formatSchemaIssues, type EuElement } from '@microcert/schemas'
import type { VerificationCheck, VerificationProfile } from '../types.js'

/**
 * Judges `content` (the credential without its proof, a VC 1.1 credential in its VC 2.0 shape) by the Open Badges 3.0
 * schema and the EU micro-credential schema, under `profile`. `missing` is `missingEuElements(content)`.
 */
export function checkSchemaFully(content: Record<string, unknown>, legacy: boolean, profile: VerificationProfile, missing: EuElement[]): VerificationCheck {
  // Whatever MicroCredential accepts, OpenBadgeCredential accepts too (a property test in @microcert/schemas holds the
  // schemas to it), so a complete micro-credential needs no second parse.
  const micro = MicroCredential.safeParse(content)
  if (!micro.success) {
    const ob = OpenBadgeCredential.safeParse(content)
    if (!ob.success) {
      return { id: 'schema', outcome: 'failed', code: 'ERR_SCHEMA_INVALID', message: 'Not a valid Open Badges 3.0 credential', details: { issues: formatSchemaIssues(ob.error) } }
    }
  }
  const details = legacy ? { missing, legacy } : { missing }
  if (micro.success && !legacy) return { id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential with all 11 EU micro-credential elements' }
  if (profile === 'open-badge') return { id: 'schema', outcome: 'passed', message: 'An Open Badges 3.0 credential (EU elements reported, not required)', details: { ...details, profile } }
  if (!micro.success) {
    return {
      id: 'schema',
      outcome: 'warning',
      code: 'ERR_EU_ELEMENTS_MISSING',
      message: missing.length > 0 ? `EU micro-credential elements missing: ${missing.join(', ')}` : 'Some EU micro-credential elements are malformed',
      details: { ...details, issues: formatSchemaIssues(micro.error) },
    }
  }
  return { id: 'schema', outcome: 'warning', code: 'ERR_CREDENTIAL_LEGACY', message: 'A VC 1.1 credential (issuanceDate / "vc" claim), valid in its VC 2.0 shape', details }
}
