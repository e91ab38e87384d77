import * as z from 'zod/mini'
import { LIMITS } from '../constants.js'
import { duration, httpUrl, list, number, objectError, oneOf, text, uri } from './fields.js'
import { euSuffix } from './messages.js'
import { typeArray } from './ob-parts.js'

/** An entry of `achievement.qualityAssurance` (EU element 11). */
export const QualityAssurance = z.looseObject(
  {
    type: z.literal('QualityAssurance', { error: `must be "QualityAssurance"${euSuffix(11)}` }),
    name: text({ label: 'the name of the quality assurance', eu: 11, max: LIMITS.name }),
    qaType: z.optional(text({ label: 'the type of quality assurance', eu: 11, max: LIMITS.shortText })),
    qaBody: z.optional(text({ label: 'the quality assurance body', eu: 11, max: LIMITS.name })),
    qaUrl: z.optional(httpUrl({ label: 'the quality assurance web address', eu: 11 })),
  },
  objectError('the quality assurance entry', 11),
)

/** An entry of `achievement.awardingBody` (EU element 4): an OB Profile. */
export const AwardingBody = z.looseObject(
  {
    id: uri({ label: 'the awarding body id', eu: 4 }),
    type: typeArray(['Profile'], 'the awarding body type', 4),
    name: text({ label: 'the awarding body name', eu: 4, max: LIMITS.name }),
  },
  objectError('the awarding body', 4),
)

/** The EU-context properties of a micro-credential achievement (the extension microcert adds to Open Badges). */
export const euAchievementShape = {
  learningOutcome: list(text({ label: 'a learning outcome', eu: 6, max: LIMITS.learningOutcome }), {
    label: 'the learning outcomes',
    itemLabel: 'learning outcome',
    eu: 6,
    max: LIMITS.listItems,
  }),
  ectsCredits: number({ label: 'the number of ECTS credits', eu: 7, min: 0, exclusiveMin: true, max: 180, unit: 'ECTS credits' }),
  volumeOfLearning: z.optional(duration({ label: 'the volume of learning', eu: 7 })),
  typeOfAssessment: list(text({ label: 'a type of assessment', eu: 9, max: LIMITS.shortText }), {
    label: 'the types of assessment',
    itemLabel: 'type of assessment',
    eu: 9,
    max: LIMITS.listItems,
  }),
  formOfParticipation: oneOf(['online', 'onsite', 'blended'], { label: 'the form of participation', eu: 10 }),
  participationNote: z.optional(text({ label: 'the participation note', eu: 10, max: LIMITS.shortText })),
  qualityAssurance: list(QualityAssurance, {
    label: 'the quality assurance',
    itemLabel: 'quality assurance entry',
    eu: 11,
    max: LIMITS.listItems,
  }),
  awardingBody: z.optional(
    list(AwardingBody, { label: 'the awarding bodies', itemLabel: 'awarding body', eu: 4, max: LIMITS.listItems, min: 0 }),
  ),
  prerequisite: z.optional(
    list(text({ label: 'a prerequisite', max: LIMITS.shortText }), { label: 'the prerequisites', itemLabel: 'prerequisite', max: LIMITS.listItems, min: 0 }),
  ),
  supervisionAndIdVerification: z.optional(
    oneOf(['unsupervised-no-id', 'supervised-no-id', 'supervised-with-id'], { label: 'the supervision and identity verification' }),
  ),
  integrationStackability: z.optional(oneOf(['stand-alone', 'stackable'], { label: 'the integration/stackability option' })),
}
