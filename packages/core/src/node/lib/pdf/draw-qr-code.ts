import { create } from 'qrcode'
import { rgb, type PDFPage } from 'pdf-lib'

/**
 * Draws a QR code of `text` as vector squares (sharp at any print size, a few hundred bytes), with the four-module
 * quiet zone the standard requires painted white. Error correction level M survives a crease or a coffee stain.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const count = modules.size
  const unit = size / (count + 8)
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
  const black = rgb(0, 0, 0)
  for (let row = 0; row < count; row++) {
    // one rectangle per horizontal run of dark modules
    let start = -1
    for (let col = 0; col <= count; col++) {
      const dark = col < count && modules.get(row, col) === 1
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        page.drawRectangle({
          x: x + (4 + start) * unit,
          y: y + size - (4 + row + 1) * unit,
          width: (col - start) * unit,
          height: unit,
          color: black,
        })
        start = -1
      }
    }
  }
}
