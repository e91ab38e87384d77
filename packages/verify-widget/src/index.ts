export { MicrocertVerify, type MicrocertVerifyStatus } from './microcert-verify.js'
export { registerTranslation } from './register-translation.js'
export type { Translation, UiKey } from './i18n/en.js'
import './define.js'
