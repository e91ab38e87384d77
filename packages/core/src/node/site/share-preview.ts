import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { EuLanguage } from '../lib/i18n/eu-languages.js'
import { assetPath } from '../lib/asset-path.js'

/**
 * What a link-preview card shows: the course, not the learner, so one image serves every learner of a course (and
 * no learner's name is baked into an image that crawlers cache).
 */
export interface SharePreviewCard {
  title: string
  issuerName: string
  ects?: number
  eqfLevel?: string
  /** The registry's host name, printed at the bottom. */
  host: string
  lang: EuLanguage
  /** `#rrggbb`. Default `#1d3f73`. */
  accentColor?: string
}

export const PREVIEW_WIDTH = 1200
export const PREVIEW_HEIGHT = 630

let resvg: Promise<typeof import('@resvg/resvg-wasm')> | undefined

/** resvg compiled to WebAssembly: one file, no native binary, no browser; loaded on first use, once per process. */
function loadResvg(): Promise<typeof import('@resvg/resvg-wasm')> {
  resvg ??= import('@resvg/resvg-wasm').then(async (module) => {
    await module.initWasm(readFileSync(assetPath('index_bg.wasm', '@resvg/resvg-wasm/index_bg.wasm')))
    return module
  })
  return resvg
}

/** A file name for the card's image that changes whenever what it shows changes: `<hash>.png`. */
export function sharePreviewName(card: SharePreviewCard): string {
  const key = JSON.stringify([card.title, card.issuerName, card.ects, card.eqfLevel, card.host, card.lang, card.accentColor ?? ''])
  return `${createHash('sha256').update(key).digest('hex').slice(0, 20)}.png`
}

/**
 * Renders the link-preview image of a share page as PNG, from SVG with resvg (WebAssembly) and the Noto Sans fonts
 * the PDFs use: no browser and no native toolchain at publish time, the same pixels on every machine.
 *
 * @example
 * writeFileSync(`site/previews/${sharePreviewName(card)}`, await renderSharePreviewPng(card))
 */
export async function renderSharePreviewPng(card: SharePreviewCard): Promise<Uint8Array> {
  const [{ Resvg }, { sharePreviewSvg }, { fontBytes }] = await Promise.all([loadResvg(), import('./share-preview-svg.js'), import('../lib/pdf/fonts.js')])
  const renderer = new Resvg(sharePreviewSvg(card), {
    font: { fontBuffers: [fontBytes('regular'), fontBytes('bold')], loadSystemFonts: false, defaultFontFamily: 'Noto Sans' },
  })
  const image = renderer.render()
  const png = image.asPng()
  image.free()
  renderer.free()
  return png
}
