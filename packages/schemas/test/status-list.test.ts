import { describe, expect, it } from 'vitest'
import { BitstringStatusListCredential, BitstringStatusListEntry, formatSchemaIssues } from '../src/index.js'
import { readVector, validCredential } from './helpers.js'

describe('BitstringStatusListEntry', () => {
  it('accepts the W3C example entry and the fixture entry', () => {
    expect(BitstringStatusListEntry.safeParse(readVector('bsl-a-revocable-verifiable-credential.json')['credentialStatus']).success).toBe(true)
    expect(BitstringStatusListEntry.safeParse(validCredential().credentialStatus).success).toBe(true)
  })

  it('rejects an index given as a number, negative, with leading zeros or as words', () => {
    for (const statusListIndex of [94567, '-1', '007', 'ninety']) {
      const result = BitstringStatusListEntry.safeParse({ ...validCredential().credentialStatus, statusListIndex })
      expect(result.success).toBe(false)
      expect(formatSchemaIssues(result.error!)[0]).toMatch(/^statusListIndex: must be (a whole number written as text|text, not a number)/)
      expect(['invalid_type', 'invalid_format']).toContain(result.error!.issues[0]!.code)
    }
  })

  it('rejects another status type and a missing list URL', () => {
    const entry = { ...validCredential().credentialStatus, type: 'StatusList2021Entry' }
    delete (entry as Record<string, unknown>)['statusListCredential']
    const result = BitstringStatusListEntry.safeParse(entry)
    expect(formatSchemaIssues(result.error!)).toEqual([
      'type: must be "BitstringStatusListEntry"',
      'statusListCredential: the status list URL is required',
    ])
    expect(result.error!.issues.map((issue) => issue.code)).toEqual(['invalid_value', 'invalid_type'])
  })
})

describe('BitstringStatusListCredential', () => {
  it('accepts the W3C example status list credentials', () => {
    for (const name of ['bsl-a-status-list-verifiable-credential.json', 'bsl-bitstringstatuslistcredential.json']) {
      const result = BitstringStatusListCredential.safeParse(readVector(name))
      expect(result.success ? [] : formatSchemaIssues(result.error)).toEqual([])
    }
  })

  it('accepts a list serving several purposes and a ttl', () => {
    const list = readVector('bsl-bitstringstatuslistcredential.json')
    list['credentialSubject'].statusPurpose = ['revocation', 'suspension']
    list['credentialSubject'].ttl = 86_400_000
    expect(BitstringStatusListCredential.parse(list).credentialSubject.ttl).toBe(86_400_000)
  })

  it('rejects an encodedList without the multibase "u" prefix', () => {
    const list = readVector('bsl-bitstringstatuslistcredential.json')
    list['credentialSubject'].encodedList = 'H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'
    const result = BitstringStatusListCredential.safeParse(list)
    expect(formatSchemaIssues(result.error!)).toEqual([
      'credentialSubject.encodedList: must be multibase base64url text starting with "u"',
    ])
    expect(result.error!.issues[0]!.code).toBe('invalid_format')
  })

  it('rejects a list whose subject type or credential type is wrong', () => {
    const list = readVector('bsl-bitstringstatuslistcredential.json')
    list['type'] = ['VerifiableCredential', 'StatusList2021Credential']
    list['credentialSubject'].type = 'StatusList2021'
    const lines = formatSchemaIssues(BitstringStatusListCredential.safeParse(list).error!)
    expect(lines).toEqual([
      'type: must be a list containing "VerifiableCredential" and "BitstringStatusListCredential"',
      'credentialSubject.type: must be "BitstringStatusList"',
    ])
  })
})
