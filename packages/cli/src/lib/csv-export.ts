/**
 * One CSV line (RFC 4180, CRLF) that a spreadsheet opens safely: a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return would run as a formula in Excel, LibreOffice or Google Sheets (CSV injection), so it is prefixed
 * with `'`; a cell with a comma, quote or line break is quoted, quotes doubled.
 */
export function csvLine(cells: readonly (string | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

function csvCell(value: string | undefined): string {
  let cell = value ?? ''
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

/** Excel reads a CSV as UTF-8 (names with diacritics intact) only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF'
