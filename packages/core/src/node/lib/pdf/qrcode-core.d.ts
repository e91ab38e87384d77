// The QR encoder of `qrcode` alone, without its renderers (PNG, SVG, terminal) and their dependencies.
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; get(row: number, col: number): number } }
}
