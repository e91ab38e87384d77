export { createIssuer } from './create-issuer.js'
export { openIssuer } from './open-issuer.js'
export type {
  StateChangeOptions,
  BatchFailure,
  BatchProgress,
  BatchReport,
  BatchRow,
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
