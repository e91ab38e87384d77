import { sanitizeDisplayText } from '@microcert/core'

/**
 * Text from outside (credential fields, URLs, messages that quote them) made safe for one terminal line: every
 * control, format and default-ignorable character removed — so nothing can repaint the terminal or reorder or hide
 * what a person reads — white space collapsed, cut to 300 characters.
 */
export function oneLine(text: string): string {
  return sanitizeDisplayText(text).slice(0, 300)
}
