export {
  ALIGNMENT_TARGET_TYPE,
  ELM_VOCAB,
  EQF_FRAMEWORK_NAME,
  EQF_LEVEL_URL_BASE,
  EU_EXTENSION_SCHEMA_FILENAME,
  LIMITS,
  MICRO_CREDENTIAL_ACHIEVEMENT_CLASS,
  MICRO_CREDENTIAL_ACHIEVEMENT_TYPE,
  MICROCERT_VOCAB,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA_ID,
  OB_CONTEXT_URL,
  OB_EXTENSIONS_CONTEXT_URL,
  OB_JSON_SCHEMA_VALIDATOR_TYPE,
  QF_EHEA_CYCLES,
  QF_EHEA_URL,
  STATUS_LIST_MIN_ENTRIES,
  VC_V2_CONTEXT_URL,
} from './constants.js'
export { CREDENTIAL_CONTEXTS, MICROCERT_CONTEXT, type MicrocertContext } from './context.js'
export { EU_ELEMENTS, type EuElement } from './eu-elements.js'
export { euExtensionJsonSchema } from './eu-extension-json-schema.js'
export { formatSchemaIssues, type SchemaIssue } from './format-schema-issues.js'
export { IssueInput } from './issue-input.js'
export { IssuerProfile } from './issuer-profile.js'
export { isEqfAlignment } from './is-eqf-alignment.js'
export { isMicroCredentialInput } from './is-micro-credential-input.js'
export { isSurelyMicroCredential } from './is-surely-micro-credential.js'
export { MicroCredential } from './micro-credential.js'
export { MicroCredentialInput } from './micro-credential-input.js'
export { missingEuElements } from './missing-eu-elements.js'
export { OpenBadgeCredential } from './open-badge-credential.js'
export { BitstringStatusListCredential, BitstringStatusListEntry } from './status-list.js'
export { TrustList } from './trust-list.js'
