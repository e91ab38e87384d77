import { describe, expect, it } from 'vitest'
import { decodeStatusList2021 } from '../../src/status-list-2021/decode-status-list-2021.js'
import { parseStatusList2021Entry } from '../../src/status-list-2021/parse-status-list-2021-entry.js'
import { createStatusList } from '../../src/status/create-status-list.js'
import { encodeStatusList } from '../../src/status/encode-status-list.js'
import { getStatusBit } from '../../src/status/get-status-bit.js'
import { setStatusBit } from '../../src/status/set-status-bit.js'

// The empty 131,072-entry list of the Status List 2021 / Bitstring Status List examples (w3c/vc-status-list-2021).
const EXAMPLE = 'H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'

describe('decodeStatusList2021', () => {
  it('decodes the specification example, unprefixed as StatusList2021 writes it and with the multibase "u" prefix', async () => {
    for (const encoded of [EXAMPLE, `u${EXAMPLE}`]) {
      const bits = await decodeStatusList2021(encoded)
      expect([bits.byteLength, bits.every((b) => b === 0)]).toEqual([16_384, true])
    }
  })

  it('reads a set bit most significant bit first, also from standard base64', async () => {
    const list = createStatusList()
    setStatusBit(list, 70_145, true)
    const encoded = (await encodeStatusList(list)).slice(1)
    const standard = encoded.replace(/-/g, '+').replace(/_/g, '/')
    for (const text of [encoded, standard]) {
      const bits = await decodeStatusList2021(text)
      expect([getStatusBit(bits, 70_145), getStatusBit(bits, 70_144), getStatusBit(bits, 70_146)]).toEqual([true, false, false])
    }
  })

  it('reports ERR_STATUS_LIST_INVALID for text that is not GZIP base64url', async () => {
    await expect(decodeStatusList2021('not a list!')).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' })
    await expect(decodeStatusList2021('SGVsbG8')).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' })
  })
})

describe('parseStatusList2021Entry', () => {
  const entry = {
    id: 'https://example.com/credentials/status/3#94567',
    type: 'StatusList2021Entry',
    statusPurpose: 'revocation',
    statusListIndex: '94567',
    statusListCredential: 'https://example.com/credentials/status/3',
  }

  it('returns the entry with a numeric index (string or integer in the credential)', () => {
    expect(parseStatusList2021Entry(entry)).toEqual({ ...entry, statusListIndex: 94_567 })
    expect(parseStatusList2021Entry({ ...entry, statusListIndex: 23 }).statusListIndex).toBe(23)
  })

  for (const [what, bad, reason] of [
    ['a BitstringStatusListEntry', { ...entry, type: 'BitstringStatusListEntry' }, 'type'],
    ['a purpose StatusList2021 does not define', { ...entry, statusPurpose: 'message' }, 'purpose'],
    ['a negative index', { ...entry, statusListIndex: '-1' }, 'index'],
    ['an index with a leading zero', { ...entry, statusListIndex: '007' }, 'index'],
    ['a fractional index', { ...entry, statusListIndex: 1.5 }, 'index'],
    ['no list URL', { ...entry, statusListCredential: 'ftp://x' }, 'list-url'],
    ['a string instead of an object', 'StatusList2021Entry', 'type'],
  ] as const) {
    it(`reports ERR_STATUS_ENTRY_INVALID (${reason}) for ${what}`, () => {
      expect(() => parseStatusList2021Entry(bad)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_ENTRY_INVALID', details: { reason } }))
    })
  }
})
