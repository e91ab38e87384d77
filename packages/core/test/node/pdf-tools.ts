// Reading PDFs back with Debian's poppler-utils (pdftotext, pdftoppm, pdfdetach), as a person's PDF reader would.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'

function withFile<T>(pdf: Uint8Array, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'microcert-pdf-'))
  try {
    const path = join(dir, 'in.pdf')
    writeFileSync(path, pdf)
    return use(path, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text poppler extracts, in reading order. */
export function pdftotext(pdf: Uint8Array): string {
  return withFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }))
}

/** Names of the embedded files, as poppler lists them. */
export function pdfdetachList(pdf: Uint8Array): string {
  return withFile(pdf, (path) => execFileSync('pdfdetach', ['-list', path], { encoding: 'utf8' }))
}

/** Page 1 rendered by poppler at `dpi` as PNG bytes (for the README and for looking at). */
export function renderPng(pdf: Uint8Array, dpi: number): Uint8Array {
  return withFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', '-png', path, join(dir, 'page')])
    return readFileSync(join(dir, 'page.png'))
  })
}

/** Renders page 1 in grey at `dpi` and decodes the QR code on it with jsQR; undefined when none is found. */
export function decodeQrOnPage(pdf: Uint8Array, dpi = 150): string | undefined {
  const pgm = withFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', '-gray', path, join(dir, 'page')])
    return readFileSync(join(dir, 'page.pgm'))
  })
  // binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!
  const [width, height] = [Number(header[1]), Number(header[2])]
  const pixels = pgm.subarray(header[0].length)
  const rgba = new Uint8ClampedArray(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i]!
    rgba[i * 4 + 3] = 255
  }
  return jsQR(rgba, width, height)?.data
}

/** Saves a screenshot under test-results/ and, with UPDATE_SCREENSHOTS=1, refreshes the copy the docs show. */
export function saveScreenshot(name: string, png: Uint8Array, docsPath?: string): void {
  const results = new URL('../../test-results/', import.meta.url)
  mkdirSync(results, { recursive: true })
  writeFileSync(new URL(name, results), png)
  if (process.env['UPDATE_SCREENSHOTS'] === '1' && docsPath !== undefined) copyFileSync(new URL(name, results), docsPath)
}
