import {
  ELM_VOCAB,
  MICROCERT_VOCAB,
  OB_CONTEXT_URL,
  OB_EXTENSIONS_CONTEXT_URL,
  VC_V2_CONTEXT_URL,
} from './constants.js'

/**
 * The inline JSON-LD context of the EU micro-credential extension: it defines every property and class the
 * credential uses beyond Open Badges 3.0, so JSON-LD processing in safe mode works without fetching anything.
 * ELM IRIs where the European Learning Model has a term with the same kind of value (`volumeOfLearning`, a
 * duration; `awardingBody`, organisations); microcert vocabulary IRIs (`https://w3id.org/microcert/v1#`)
 * for the plain-text EU elements whose ELM counterparts expect structured ELM objects.
 *
 * @example
 * ```ts
 * import { MICROCERT_CONTEXT } from '@microcert/schemas'
 * MICROCERT_CONTEXT.learningOutcome['@id'] // 'mc:learningOutcome'
 * ```
 * Produces no errors.
 */
export const MICROCERT_CONTEXT = {
  '@protected': true,
  mc: MICROCERT_VOCAB,
  elm: ELM_VOCAB,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  MicroCredentialAchievement: 'mc:MicroCredentialAchievement',
  QualityAssurance: 'mc:QualityAssurance',
  learningOutcome: { '@id': 'mc:learningOutcome', '@container': '@set' },
  ectsCredits: { '@id': 'mc:ectsCredits', '@type': 'xsd:decimal' },
  volumeOfLearning: { '@id': 'elm:volumeOfLearning', '@type': 'xsd:duration' },
  typeOfAssessment: { '@id': 'mc:typeOfAssessment', '@container': '@set' },
  formOfParticipation: { '@id': 'mc:formOfParticipation' },
  participationNote: { '@id': 'mc:participationNote' },
  qualityAssurance: { '@id': 'mc:qualityAssurance', '@container': '@set' },
  qaType: { '@id': 'mc:qaType' },
  qaBody: { '@id': 'mc:qaBody' },
  qaUrl: { '@id': 'mc:qaUrl', '@type': '@id' },
  awardingBody: { '@id': 'elm:awardingBody', '@container': '@set' },
  prerequisite: { '@id': 'mc:prerequisite', '@container': '@set' },
  supervisionAndIdVerification: { '@id': 'mc:supervisionAndIdVerification' },
  integrationStackability: { '@id': 'mc:integrationStackability' },
} as const

/** The type of {@link MICROCERT_CONTEXT}. */
export type MicrocertContext = typeof MICROCERT_CONTEXT

/**
 * The four `@context` values of every microcert credential, in order: VC 2.0, Open Badges 3.0.3,
 * Open Badges extensions, and the inline EU context.
 *
 * @example
 * ```ts
 * import { CREDENTIAL_CONTEXTS } from '@microcert/schemas'
 * const credential = { '@context': [...CREDENTIAL_CONTEXTS], type: ['VerifiableCredential', 'OpenBadgeCredential'] }
 * ```
 * Produces no errors.
 */
export const CREDENTIAL_CONTEXTS = [
  VC_V2_CONTEXT_URL,
  OB_CONTEXT_URL,
  OB_EXTENSIONS_CONTEXT_URL,
  MICROCERT_CONTEXT,
] as const
