export { copyStore } from './copy-store.js'
export { createIssuer } from './create-issuer.js'
export { openIssuer } from './open-issuer.js'
export {
  renderCertificatePdf,
  type CertificateBranding,
  type RenderCertificatePdfOptions,
} from './render-certificate-pdf.js'
export { EU_LANGUAGES, type EuLanguage } from './lib/i18n/eu-languages.js'
export { tokenStatusReference } from './token-status-reference.js'
export type {
  StateChangeOptions,
  BatchFailure,
  BatchProgress,
  BatchReport,
  BatchRow,
  CopyStoreOptions,
  CopyStoreReport,
  CreateIssuerOptions,
  CredentialFormat,
  CredentialState,
  IssueBatchOptions,
  IssuedRecord,
  IssueInput,
  Issuer,
  IssuerKey,
  ListFilter,
  OpenIssuerOptions,
  ProofType,
  PublishOptions,
  PublishReport,
  RetireKeyReport,
  RotateKeyOptions,
  SignerFactory,
  SignerRequest,
} from './types.js'
