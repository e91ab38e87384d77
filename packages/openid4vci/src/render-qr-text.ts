import QRCode from 'qrcode'

/**
 * Renders a credential offer URI (or any text) as a QR code for a terminal: Unicode half blocks, black on a white
 * background set with ANSI colours (so a phone scans it from a dark or a light terminal theme), two rows per line.
 *
 * @example
 * console.log(await renderQrText(offer.uri))
 * @throws TypeError when `text` is empty or longer than a QR code holds
 */
export async function renderQrText(text: string): Promise<string> {
  if (typeof text !== 'string' || text.length === 0) throw new TypeError('renderQrText(text): text must be a non-empty string')
  try {
    return await QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'M' })
  } catch (cause) {
    throw new TypeError(`renderQrText: the text does not fit in a QR code (${text.length} characters)`, { cause })
  }
}
