// @microcert/core/data-integrity: JSON-LD and Data Integrity proofs. A separate entry (and chunk), so the main entry
// stays small; `@microcert/core` loads it with a dynamic import() only when a credential carries an embedded proof.
export { createDocumentLoader, type DocumentLoader, type DocumentLoaderOptions, type RemoteDocument } from './create-document-loader.js'
export {
  verifyDataIntegrity,
  type VerifyDataIntegrityOptions,
  type DataIntegrityVerification,
  type CheckedProof,
} from './verify-data-integrity.js'
export { signDataIntegrity, type SignDataIntegrityOptions } from './sign-data-integrity.js'
export { BUNDLED_CONTEXT_URLS } from './bundled-context-urls.js'
