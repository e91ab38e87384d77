// The entry of microcert-verify-all.js: the languages first, then the element.
import './lib/all-languages.js'

export { MicrocertVerify, registerTranslation } from './define.js'
