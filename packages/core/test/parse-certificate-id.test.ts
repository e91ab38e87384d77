import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MicrocertError } from '../src/errors.js'
import { certificateIdFromCredentialId } from '../src/certificate-id-from-credential-id.js'
import { generateCertificateId } from '../src/generate-certificate-id.js'
import { isCertificateId } from '../src/is-certificate-id.js'
import { CROCKFORD, checkValue, formatCertificateId } from '../src/lib/certificate-id-codec.js'
import { parseCertificateId } from '../src/parse-certificate-id.js'

function reasonOf(text: string): unknown {
  try {
    parseCertificateId(text)
  } catch (error) {
    expect(error).toBeInstanceOf(MicrocertError)
    expect((error as MicrocertError).code).toBe('ERR_CERTIFICATE_ID_INVALID')
    return (error as MicrocertError).details?.['reason']
  }
  throw new Error(`"${text}" was accepted`)
}

/** The 17 symbols (16 data + check) of a canonical ID. */
const symbolsOf = (id: string) => id.slice(3).replaceAll('-', '')
const fromSymbols = (s: string) => `MC-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16)}`
const arbitraryId = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 16, maxLength: 16 })
  .map((values) => formatCertificateId(values, checkValue(values)))

describe('generateCertificateId', () => {
  it('produces MC-XXXX-XXXX-XXXX-XXXX-C in Crockford base32 that parses to itself', () => {
    for (let i = 0; i < 1000; i++) {
      const id = generateCertificateId()
      expect(id).toMatch(/^MC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]$/)
      expect(parseCertificateId(id)).toBe(id)
    }
  })

  it('draws 80 random bits: every data symbol takes all 32 values over many IDs', () => {
    const seen = Array.from({ length: 16 }, () => new Set<string>())
    for (let i = 0; i < 3000; i++) [...symbolsOf(generateCertificateId()).slice(0, 16)].forEach((c, p) => seen[p]!.add(c))
    expect(seen.map((s) => s.size)).toEqual(Array(16).fill(32))
  })
})

describe('parseCertificateId', () => {
  const id = generateCertificateId()

  it('normalises case, spaces, dashes, the optional MC prefix, O→0 and I/L→1', () => {
    const body = symbolsOf(id)
    expect(parseCertificateId(id.toLowerCase())).toBe(id)
    expect(parseCertificateId(`  mc ${body.match(/.{1,4}/g)!.join(' ')}  `)).toBe(id)
    expect(parseCertificateId(body)).toBe(id)
    expect(parseCertificateId(`MC${body}`)).toBe(id)
    expect(parseCertificateId(id.replaceAll('0', 'O').replaceAll('1', 'l'))).toBe(id)
    expect(parseCertificateId(id.replaceAll('1', 'I'))).toBe(id)
  })

  it("reports reason 'characters' for foreign text, 'length' for a wrong length, 'typo' for a failed check", () => {
    expect(reasonOf('hello world!')).toBe('characters')
    expect(reasonOf('MC-7KQ4-9XJ2-PM3A-W8TD-U')).toBe('characters')
    expect(reasonOf('MC-7KQ4')).toBe('length')
    expect(reasonOf(`${id}7`)).toBe('length')
    const s = symbolsOf(id)
    const wrongCheck = s.slice(0, 16) + CROCKFORD[(CROCKFORD.indexOf(s[16]!) + 1) % 32]
    expect(reasonOf(fromSymbols(wrongCheck))).toBe('typo')
  })

  it('catches every single substitution at every position (exhaustive over 100 IDs)', () => {
    for (let n = 0; n < 100; n++) {
      const s = symbolsOf(generateCertificateId())
      for (let position = 0; position < 17; position++) {
        for (const replacement of CROCKFORD) {
          if (replacement === s[position]) continue
          const typo = s.slice(0, position) + replacement + s.slice(position + 1)
          expect(isCertificateId(typo)).toBe(false)
        }
      }
    }
  })

  it('catches every adjacent transposition, the check character included (exhaustive over all symbol pairs)', () => {
    const base = [...symbolsOf(generateCertificateId()).slice(0, 16)].map((c) => CROCKFORD.indexOf(c))
    const swap = (t: string, p: number) => t.slice(0, p) + t[p + 1] + t[p] + t.slice(p + 2)
    let swaps = 0
    for (let a = 0; a < 32; a++) {
      for (let position = 0; position < 16; position++) {
        if (position < 15) {
          for (let b = 0; b < 32; b++) {
            if (a === b) continue
            const values = base.slice()
            values[position] = a
            values[position + 1] = b
            expect(isCertificateId(swap(symbolsOf(formatCertificateId(values, checkValue(values))), position))).toBe(false)
            swaps++
          }
        } else {
          // The last data symbol and the check character.
          const values = base.slice()
          values[15] = a
          const valid = symbolsOf(formatCertificateId(values, checkValue(values)))
          if (valid[15] !== valid[16]) {
            expect(isCertificateId(swap(valid, 15))).toBe(false)
            swaps++
          }
        }
      }
    }
    expect(swaps).toBeGreaterThan(15 * 32 * 31)
  })

  it('property: any single substitution or adjacent swap of a valid ID is rejected with reason typo', () => {
    fc.assert(
      fc.property(arbitraryId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 31 }), (valid, position, shift) => {
        const s = symbolsOf(valid)
        const substituted = s.slice(0, position) + CROCKFORD[(CROCKFORD.indexOf(s[position]!) + shift) % 32] + s.slice(position + 1)
        expect(reasonOf(substituted)).toBe('typo')
        const p = Math.min(position, 15)
        if (s[p] !== s[p + 1]) {
          expect(reasonOf(s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2))).toBe('typo')
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('throws TypeError for a non-string', () => {
    expect(() => parseCertificateId(42 as unknown as string)).toThrow(TypeError)
  })
})

describe('isCertificateId', () => {
  it('is true for a valid ID in any accepted spelling and false otherwise', () => {
    const id = generateCertificateId()
    expect(isCertificateId(id)).toBe(true)
    expect(isCertificateId(id.toLowerCase())).toBe(true)
    expect(isCertificateId('nope')).toBe(false)
    expect(isCertificateId(undefined)).toBe(false)
  })
})

describe('certificateIdFromCredentialId', () => {
  it('finds the ID at the end of a registry credential URL, with or without .jwt', () => {
    const id = generateCertificateId()
    expect(certificateIdFromCredentialId(`https://uni.example/microcerts/credentials/${id}`)).toBe(id)
    expect(certificateIdFromCredentialId(`http://localhost:8080/credentials/${id.toLowerCase()}.jwt`)).toBe(id)
  })

  it('returns undefined for URLs without a valid ID', () => {
    expect(certificateIdFromCredentialId('urn:uuid:5b6f2a52-3d9e-4a7c-9b1e-2f0c8d7e6a41')).toBeUndefined()
    expect(certificateIdFromCredentialId('https://uni.example/credentials/MC-0000-0000-0000-0000-1')).toBeUndefined()
    expect(certificateIdFromCredentialId('https://uni.example/other/MC-7KQ4-9XJ2-PM3A-W8TD-K')).toBeUndefined()
  })
})
