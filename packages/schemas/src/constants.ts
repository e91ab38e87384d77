/**
 * The W3C Verifiable Credentials 2.0 base context; always the first `@context` item.
 *
 * @example
 * ```ts
 * credential['@context'][0] === VC_V2_CONTEXT_URL
 * ```
 * Produces no errors.
 */
export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2'

/**
 * The Open Badges 3.0 context (version 3.0.3); always the second `@context` item.
 *
 * @example
 * ```ts
 * credential['@context'][1] === OB_CONTEXT_URL
 * ```
 * Produces no errors.
 */
export const OB_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'

/**
 * The Open Badges extensions context (defines `1EdTechJsonSchemaValidator2019`); needed for JSON-LD safe mode.
 *
 * @example
 * ```ts
 * credential['@context'].includes(OB_EXTENSIONS_CONTEXT_URL)
 * ```
 * Produces no errors.
 */
export const OB_EXTENSIONS_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'

/**
 * `credentialSchema[].id` of the official Open Badges 3.0 AchievementCredential JSON Schema.
 *
 * @example
 * ```ts
 * credentialSchema: [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID, type: OB_JSON_SCHEMA_VALIDATOR_TYPE }]
 * ```
 * Produces no errors.
 */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

/**
 * `credentialSchema[].type` for JSON Schemas in Open Badges 3.0 credentials.
 *
 * @example
 * ```ts
 * credentialSchema: [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID, type: OB_JSON_SCHEMA_VALIDATOR_TYPE }]
 * ```
 * Produces no errors.
 */
export const OB_JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019'

/**
 * File name under which `publish` writes the EU extension JSON Schema (see `euExtensionJsonSchema()`).
 *
 * @example
 * ```ts
 * await writeFile(join(site, EU_EXTENSION_SCHEMA_FILENAME), JSON.stringify(euExtensionJsonSchema()))
 * ```
 * Produces no errors.
 */
export const EU_EXTENSION_SCHEMA_FILENAME = 'microcert-eu-extension.schema.json'

/**
 * IRI base of the microcert vocabulary: EU micro-credential terms that the European Learning Model has no
 * matching term for. The inline context maps terms to these IRIs; nothing ever dereferences them.
 *
 * @example
 * ```ts
 * `${MICROCERT_VOCAB}learningOutcome` // 'https://w3id.org/microcert/v1#learningOutcome'
 * ```
 * Produces no errors.
 */
export const MICROCERT_VOCAB = 'https://w3id.org/microcert/v1#'

/**
 * IRI base of the European Learning Model (ELM v3) vocabulary.
 *
 * @example
 * ```ts
 * `${ELM_VOCAB}volumeOfLearning` // 'http://data.europa.eu/snb/model/elm/volumeOfLearning'
 * ```
 * Produces no errors.
 */
export const ELM_VOCAB = 'http://data.europa.eu/snb/model/elm/'

/**
 * `achievement.achievementType` of every micro-credential.
 *
 * @example
 * ```ts
 * achievement.achievementType === MICRO_CREDENTIAL_ACHIEVEMENT_TYPE
 * ```
 * Produces no errors.
 */
export const MICRO_CREDENTIAL_ACHIEVEMENT_TYPE = 'MicroCredential'

/**
 * Extra `achievement.type` that marks the EU extension properties.
 *
 * @example
 * ```ts
 * achievement.type = ['Achievement', MICRO_CREDENTIAL_ACHIEVEMENT_CLASS]
 * ```
 * Produces no errors.
 */
export const MICRO_CREDENTIAL_ACHIEVEMENT_CLASS = 'MicroCredentialAchievement'

/**
 * `alignment[].targetType` values microcert uses for EU element 8 and ESCO skills.
 *
 * @example
 * ```ts
 * alignment.filter((a) => a.targetType === ALIGNMENT_TARGET_TYPE.escoSkill)
 * ```
 * Produces no errors.
 */
export const ALIGNMENT_TARGET_TYPE = {
  eqfLevel: 'ext:EQFLevel',
  qfEheaCycle: 'ext:QFEHEACycle',
  escoSkill: 'ext:ESCOSkill',
} as const

/**
 * `targetUrl` of EQF level n is this base followed by n (the EU's EQF concept IRIs).
 *
 * @example
 * ```ts
 * `${EQF_LEVEL_URL_BASE}6` // 'http://data.europa.eu/snb/eqf/6'
 * ```
 * Produces no errors.
 */
export const EQF_LEVEL_URL_BASE = 'http://data.europa.eu/snb/eqf/'

/**
 * `targetFramework` of EQF alignments.
 *
 * @example
 * ```ts
 * { targetType: 'ext:EQFLevel', targetFramework: EQF_FRAMEWORK_NAME, targetName: 'EQF level 6' }
 * ```
 * Produces no errors.
 */
export const EQF_FRAMEWORK_NAME = 'European Qualifications Framework'

/**
 * QF-EHEA cycles: input keyword → alignment `targetName` / `targetCode`. `targetFramework` is "QF-EHEA".
 *
 * @example
 * ```ts
 * QF_EHEA_CYCLES.first.targetName // 'First cycle'
 * ```
 * Produces no errors.
 */
export const QF_EHEA_CYCLES = {
  short: { targetName: 'Short cycle', targetCode: 'short' },
  first: { targetName: 'First cycle', targetCode: 'first' },
  second: { targetName: 'Second cycle', targetCode: 'second' },
  third: { targetName: 'Third cycle', targetCode: 'third' },
} as const

/**
 * `targetUrl` of QF-EHEA cycle alignments.
 *
 * @example
 * ```ts
 * { targetType: 'ext:QFEHEACycle', ...QF_EHEA_CYCLES.first, targetUrl: QF_EHEA_URL }
 * ```
 * Produces no errors.
 */
export const QF_EHEA_URL = 'https://www.ehea.info/page-qualification-frameworks'

/**
 * Minimum number of entries of a Bitstring Status List (W3C BSL 1.0: 16 KB = 131,072 bits).
 *
 * @example
 * ```ts
 * const bits = new Uint8Array(STATUS_LIST_MIN_ENTRIES / 8)
 * ```
 * Produces no errors.
 */
export const STATUS_LIST_MIN_ENTRIES = 131_072

/**
 * Maximum sizes the schemas enforce, so hostile or broken input fails with a clear message instead of
 * flooding a store or a page.
 *
 * @example
 * ```ts
 * if (title.length > LIMITS.name) console.warn('title too long')
 * ```
 * Produces no errors.
 */
export const LIMITS = {
  /** Names and titles (learner, course, issuer, quality assurance). */
  name: 500,
  /** Short texts: assessment types, prerequisites, course codes, grades, regions. */
  shortText: 500,
  /** One learning outcome. */
  learningOutcome: 2_000,
  /** Descriptions, criteria, narratives. */
  longText: 20_000,
  /** URLs, URIs, DIDs. */
  uri: 2_048,
  /** Image URLs, including `data:` URIs. */
  image: 262_144,
  /** Items in any list (learning outcomes, assessments, skills…). */
  listItems: 100,
  /** Issuers in a trust list. */
  trustListIssuers: 10_000,
  /** Characters of a status list's `encodedList`. */
  encodedList: 4_000_000,
} as const
