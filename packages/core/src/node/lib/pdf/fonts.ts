import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { create, type Font } from 'fontkit'
import type { PDFDocument } from 'pdf-lib'
import { assetPath } from '../asset-path.js'

// Noto Sans (SIL Open Font License) from the Google Fonts build packaged by Expo: static TrueType files, which is what
// fontkit subsets and pdf-lib embeds. Between them they cover every letter of the EU's Latin, Greek and Cyrillic
// alphabets. They ship with the npm package, so nothing is downloaded at run time and no system font is needed.
export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
} as const

export type FontStyle = keyof typeof FONT_FILES
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]

const bytes = new Map<FontStyle, Uint8Array>()
const parsed = new Map<Uint8Array, Font>()

/** The TrueType file of a style (read once per process). */
export function fontBytes(style: FontStyle): Uint8Array {
  let data = bytes.get(style)
  if (data === undefined) {
    const source = FONT_FILES[style]
    data = readFileSync(assetPath(source.slice(source.lastIndexOf('/') + 1), source))
    bytes.set(style, data)
  }
  return data
}

/**
 * The upstream fontkit (foliojs, 2.x) in the shape pdf-lib expects. pdf-lib's own fork (@pdf-lib/fontkit 1.1) writes
 * broken TrueType subsets (a short `loca` table without padding: glyphs vanish), fixed upstream in fontkit 1.8; the
 * one API difference is that 2.x encodes a subset with `encode()` where pdf-lib calls `encodeStream()`.
 * Parses are cached per font file: pdf-lib parses again for every document, which costs more than drawing one.
 */
export const pdfFontkit: Fontkit = {
  create(data) {
    let font = parsed.get(data)
    if (font === undefined) {
      font = create(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) as Font
      const createSubset = font.createSubset.bind(font)
      Object.defineProperty(font, 'createSubset', {
        value: () => {
          const subset = createSubset()
          return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) })
        },
      })
      // fontkit keeps one glyph object per glyph for the life of the font, with the characters it was first made from:
      // a glyph first reached through a substitution (the Z of a decomposed Ž) would have none, and every later
      // certificate would map it to no text (search and copy would lose the letter), depending on what was rendered
      // before. A glyph without characters gets the smallest code point the font maps to it: the same everywhere.
      const getGlyph = font.getGlyph.bind(font)
      const cmap = (font as unknown as { _cmapProcessor: { codePointsForGlyph(id: number): number[] } })._cmapProcessor
      Object.defineProperty(font, 'getGlyph', {
        value: (id: number, characters?: number[]) => {
          const glyph = getGlyph(id, characters)
          if (glyph !== null && glyph.codePoints.length === 0) {
            const mapped = cmap.codePointsForGlyph(id)
            if (mapped.length > 0) (glyph as { codePoints: number[] }).codePoints = [Math.min(...mapped)]
          }
          return glyph
        },
      })
      // pdf-lib shapes every string it draws again (fontkit's layout: a third of a certificate's time), while the
      // labels, titles and outcomes repeat in every certificate of a course: the shaped runs are kept per font.
      const layout = font.layout.bind(font)
      const runs = new Map<string, ReturnType<Font['layout']>>()
      Object.defineProperty(font, 'layout', {
        value: (text: string, features?: unknown, ...rest: unknown[]) => {
          if (features !== undefined || rest.length > 0) return (layout as (...args: unknown[]) => ReturnType<Font['layout']>)(text, features, ...rest)
          let run = runs.get(text)
          if (run === undefined) {
            if (runs.size >= 4_000) runs.clear()
            run = layout(text)
            runs.set(text, run)
          }
          return run
        },
      })
      if ([...bytes.values()].includes(data)) parsed.set(data, font)
    }
    return font as unknown as ReturnType<Fontkit['create']>
  },
}

/** Width of `text` set in a style at `size` (for layouts outside PDF, e.g. the SVG of a share preview). */
export function textWidth(style: FontStyle, text: string, size: number): number {
  const font = pdfFontkit.create(fontBytes(style)) as unknown as Font
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm
}
