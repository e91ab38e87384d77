import { formatter } from '../lib/i18n/format.js'
import { textWidth, type FontStyle } from '../lib/pdf/fonts.js'
import { escapeHtml } from './escape-html.js'
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type SharePreviewCard } from './share-preview.js'

const LEFT = 96
const TEXT_WIDTH = PREVIEW_WIDTH - LEFT - 80

function wrap(text: string, style: FontStyle, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line !== '' && textWidth(style, candidate, size) > width) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line !== '') lines.push(line)
  return lines
}

/** Lines of `text` at the largest size from `max` to `min` that fits `maxLines`; the last line is cut with "…" if even `min` does not. */
function fit(text: string, style: FontStyle, max: number, min: number, maxLines: number): { lines: string[]; size: number } {
  for (let size = max; size >= min; size -= 4) {
    const lines = wrap(text, style, size, TEXT_WIDTH)
    if (lines.length <= maxLines) return { lines, size }
  }
  const lines = wrap(text, style, min, TEXT_WIDTH).slice(0, maxLines)
  let last = lines[maxLines - 1]!
  while (last.length > 1 && textWidth(style, `${last}…`, min) > TEXT_WIDTH) last = last.slice(0, -1)
  lines[maxLines - 1] = `${last}…`
  return { lines, size: min }
}

/** The SVG of the card (1200 × 630, the size Open Graph and X's large card expect). */
export function sharePreviewSvg(card: SharePreviewCard): string {
  const text = formatter(card.lang)
  const accent = /^#[0-9a-f]{6}$/i.test(card.accentColor ?? '') ? card.accentColor! : '#1d3f73'
  const e = escapeHtml
  const title = fit(card.title, 'bold', 68, 40, 3)
  const issuer = fit(card.issuerName, 'regular', 34, 26, 2)
  const facts = [
    card.ects === undefined ? undefined : text.plural(text.messages.ectsCredits, card.ects),
    card.eqfLevel === undefined ? undefined : `${text.messages.eqfLevel} ${card.eqfLevel}`,
  ].filter((part) => part !== undefined)
  let y = 150
  const out: string[] = []
  out.push(`<text x="${LEFT}" y="${y}" font-family="Noto Sans" font-weight="700" font-size="26" letter-spacing="3" fill="${accent}">${e(text.messages.certificateHeading.toLocaleUpperCase(card.lang))}</text>`)
  y += 34
  for (const line of title.lines) {
    y += title.size * 1.15
    out.push(`<text x="${LEFT}" y="${y.toFixed(1)}" font-family="Noto Sans" font-weight="700" font-size="${title.size}" fill="#16181b">${e(line)}</text>`)
  }
  y += 30
  for (const line of issuer.lines) {
    y += issuer.size * 1.3
    out.push(`<text x="${LEFT}" y="${y.toFixed(1)}" font-family="Noto Sans" font-size="${issuer.size}" fill="#33373d">${e(line)}</text>`)
  }
  if (facts.length > 0) {
    y += 52
    out.push(`<text x="${LEFT}" y="${y.toFixed(1)}" font-family="Noto Sans" font-size="30" fill="#5f6368">${e(facts.join('  ·  '))}</text>`)
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" viewBox="0 0 ${PREVIEW_WIDTH} ${PREVIEW_HEIGHT}">`,
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="28" height="${PREVIEW_HEIGHT}" fill="${accent}"/>`,
    ...out,
    `<circle cx="${LEFT + 18}" cy="${PREVIEW_HEIGHT - 66}" r="18" fill="${accent}"/>`,
    `<path d="M ${LEFT + 9} ${PREVIEW_HEIGHT - 66} l 6 7 l 12 -14" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>`,
    `<text x="${LEFT + 50}" y="${PREVIEW_HEIGHT - 56}" font-family="Noto Sans" font-size="26" fill="#5f6368">${e(card.host)}</text>`,
    '</svg>',
  ].join('\n')
}

