/** Crockford base32: digits and letters without I, L, O, U. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CERTIFICATE_ID_PREFIX = 'MC'
/** Random characters (16 × 5 = 80 bits) before the check character. */
export const BODY_LENGTH = 16

const VALUE = new Map<string, number>([...CROCKFORD].map((c, i) => [c, i]))
for (const [alias, canonical] of [['O', '0'], ['I', '1'], ['L', '1']] as const) VALUE.set(alias, VALUE.get(canonical)!)

// GF(32) with the primitive polynomial x⁵ + x² + 1. The check character c makes Σ αⁱ·dᵢ + α¹⁶·c = 0 over the 16
// data symbols d₀…d₁₅. Every weight αⁱ is non-zero, so any single substitution changes the sum; the 17 weights
// α⁰…α¹⁶ are pairwise distinct (α has order 31), so swapping any two different symbols — adjacent ones included,
// and the check character itself — changes it too. Unlike Crockford's mod-37 check, the check character stays in
// the 32-symbol alphabet (no `*~$=U` for a person to type).
const EXP = new Uint8Array(62)
const LOG = new Uint8Array(32)
{
  let x = 1
  for (let i = 0; i < 31; i++) {
    EXP[i] = x
    EXP[i + 31] = x
    LOG[x] = i
    x <<= 1
    if (x & 32) x ^= 0b100101
  }
}

function multiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!
}

/** The check symbol value for 16 data symbol values. */
export function checkValue(values: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum ^= multiply(EXP[i]!, values[i]!)
  // α¹⁶·c = sum (in characteristic 2, minus is plus), so c = sum · α⁻¹⁶ = sum · α¹⁵.
  return multiply(sum, EXP[31 - BODY_LENGTH]!)
}

/** Symbol value of a character after normalisation (O→0, I/L→1), or undefined. */
export function symbolValue(char: string): number | undefined {
  return VALUE.get(char)
}

export type CertificateIdProblem = 'characters' | 'length' | 'typo'

/** Normalises and checks `text`; returns the canonical ID or the problem. */
export function decodeCertificateId(text: string): { id: string } | { problem: CertificateIdProblem } {
  let compact = text.toUpperCase().replace(/[\s\-‐‑‒–—_.]/g, '')
  if (compact.length === BODY_LENGTH + 1 + CERTIFICATE_ID_PREFIX.length && compact.startsWith(CERTIFICATE_ID_PREFIX)) {
    compact = compact.slice(CERTIFICATE_ID_PREFIX.length)
  }
  const values: number[] = []
  for (const char of compact) {
    const value = VALUE.get(char)
    if (value === undefined) return { problem: 'characters' }
    values.push(value)
  }
  if (values.length !== BODY_LENGTH + 1) return { problem: 'length' }
  const check = values.pop()!
  if (checkValue(values) !== check) return { problem: 'typo' }
  return { id: formatCertificateId(values, check) }
}

export function formatCertificateId(values: readonly number[], check: number): string {
  const chars = values.map((v) => CROCKFORD[v]!).join('')
  return `${CERTIFICATE_ID_PREFIX}-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}-${CROCKFORD[check]}`
}
