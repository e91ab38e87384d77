export {
  createOpenid4vciIssuer,
  type Openid4vciIssuer,
  type Openid4vciIssuerOptions,
  type CredentialOffer,
  type CredentialToIssue,
  type WalletLink,
} from './create-openid4vci-issuer.js'
export { createStoreCredentialLoader } from './create-store-credential-loader.js'
export { createFileIssuanceStateStore, type FileIssuanceStateStoreOptions } from './create-file-issuance-state-store.js'
export { renderQrText } from './render-qr-text.js'
export { renderQrPng } from './render-qr-png.js'
