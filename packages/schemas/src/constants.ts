/** The W3C Verifiable Credentials 2.0 base context; always the first `@context` item. */
export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2'

/** The Open Badges 3.0 context (version 3.0.3); always the second `@context` item. */
export const OB_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'

/** The Open Badges extensions context (defines `1EdTechJsonSchemaValidator2019`); needed for JSON-LD safe mode. */
export const OB_EXTENSIONS_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'

/** `credentialSchema[].id` of the official Open Badges 3.0 AchievementCredential JSON Schema. */
export const OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'

/** `credentialSchema[].type` for JSON Schemas in Open Badges 3.0 credentials. */
export const OB_JSON_SCHEMA_VALIDATOR_TYPE = '1EdTechJsonSchemaValidator2019'

/** File name under which `publish` writes the EU extension JSON Schema (see `euExtensionJsonSchema()`). */
export const EU_EXTENSION_SCHEMA_FILENAME = 'microcert-eu-extension.schema.json'

/**
 * IRI base of the microcert vocabulary: EU micro-credential terms that the European Learning Model has no
 * matching term for. The inline context maps terms to these IRIs; nothing ever dereferences them.
 */
export const MICROCERT_VOCAB = 'https://w3id.org/microcert/v1#'

/** IRI base of the European Learning Model (ELM v3) vocabulary. */
export const ELM_VOCAB = 'http://data.europa.eu/snb/model/elm/'

/** `achievement.achievementType` of every micro-credential. */
export const MICRO_CREDENTIAL_ACHIEVEMENT_TYPE = 'MicroCredential'

/** Extra `achievement.type` that marks the EU extension properties. */
export const MICRO_CREDENTIAL_ACHIEVEMENT_CLASS = 'MicroCredentialAchievement'

/** `alignment[].targetType` values microcert uses for EU element 8 and ESCO skills. */
export const ALIGNMENT_TARGET_TYPE = {
  eqfLevel: 'ext:EQFLevel',
  qfEheaCycle: 'ext:QFEHEACycle',
  escoSkill: 'ext:ESCOSkill',
} as const

/** `targetUrl` of EQF level n is this base followed by n (the EU's EQF concept IRIs). */
export const EQF_LEVEL_URL_BASE = 'http://data.europa.eu/snb/eqf/'

/** `targetFramework` of EQF alignments. */
export const EQF_FRAMEWORK_NAME = 'European Qualifications Framework'

/** QF-EHEA cycles: input keyword → alignment `targetName` / `targetCode`. `targetFramework` is "QF-EHEA". */
export const QF_EHEA_CYCLES = {
  short: { targetName: 'Short cycle', targetCode: 'short' },
  first: { targetName: 'First cycle', targetCode: 'first' },
  second: { targetName: 'Second cycle', targetCode: 'second' },
  third: { targetName: 'Third cycle', targetCode: 'third' },
} as const

/** `targetUrl` of QF-EHEA cycle alignments. */
export const QF_EHEA_URL = 'https://www.ehea.info/page-qualification-frameworks'

/** Minimum number of entries of a Bitstring Status List (W3C BSL 1.0: 16 KB = 131,072 bits). */
export const STATUS_LIST_MIN_ENTRIES = 131_072

/**
 * Maximum sizes the schemas enforce, so hostile or broken input fails with a clear message instead of
 * flooding a store or a page.
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
