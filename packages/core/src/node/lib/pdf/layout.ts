import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib'

export const A4 = { width: 595.28, height: 841.89 } as const
export const INK = rgb(0.1, 0.1, 0.11)
export const MUTED = rgb(0.37, 0.39, 0.41)
export const FAINT = rgb(0.55, 0.57, 0.6)

export interface Fonts {
  regular: PDFFont
  bold: PDFFont
  italic: PDFFont
}

export interface TextStyle {
  font: PDFFont
  size: number
  color?: RGB
  /** Line height as a multiple of the size. Default 1.3. */
  leading?: number
  align?: 'left' | 'center' | 'right'
}

const widths = new Map<string, number>()

/**
 * Width of `text` at `size`. pdf-lib shapes the text with fontkit on every call, which costs more than everything else
 * in a certificate; the same words recur in every certificate of a course, so widths are cached by font and text.
 */
export function widthOf(font: PDFFont, text: string, size: number): number {
  const key = `${font.name}\u0000${text}`
  let width = widths.get(key)
  if (width === undefined) {
    if (widths.size >= 100_000) widths.clear()
    width = font.widthOfTextAtSize(text, 1000)
    widths.set(key, width)
  }
  return (width * size) / 1000
}

/** Splits text into lines no wider than `width`; a word longer than a line (a URL, an ID) is broken by characters. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  const space = widthOf(font, ' ', size)
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    let lineWidth = 0
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const wordWidth = widthOf(font, word, size)
      // words are measured one by one (kerning across a space is negligible), so a line costs one shaping per new word
      const candidate = line === '' ? wordWidth : lineWidth + space + wordWidth
      if (candidate <= width) {
        line = line === '' ? word : `${line} ${word}`
        lineWidth = candidate
        continue
      }
      if (line !== '') lines.push(line)
      let rest = word
      while (widthOf(font, rest, size) > width) {
        let cut = rest.length - 1
        while (cut > 1 && widthOf(font, rest.slice(0, cut), size) > width) cut--
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
      lineWidth = widthOf(font, rest, size)
    }
    if (line !== '' || lines.length === 0) lines.push(line)
  }
  return lines
}

/**
 * A top-to-bottom cursor over pages: `block` draws wrapped text and moves down; `ensure` starts a new page (through
 * `onNewPage`, which draws the page's frame and sets the cursor) when the next block would cross the bottom limit.
 */
export class Layout {
  readonly pages: PDFPage[] = []
  page!: PDFPage
  y = 0
  bottom = 0

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly onNewPage: (layout: Layout) => void,
  ) {}

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height])
    this.pages.push(this.page)
    this.onNewPage(this)
  }

  /** Makes room for `height` points, on a new page when this one is full; returns true when a page was started. */
  ensure(height: number): boolean {
    if (this.y - height >= this.bottom) return false
    this.newPage()
    return true
  }

  lineHeight(style: TextStyle): number {
    return style.size * (style.leading ?? 1.3)
  }

  /** Draws lines at the cursor within [x, x + width], moving the cursor down. */
  block(lines: readonly string[], style: TextStyle, x: number, width: number): void {
    const height = this.lineHeight(style)
    for (const line of lines) {
      const lineWidth = widthOf(style.font, line, style.size)
      const left = style.align === 'center' ? x + (width - lineWidth) / 2 : style.align === 'right' ? x + width - lineWidth : x
      this.page.drawText(line, { x: left, y: this.y - style.size, size: style.size, font: style.font, color: style.color ?? INK })
      this.y -= height
    }
  }

  /** Wraps and draws `text` at the cursor. */
  paragraph(text: string, style: TextStyle, x: number, width: number): void {
    this.block(wrapText(text, style.font, style.size, width), style, x, width)
  }

  /** The largest size from `max` down to `min` at which `text` wraps into at most `maxLines` lines. */
  fit(text: string, font: PDFFont, max: number, min: number, width: number, maxLines: number): number {
    for (let size = max; size > min; size -= 1) if (wrapText(text, font, size, width).length <= maxLines) return size
    return min
  }
}
