import type { UiKey } from '../i18n/en.js'

/**
 * The English lines the element shows before any language file has arrived (the form, "checking") and when none can
 * be loaded. Everything else comes from the language files. A test keeps these equal to `src/i18n/en.ts`.
 */
export const FALLBACK_TEXT: Partial<Record<UiKey, string>> = {
  verifying: 'Checking the credential…',
  statusVerifying: 'Checking',
  statusUnknown: 'Not checked',
  verdictVerifierUnavailable: 'This page could not load the verifier',
  unknownHint: 'This says nothing about whether the credential is genuine. Please try again later.',
  inputLabel: 'Certificate ID, verification link or credential',
  inputHint: 'For example MC-7KQ4-9XJ2-PM3A-W8TD-K. You can also paste a signed credential or drop a .jwt, .json or PDF file here.',
  verifyButton: 'Verify',
  chooseFile: 'Choose a file',
  inputEmpty: 'Enter a certificate ID, a link or a credential first.',
  inputNoRegistry: 'This page cannot look up certificate IDs. Paste the credential itself or drop its file.',
  fileUnreadable: 'The file could not be read.',
}
