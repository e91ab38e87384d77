export { MicrocertError, MicrocertErrorCode, MICROCERT_ERROR_CODES, isMicrocertError } from './errors.js'
export type {
  Algorithm,
  JwsAlgorithm,
  Signer,
  DidDocument,
  DidResolver,
  VerificationMethod,
  VerificationCheck,
  VerificationCheckId,
  VerificationOutcome,
  VerificationStatus,
  VerificationResult,
  VerifyOptions,
  VerifiedIssuer,
  IssuerConfirmation,
  VerificationProfile,
  EuElementReport,
  EuElementsReport,
  CredentialSource,
  FetchBudget,
  StatusCheckContext,
} from './types.js'
export { generateKeyPair } from './generate-key-pair.js'
export { createSigner } from './create-signer.js'
export { extractPublicJwk } from './extract-public-jwk.js'
export { createDidWebDocument } from './create-did-web-document.js'
export { didWebToUrl } from './did-web-to-url.js'
export { createDidResolver, type DidResolverOptions } from './create-did-resolver.js'
export { createMemoryCache, type VerificationCache } from './lib/cache.js'
export { buildCredential, type BuildCredentialOptions } from './build-credential.js'
export { signCredential } from './sign-credential.js'
export { signJwt } from './sign-jwt.js'
export { decodeCredential } from './decode-credential.js'
export { verifyCredential } from './verify-credential.js'
export { generateCertificateId } from './generate-certificate-id.js'
export { parseCertificateId } from './parse-certificate-id.js'
export { isCertificateId } from './is-certificate-id.js'
export { certificateIdFromCredentialId } from './certificate-id-from-credential-id.js'
export {
  extractCredentialFromPdf,
  type ExtractCredentialFromPdfOptions,
  type ExtractedCredential,
} from './extract-credential-from-pdf.js'
export { linkedInAddToProfileUrl, type LinkedInCertification } from './linkedin-add-to-profile-url.js'
export { sanitizeDisplayText } from './sanitize-display-text.js'
// --- status lists, lookup (registry helper) ---
export { createStatusList } from './status/create-status-list.js'
export { encodeStatusList } from './status/encode-status-list.js'
export { decodeStatusList, type DecodeStatusListOptions } from './status/decode-status-list.js'
export { getStatusBit } from './status/get-status-bit.js'
export { setStatusBit } from './status/set-status-bit.js'
export {
  buildStatusListCredential,
  type BuildStatusListCredentialOptions,
  type BitstringStatusListCredentialObject,
  type StatusPurpose,
} from './status/build-status-list-credential.js'
export { lookupCredential, type LookupOptions } from './lookup-credential.js'
// --- the input and credential schemas and their types, so that one install of @microcert/core suffices ---
export {
  BitstringStatusListCredential,
  BitstringStatusListEntry,
  EU_ELEMENTS,
  IssueInput,
  IssuerProfile,
  MicroCredential,
  MicroCredentialInput,
  OpenBadgeCredential,
  TrustList,
  formatSchemaIssues,
  missingEuElements,
  type EuElement,
  type SchemaIssue,
} from '@microcert/schemas'
// --- OpenID4VCI issuance state (offers, tokens, nonces), shared by the issuance server and the issuer stores ---
export type { IssuanceStateStore, IssuanceStateLookup, IssuanceStateValue } from './issuance-state-store.js'
export { createMemoryIssuanceStateStore } from './create-memory-issuance-state-store.js'
// --- StatusList2021 (the predecessor of Bitstring Status List, still in issued credentials) ---
export { parseStatusList2021Entry, type StatusList2021Entry } from './status-list-2021/parse-status-list-2021-entry.js'
export { decodeStatusList2021 } from './status-list-2021/decode-status-list-2021.js'
