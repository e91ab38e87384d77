import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sanitizeDisplayText } from '../src/sanitize-display-text.js'

// Issue 9, case 8: every Unicode default-ignorable code point is stripped from displayed text, not only bidi and
// zero-width ones. The widget and the CLI both print credential text through this function.
describe('sanitizeDisplayText', () => {
  it('removes bidi controls, zero-width characters and C0/C1 controls', () => {
    expect(sanitizeDisplayText('Harvard\u202Eytisrevinu\u202C \u200Bx\u200D\u2066y\u2069 \u001b[2Jz\u0085')).toBe('Harvardytisrevinu xy [2Jz')
  })

  it('removes every default-ignorable code point: tags, Hangul fillers, CGJ, variation selectors, and the blank Braille pattern', () => {
    const hidden = [
      '\u{E0001}', '\u{E0041}', '\u{E007F}', // tags block
      '\u3164', '\u115F', '\u1160', '\uFFA0', // Hangul fillers
      '\u034F', // combining grapheme joiner
      '\uFE00', '\uFE0F', '\u{E0100}', '\u{E01EF}', // variation selectors
      '\u2800', // Braille pattern blank
      '\u00AD', '\u180E', '\u2060', '\u2064', '\uFEFF', '\u{1D173}', '\u{1BCA0}', '\uFFF0',
    ]
    expect(sanitizeDisplayText(`Uni${hidden.join('')}versity`)).toBe('University')
    for (const char of hidden) expect(sanitizeDisplayText(`a${char}b`), char.codePointAt(0)!.toString(16)).toBe('ab')
  })

  it('turns line breaks and runs of white space into one space and trims', () => {
    expect(sanitizeDisplayText('  Charles\n\tUniversity\u2028in\u00A0\u3000Prague  ')).toBe('Charles University in Prague')
  })

  it('keeps letters of every script and ordinary punctuation', () => {
    expect(sanitizeDisplayText('Univerzita Karlova · Πανεπιστήμιο · جامعة · 東京大学 · Ł-ó')).toBe('Univerzita Karlova · Πανεπιστήμιο · جامعة · 東京大学 · Ł-ó')
  })

  it('leaves no default-ignorable, format or control code point in any string (property)', () => {
    const invisible = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(invisible.test(sanitizeDisplayText(text))).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('throws TypeError for a non-string (misuse)', () => {
    expect(() => sanitizeDisplayText(42 as unknown as string)).toThrow(TypeError)
  })
})
