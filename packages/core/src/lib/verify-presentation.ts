import type { EuElement } from '@microcert/schemas'
import { verifySdJwtVc } from '../sd-jwt/verify-sd-jwt-vc.js'
import type { VerificationCheck, VerificationCheckId, VerificationProfile, VerificationResult, VerifiedIssuer, VerifyOptions } from '../types.js'
import { issuerIdentity, shortDid } from './issuer-identity.js'
import { decide, euElementsReport } from './verdict.js'

const ORDER: readonly VerificationCheckId[] = ['format', 'signature', 'holder', 'issuer', 'schema', 'trust', 'validity', 'status']
/** The course claim that carries each EU element (the learner and the date of issuing are the holder's to disclose). */
const COURSE_ELEMENTS: Readonly<Record<string, EuElement>> = {
  title: 2,
  issuerCountry: 3,
  awardingBody: 4,
  learningOutcomes: 6,
  notionalWorkload: 7,
  level: 8,
  typeOfAssessment: 9,
  formOfParticipation: 10,
  qualityAssurance: 11,
}
const LEARNER_CLAIMS = ['name', 'givenName', 'familyName', 'sub', 'dateOfBirth', 'mail', 'studentId']

/**
 * `verifyCredential` for an SD-JWT VC presentation from a wallet (a separate chunk with the SD-JWT libraries, loaded
 * when one arrives): `verifySdJwtVc` checks it, and its result is given verifyCredential's meaning — the issuer is
 * confirmed by the domain of its https `iss` / did:web (whose keys it published) when no trust is configured, the
 * profile decides whether missing EU elements are a warning, `euElements` names what the holder showed, what the
 * credential lacks and what was not disclosed.
 */
export async function verifyPresentation(token: string, options: VerifyOptions & { profile: VerificationProfile }): Promise<VerificationResult> {
  const { cache, ...rest } = options
  const sd = await verifySdJwtVc(token, { ...rest, ...(cache === false || cache === undefined ? {} : { cache }) })
  const { profile } = options
  const checks: VerificationCheck[] = sd.checks.map((check) => ({ ...check }))
  const result: Partial<VerificationResult> = { profile }
  const signed = checks.find((c) => c.id === 'signature')?.outcome === 'passed'
  if (sd.presentation !== undefined && signed) {
    const claims = sd.presentation.claims
    const schema = checks.find((c) => c.id === 'schema')
    const missingClaims = Array.isArray(schema?.details?.['missing']) ? (schema.details['missing'] as string[]) : []
    const missing = missingClaims.map((name) => COURSE_ELEMENTS[name]).filter((e): e is EuElement => e !== undefined)
    const notDisclosed: EuElement[] = []
    if (!LEARNER_CLAIMS.some((name) => claims[name] !== undefined)) notDisclosed.push(1)
    if (claims['issuanceDate'] === undefined) notDisclosed.push(5)
    result.euElements = euElementsReport(missing, notDisclosed)
    // `details.missing` holds EU element numbers (1–11), as for every other credential; the claim names stay beside them.
    if (schema !== undefined && missingClaims.length > 0) schema.details = { ...schema.details, missing, missingClaims }
    if (profile === 'open-badge' && schema?.code === 'ERR_EU_ELEMENTS_MISSING') {
      Object.assign(schema, { outcome: 'passed', message: `A micro-credential type; EU elements reported, not required (missing: ${missingClaims.join(', ')})`, details: { profile, missing, missingClaims } })
      delete schema.code
    }
    result.presentation = sd.presentation
  }
  if (sd.issuer !== undefined) {
    const iss = sd.issuer.id
    const identity = issuerIdentity(iss)
    const issuer: VerifiedIssuer = { ...sd.issuer }
    if (identity.domain !== undefined) issuer.domain = identity.domain
    const trust = checks.find((c) => c.id === 'trust')
    if (trust !== undefined && options.trustedIssuers === undefined && options.trustList === undefined) {
      // verifyCredential's rule: without configured trust, the domain that published the issuer's key confirms it.
      if (options.key !== undefined) {
        issuer.confirmedBy = 'key'
        Object.assign(trust, { outcome: 'skipped', message: 'No trusted issuers or trust list were given; the verifier supplied the key', details: { confirmedBy: 'key' } })
      } else if (identity.domain !== undefined) {
        issuer.confirmedBy = 'domain'
        Object.assign(trust, { outcome: 'skipped', message: `No trusted issuers or trust list were given; the issuer is identified by its domain "${identity.domain}"`, details: { confirmedBy: 'domain', domain: identity.domain } })
      } else {
        Object.assign(trust, { outcome: 'warning', code: 'ERR_ISSUER_UNCONFIRMED', message: `Nothing confirms who "${shortDid(iss)}" is: no trusted issuers or trust list were given`, details: { issuer: iss } })
      }
    } else if (sd.issuer.trusted) {
      // Trusted by its https `iss` or by the did:web that published its key (the issuer check names both).
      const did = checks.find((c) => c.id === 'issuer')?.details?.['did']
      issuer.confirmedBy = options.trustedIssuers?.some((id) => id === iss || id === did) === true ? 'trusted-issuers' : 'trust-list'
    }
    result.issuer = issuer
  }
  if (sd.certificateId !== undefined) result.certificateId = sd.certificateId
  if (sd.statusInfo !== undefined) result.statusInfo = { ...sd.statusInfo }
  checks.sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
  return { ...decide(checks), checks, ...result, profile }
}
