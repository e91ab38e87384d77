/** True when the date part of an ISO 8601 date(-time) exists in the calendar (no 30 February, 29 February only in leap years). */
export function isRealDate(value: string): boolean {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(value)
  if (!match) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}
