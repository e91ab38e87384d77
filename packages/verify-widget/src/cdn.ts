// The entry of the CDN file microcert-verify.js: the early requests first, then the element.
import './lib/start-early.js'

export { MicrocertVerify, registerTranslation } from './define.js'
