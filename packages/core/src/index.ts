export { MicrocertError, MicrocertErrorCode, MICROCERT_ERROR_CODES, isMicrocertError } from './errors.js'
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
