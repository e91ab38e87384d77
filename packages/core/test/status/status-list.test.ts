import { readFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { buildStatusListCredential } from '../../src/status/build-status-list-credential.js'
import { createStatusList } from '../../src/status/create-status-list.js'
import { decodeStatusList } from '../../src/status/decode-status-list.js'
import { encodeStatusList } from '../../src/status/encode-status-list.js'
import { getStatusBit } from '../../src/status/get-status-bit.js'
import { setStatusBit } from '../../src/status/set-status-bit.js'

const vector = (name: string) =>
  JSON.parse(readFileSync(new URL(`../vectors/status/${name}`, import.meta.url), 'utf8')) as {
    credentialSubject: { encodedList: string }
  }

const codeOf = async (promise: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    return (error as { code?: string }).code
  }
  return 'no error'
}

const u = (bytes: Uint8Array) => 'u' + Buffer.from(bytes).toString('base64url')

describe('createStatusList', () => {
  it('creates 131,072 cleared entries by default', () => {
    const list = createStatusList()
    expect(list.byteLength).toBe(16_384)
    expect(list.every((b) => b === 0)).toBe(true)
  })

  it('rejects sizes below the W3C minimum or not a multiple of 8', () => {
    expect(() => createStatusList(1024)).toThrow(TypeError)
    expect(() => createStatusList(131_073)).toThrow(TypeError)
  })
})

describe('setStatusBit / getStatusBit', () => {
  it('stores index 0 in the most significant bit of byte 0', () => {
    const list = createStatusList()
    setStatusBit(list, 0)
    expect(list[0]).toBe(0x80)
    setStatusBit(list, 7)
    expect(list[0]).toBe(0x81)
    setStatusBit(list, 0, false)
    expect(list[0]).toBe(0x01)
    expect(getStatusBit(list, 7)).toBe(true)
    expect(getStatusBit(list, 0)).toBe(false)
  })

  it('reports ERR_STATUS_INDEX_INVALID for an index outside the list', async () => {
    const list = createStatusList()
    expect(await codeOf(() => getStatusBit(list, 131_072))).toBe('ERR_STATUS_INDEX_INVALID')
    expect(await codeOf(() => getStatusBit(list, -1))).toBe('ERR_STATUS_INDEX_INVALID')
    expect(await codeOf(() => setStatusBit(list, 1.5))).toBe('ERR_STATUS_INDEX_INVALID')
  })

  it('sets exactly the bits it is told to (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 131_071 }), { maxLength: 50 }), (indexes) => {
        const list = createStatusList()
        for (const i of indexes) setStatusBit(list, i)
        const set = new Set(indexes)
        for (const probe of [...indexes, 0, 1, 131_071, 65_536]) expect(getStatusBit(list, probe)).toBe(set.has(probe))
        expect(list.reduce((n, b) => n + popcount(b), 0)).toBe(set.size)
      }),
      { numRuns: 50 },
    )
  })
})

function popcount(b: number): number {
  let n = 0
  for (let x = b; x; x >>= 1) n += x & 1
  return n
}

