export {
  SD_JWT_VC_TYPE,
  STATUS_LIST_JWT_TYPE,
  STATUS_LIST_MEDIA_TYPE,
  MICRO_CREDENTIAL_VCT_PATH,
  TOKEN_STATUS,
  COURSE_CLAIMS,
  SELECTIVELY_DISCLOSABLE_CLAIMS,
  type CourseClaim,
  type SelectivelyDisclosableClaim,
} from './constants.js'
export type {
  MicroCredentialClaims,
  SdJwtVcHolderData,
  SdJwtQualityAssurance,
  TokenStatusReference,
  SdJwtVcCheck,
  SdJwtVcCheckId,
  SdJwtVcPresentation,
  SdJwtVcVerificationResult,
} from './types.js'
export { microCredentialVct } from './micro-credential-vct.js'
export { buildSdJwtVcClaims } from './build-sd-jwt-vc-claims.js'
export { issueSdJwtVc, type IssueSdJwtVcOptions } from './issue-sd-jwt-vc.js'
export { buildMicroCredentialTypeMetadata, type MicroCredentialTypeMetadata, type TypeMetadataDisplay } from './build-micro-credential-type-metadata.js'
export { jwtVcIssuerMetadataUrl } from './jwt-vc-issuer-metadata-url.js'
export { buildJwtVcIssuerMetadata, type JwtVcIssuerMetadata } from './build-jwt-vc-issuer-metadata.js'
export { buildTokenStatusList, type BuildTokenStatusListOptions, type TokenStatusEntry } from './build-token-status-list.js'
export { verifySdJwtVc, type VerifySdJwtVcOptions } from './verify-sd-jwt-vc.js'
export type { KeyDiscovery } from './lib/resolve-issuer-key.js'
