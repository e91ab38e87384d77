import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { renderQrPng, renderQrText } from '../src/index.js'

const OFFER =
  'openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A%22https%3A%2F%2Funi.example%22%2C%22credential_configuration_ids%22%3A%5B%22micro-credential%22%5D%7D'

/** Reads a QR code from RGBA pixels with jsQR (an independent decoder). */
function readQr(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height)?.data
}

/**
 * Turns the terminal rendering back into modules: each character is two modules (top, bottom); a half block is dark
 * when drawn in the black foreground, light when drawn in white (the renderer's one-module quiet zone).
 */
function pixelsOfTerminalText(text: string): { rgba: Uint8ClampedArray; width: number; height: number } {
  const modules: boolean[][] = []
  for (const line of text.split('\n').filter((l) => l.length > 0)) {
    const top: boolean[] = []
    const bottom: boolean[] = []
    let foreground = 'black'
    // eslint-disable-next-line no-control-regex
    for (const token of line.match(/\u001b\[[0-9;]*m|./gu) ?? []) {
      if (token === '\u001b[37m') foreground = 'white'
      else if (token === '\u001b[30m' || token === '\u001b[0m') foreground = token === '\u001b[30m' ? 'black' : 'default'
      else if (!token.startsWith('\u001b')) {
        const ink = foreground !== 'white'
        top.push(ink && (token === '█' || token === '▀'))
        bottom.push(ink && (token === '█' || token === '▄'))
      }
    }
    modules.push(top, bottom)
  }
  const scale = 4
  const quiet = 4
  const width = (modules[0]!.length + 2 * quiet) * scale
  const height = (modules.length + 2 * quiet) * scale
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255)
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + quiet) * scale + dy) * width + (x + quiet) * scale + dx) * 4
          rgba[offset] = rgba[offset + 1] = rgba[offset + 2] = 0
        }
      }
    }),
  )
  return { rgba, width, height }
}

describe('renderQrPng', () => {
  it('renders a PNG of the requested width that a QR decoder reads back as the offer', async () => {
    const png = PNG.sync.read(Buffer.from(await renderQrPng(OFFER, { width: 320 })))
    expect(png.width).toBe(320)
    expect(png.height).toBe(320)
    expect(readQr(new Uint8ClampedArray(png.data), png.width, png.height)).toBe(OFFER)
  })

  it('throws TypeError for empty text, text too long for a QR code, or a width out of range', async () => {
    await expect(renderQrPng('')).rejects.toThrow(TypeError)
    await expect(renderQrPng(OFFER, { width: 10 })).rejects.toThrow(TypeError)
    await expect(renderQrPng('x'.repeat(5000))).rejects.toThrow(TypeError)
  })
})

describe('renderQrText', () => {
  it('renders black-on-white half blocks that a QR decoder reads back as the offer', async () => {
    const text = await renderQrText(OFFER)
    expect(text).toContain('\u001b[47m')
    const { rgba, width, height } = pixelsOfTerminalText(text)
    expect(readQr(rgba, width, height)).toBe(OFFER)
  })

  it('throws TypeError for empty text', async () => {
    await expect(renderQrText('')).rejects.toThrow(TypeError)
  })
})
