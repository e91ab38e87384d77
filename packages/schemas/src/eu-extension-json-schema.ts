import * as z from 'zod/mini'
import { MICRO_CREDENTIAL_ACHIEVEMENT_CLASS } from './constants.js'
import { euAchievementShape } from './lib/eu-achievement-shape.js'
import { objectError } from './lib/fields.js'
import { typeArray } from './lib/ob-parts.js'

interface JsonSchema {
  properties?: Record<string, JsonSchema>
  description?: string
  allOf?: unknown[]
  [key: string]: unknown
}

const DESCRIPTIONS: Record<string, string> = {
  learningOutcome: 'EU element 6 (learning outcomes): what the learner knows, understands and is able to do, one statement per item.',
  ectsCredits: 'EU element 7 (notional workload) in ECTS credits; equals creditsAvailable.',
  volumeOfLearning: 'EU element 7 (notional workload) as an ISO 8601 duration, e.g. PT75H (ELM volumeOfLearning).',
  typeOfAssessment: 'EU element 9 (type of assessment), e.g. "written examination", "project".',
  formOfParticipation: 'EU element 10 (form of participation in the learning activity): online, onsite or blended.',
  participationNote: 'EU element 10: free-text detail on the form of participation.',
  qualityAssurance: 'EU element 11 (type of quality assurance used to underpin the micro-credential).',
  awardingBody: 'EU element 4: awarding bodies besides the issuer (ELM awardingBody), as Open Badges Profiles.',
  prerequisite: 'Optional EU element: prerequisites needed to enrol in the learning activity.',
  supervisionAndIdVerification: 'Optional EU element: supervision and identity verification during assessment.',
  integrationStackability: 'Optional EU element: integration/stackability options (stand-alone or stackable).',
}

/** The EU extension as it sits in a credential: `credentialSubject.achievement` with the EU-context properties. */
const EuExtension = z.looseObject(
  {
    credentialSubject: z.looseObject(
      {
        achievement: z.looseObject(
          {
            type: typeArray(['Achievement', MICRO_CREDENTIAL_ACHIEVEMENT_CLASS], 'the achievement type'),
            ...euAchievementShape,
          },
          objectError('the achievement'),
        ),
      },
      objectError('the credential subject'),
    ),
  },
  objectError('the credential'),
)

/**
 * The JSON Schema (draft 2019-09, as `1EdTechJsonSchemaValidator2019` expects) of microcert's EU micro-credential
 * extension, generated from the Zod schemas. `publish` writes it next to the credentials (file name
 * `EU_EXTENSION_SCHEMA_FILENAME`) and each credential's `credentialSchema` names it; the package also ships it as
 * `@microcert/schemas/eu-extension.schema.json`. Returns a fresh object on every call.
 *
 * @example
 * ```ts
 * import { euExtensionJsonSchema, EU_EXTENSION_SCHEMA_FILENAME } from '@microcert/schemas'
 * await writeFile(EU_EXTENSION_SCHEMA_FILENAME, JSON.stringify(euExtensionJsonSchema(), null, 2))
 * ```
 * Produces no errors.
 */
export function euExtensionJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(EuExtension, { target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema
  const { $schema: _ignored, ...rest } = generated
  const achievement = rest.properties?.['credentialSubject']?.properties?.['achievement']
  for (const [name, description] of Object.entries(DESCRIPTIONS)) {
    const property = achievement?.properties?.[name]
    if (property) property.description = description
  }
  // Zod refinements have no JSON Schema form; state the `type` rule directly.
  const type = achievement?.properties?.['type']
  if (type) type.allOf = [{ contains: { const: 'Achievement' } }, { contains: { const: MICRO_CREDENTIAL_ACHIEVEMENT_CLASS } }]
  // Labelled 2019-09 because credentialSchema names it with 1EdTechJsonSchemaValidator2019. Zod only targets 2020-12,
  // which differs from 2019-09 in tuple keywords (prefixItems/items) and $dynamicRef; the EU extension uses neither,
  // and the tests compile the result with ajv's 2019-09 dialect.
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    title: 'microcert EU micro-credential extension',
    description:
      'EU Council Recommendation 2022/C 243/02 micro-credential elements that Open Badges 3.0 has no property for, ' +
      'carried on credentialSubject.achievement with the microcert inline JSON-LD context.',
    ...rest,
  }
}
