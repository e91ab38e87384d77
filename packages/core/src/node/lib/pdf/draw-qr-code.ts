/// <reference path="./qrcode-core.d.ts" />
import { create } from 'qrcode/lib/core/qrcode.js'
import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFOperator, type PDFPage } from 'pdf-lib'

/**
 * Draws a QR code of `text` as vector squares (sharp at any print size, a few hundred bytes), with the four-module
 * quiet zone the standard requires painted white. Error correction level M survives a crease or a coffee stain.
 * One path of rectangles, a rectangle per horizontal run of dark modules, filled once.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const count = modules.size
  const unit = size / (count + 8)
  const round = (n: number) => Math.round(n * 1000) / 1000
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(1), rectangle(x, y, size, size), fill(), setFillingGrayscaleColor(0)]
  for (let row = 0; row < count; row++) {
    let start = -1
    for (let col = 0; col <= count; col++) {
      const dark = col < count && modules.get(row, col) === 1
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        operators.push(rectangle(round(x + (4 + start) * unit), round(y + size - (4 + row + 1) * unit), round((col - start) * unit), round(unit)))
        start = -1
      }
    }
  }
  operators.push(fill(), popGraphicsState())
  page.pushOperators(...operators)
}
