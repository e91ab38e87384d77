export {
  createOpenid4vciIssuer,
  type Openid4vciIssuer,
  type Openid4vciIssuerOptions,
  type CredentialOffer,
  type CredentialToIssue,
} from './create-openid4vci-issuer.js'
export { createFileIssuanceStateStore, type FileIssuanceStateStoreOptions } from './create-file-issuance-state-store.js'
export { renderQrText } from './render-qr-text.js'
export { renderQrPng } from './render-qr-png.js'
