import * as z from 'zod/mini'
import { MICRO_CREDENTIAL_ACHIEVEMENT_CLASS } from './constants.js'
import { euAchievementShape } from './lib/eu-achievement-shape.js'
import { objectError } from './lib/fields.js'
import { typeArray } from './lib/ob-parts.js'

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
  const generated = z.toJSONSchema(EuExtension, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>
  const { $schema: _ignored, ...rest } = generated
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    title: 'microcert EU micro-credential extension',
    description:
      'EU Council Recommendation 2022/C 243/02 micro-credential elements that Open Badges 3.0 has no property for, ' +
      'carried on credentialSubject.achievement with the microcert inline JSON-LD context.',
    ...rest,
  }
}
