export { MicrocertError, MicrocertErrorCode, MICROCERT_ERROR_CODES, isMicrocertError } from './errors.js'
