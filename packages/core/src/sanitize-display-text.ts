// Line breaks and other separators become one space; they must not start a new "line" in a one-line field.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
/**
 * What a reader cannot see but a renderer acts on: C0/C1 controls (terminal escapes), format characters (bidi
 * overrides and isolates, zero-width characters, the tags block U+E0000–E007F), every Unicode default-ignorable code
 * point (variation selectors, the combining grapheme joiner U+034F, the Hangul fillers U+115F/U+1160/U+3164/U+FFA0…),
 * lone surrogates, and the blank Braille pattern U+2800 that passes for a space.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu

/**
 * Makes text taken from a credential (or any other outside source) safe to show as one line: removes every invisible
 * or control character, so a name cannot hide text, reorder what a person reads ("Harvard\u202Eytisrevinu") or repaint
 * a terminal; turns line breaks and runs of white space into single spaces; trims. It does not shorten or escape:
 * render the result as text, never as HTML.
 *
 * @example
 * sanitizeDisplayText('Uni\u202Eversity\u{E0041}\u3164  of\nExample') // 'University of Example'
 * @throws TypeError when `text` is not a string
 */
export function sanitizeDisplayText(text: string): string {
  if (typeof text !== 'string') throw new TypeError('sanitizeDisplayText(text): text must be a string')
  return text.replace(BREAKS, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}
