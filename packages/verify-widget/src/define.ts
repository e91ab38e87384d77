import { MicrocertVerify } from './microcert-verify.js'

// Defined once: a second copy of the script (CMS pages often include it twice) must not throw.
if (!customElements.get('microcert-verify')) customElements.define('microcert-verify', MicrocertVerify)

export { MicrocertVerify }
export { registerTranslation } from './register-translation.js'