describe('encodeStatusList / decodeStatusList', () => {
  it('decodes the W3C Recommendation example list: 131,072 cleared entries', async () => {
    const bits = await decodeStatusList(vector('w3c-rec-status-list-credential.json').credentialSubject.encodedList)
    expect(bits.byteLength).toBe(16_384)
    expect(bits.every((b) => b === 0)).toBe(true)
    expect(getStatusBit(bits, 94_567)).toBe(false)
  })

  it('decodes the standards reference list with only index 70145 set', async () => {
    const bits = await decodeStatusList(vector('standards-index-70145.json').credentialSubject.encodedList)
    expect(getStatusBit(bits, 70_145)).toBe(true)
    const set: number[] = []
    bits.forEach((byte, i) => {
      for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) set.push(i * 8 + b)
    })
    expect(set).toEqual([70_145])
  })

  it('round-trips a list and produces multibase base64url without padding', async () => {
    const list = createStatusList(262_144)
    for (const i of [0, 3, 94_567, 262_143]) setStatusBit(list, i)
    const encoded = await encodeStatusList(list)
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/)
    expect(await decodeStatusList(encoded)).toEqual(list)
    // interop: node:zlib reads what CompressionStream wrote
    expect(new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')))).toEqual(list)
  })

  it('decodes a list compressed by another implementation (node:zlib level 9)', async () => {
    const list = createStatusList()
    setStatusBit(list, 12_345)
    const bits = await decodeStatusList(u(gzipSync(list, { level: 9 })))
    expect(getStatusBit(bits, 12_345)).toBe(true)
  })

  it('reports ERR_STATUS_LIST_INVALID for a list shorter than 131,072 entries', async () => {
    const encoded = u(gzipSync(new Uint8Array(16_383)))
    const error = await decodeStatusList(encoded).catch((e: unknown) => e)
    expect((error as { code: string }).code).toBe('ERR_STATUS_LIST_INVALID')
    expect((error as { details: { reason: string } }).details.reason).toBe('too-short')
  })

  it('reports ERR_STATUS_LIST_INVALID for a gzip bomb instead of inflating it', async () => {
    const bomb = gzipSync(new Uint8Array(64 * 1024 * 1024)) // 64 MiB of zeros in ~64 KB
    const error = await decodeStatusList(u(bomb), { maxBytes: 1024 * 1024 }).catch((e: unknown) => e)
    expect((error as { code: string }).code).toBe('ERR_STATUS_LIST_INVALID')
    expect((error as { details: { reason: string } }).details.reason).toBe('too-large')
    expect(await codeOf(decodeStatusList(u(bomb)))).toBe('ERR_STATUS_LIST_INVALID')
  })

  it('reports ERR_STATUS_LIST_INVALID for text that is not multibase base64url GZIP', async () => {
    expect(await codeOf(decodeStatusList('zH4sI'))).toBe('ERR_STATUS_LIST_INVALID')
    expect(await codeOf(decodeStatusList('u!!!'))).toBe('ERR_STATUS_LIST_INVALID')
    expect(await codeOf(decodeStatusList('u' + Buffer.from('not gzip at all').toString('base64url')))).toBe('ERR_STATUS_LIST_INVALID')
    const truncated = gzipSync(new Uint8Array(16_384)).subarray(0, 20)
    expect(await codeOf(decodeStatusList(u(truncated)))).toBe('ERR_STATUS_LIST_INVALID')
  })
})

describe('decodeStatusList on hostile input (property)', () => {
  it('fails only with ERR_STATUS_LIST_INVALID, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((b) => u(b)), fc.uint8Array({ maxLength: 64 }).map((b) => u(gzipSync(b)))), async (text) => {
        expect(await codeOf(decodeStatusList(text))).toBe('ERR_STATUS_LIST_INVALID')
      }),
      { numRuns: 200 },
    )
  })
})

describe('buildStatusListCredential', () => {
  it('builds a W3C BitstringStatusListCredential with validity and ttl', async () => {
    const encodedList = await encodeStatusList(createStatusList())
    const credential = buildStatusListCredential({
      id: 'https://uni.example/microcerts/status/0.jwt',
      issuer: 'did:web:uni.example:microcerts',
      purpose: 'revocation',
      encodedList,
      validFrom: new Date('2026-11-29T10:00:00.123Z'),
      validUntil: '2026-12-29T10:00:00Z',
      ttl: 300_000,
    })
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://uni.example/microcerts/status/0.jwt',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:uni.example:microcerts',
      validFrom: '2026-11-29T10:00:00Z',
      validUntil: '2026-12-29T10:00:00Z',
      credentialSubject: {
        id: 'https://uni.example/microcerts/status/0.jwt#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList,
        ttl: 300_000,
      },
    })
  })

  it('throws TypeError for a missing encoded list (misuse)', () => {
    expect(() => buildStatusListCredential({ id: 'https://x.example/s', issuer: 'did:web:x.example', purpose: 'revocation', encodedList: '' })).toThrow(TypeError)
  })
})
