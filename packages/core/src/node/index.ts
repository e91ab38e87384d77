export { copyStore } from './copy-store.js'
export { createIssuer } from './create-issuer.js'
export { openIssuer } from './open-issuer.js'
export type {
  StateChangeOptions,
  BatchFailure,
  BatchProgress,
  BatchReport,
  BatchRow,
  CopyStoreOptions,
  CopyStoreReport,
  CreateIssuerOptions,
  CredentialState,
  IssueBatchOptions,
  IssuedRecord,
  IssueInput,
  Issuer,
  OpenIssuerOptions,
  PublishOptions,
  PublishReport,
} from './types.js'
