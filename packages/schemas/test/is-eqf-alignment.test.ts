import { describe, expect, it } from 'vitest'
import { isEqfAlignment } from '../src/index.js'
import { validCredential } from './helpers.js'

describe('isEqfAlignment', () => {
  it('finds the EQF level among the alignments of the fixture', () => {
    const alignments = validCredential().credentialSubject.achievement.alignment
    expect(alignments.filter(isEqfAlignment).map((a: { targetCode: string }) => a.targetCode)).toEqual(['6'])
  })

  it('rejects level 0 and 9, a URL that does not match the code, and other target types', () => {
    const base = { targetType: 'ext:EQFLevel', targetCode: '6', targetUrl: 'http://data.europa.eu/snb/eqf/6' }
    expect(isEqfAlignment(base)).toBe(true)
    expect(isEqfAlignment({ ...base, targetCode: '9', targetUrl: 'http://data.europa.eu/snb/eqf/9' })).toBe(false)
    expect(isEqfAlignment({ ...base, targetCode: '0', targetUrl: 'http://data.europa.eu/snb/eqf/0' })).toBe(false)
    expect(isEqfAlignment({ ...base, targetUrl: 'http://data.europa.eu/snb/eqf/7' })).toBe(false)
    expect(isEqfAlignment({ ...base, targetType: 'ext:EQF' })).toBe(false)
    expect(isEqfAlignment({ targetUrl: base.targetUrl })).toBe(false)
  })
})
