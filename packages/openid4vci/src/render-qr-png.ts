import QRCode from 'qrcode'

/**
 * Renders a credential offer URI (or any text) as a PNG QR code, e.g. for a share page, an e-mail or a PDF.
 *
 * @example
 * await writeFile('offer.png', await renderQrPng(offer.uri, { width: 480 }))
 * @throws TypeError when `text` is empty or longer than a QR code holds, or `width` is not 64-4096
 */
export async function renderQrPng(text: string, options: { width?: number } = {}): Promise<Uint8Array> {
  if (typeof text !== 'string' || text.length === 0) throw new TypeError('renderQrPng(text): text must be a non-empty string')
  const width = options.width ?? 400
  if (!Number.isInteger(width) || width < 64 || width > 4096) throw new TypeError('renderQrPng options.width must be an integer from 64 to 4096')
  try {
    return new Uint8Array(await QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width }))
  } catch (cause) {
    throw new TypeError(`renderQrPng: the text does not fit in a QR code (${text.length} characters)`, { cause })
  }
}
