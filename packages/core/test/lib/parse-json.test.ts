import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MicrocertError } from '../../src/errors.js'
import { parseJson } from '../../src/lib/parse-json.js'

function codeOf(fn: () => unknown): { code: string; reason: unknown } {
  try {
    fn()
  } catch (error) {
    if (error instanceof MicrocertError) return { code: error.code, reason: error.details?.['reason'] }
    throw error
  }
  throw new Error('expected a MicrocertError')
}

describe('parseJson', () => {
  it('parses ordinary JSON like JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }).filter((v) => v !== undefined), (value) => {
        const text = JSON.stringify(value)
        if (/"(__proto__|constructor|prototype)":/.test(text)) {
          expect(codeOf(() => parseJson(text))).toEqual({ code: 'ERR_JSON_MALFORMED', reason: 'forbidden-key' })
        } else {
          expect(parseJson(text)).toEqual(JSON.parse(text))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('reports ERR_JSON_MALFORMED (syntax) for text that is not JSON', () => {
    expect(codeOf(() => parseJson('{"a":'))).toEqual({ code: 'ERR_JSON_MALFORMED', reason: 'syntax' })
  })

  it('reports ERR_JSON_MALFORMED (forbidden-key) for __proto__, constructor and prototype at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(codeOf(() => parseJson(`{"a":[{"b":{"${key}":{"polluted":true}}}]}`))).toEqual({ code: 'ERR_JSON_MALFORMED', reason: 'forbidden-key' })
    }
    expect(codeOf(() => parseJson('{"\\u005f_proto__":1}'))).toEqual({ code: 'ERR_JSON_MALFORMED', reason: 'forbidden-key' })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('reports ERR_JSON_MALFORMED (depth) before parsing deeply nested JSON', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(codeOf(() => parseJson(deep))).toEqual({ code: 'ERR_JSON_MALFORMED', reason: 'depth' })
    expect(parseJson('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]])
    expect(codeOf(() => parseJson('[[[[1]]]]', { maxDepth: 3 })).reason).toBe('depth')
  })

  it('ignores brackets inside strings when counting depth', () => {
    expect(parseJson('{"a":"[[[[[\\"[[[["}', { maxDepth: 1 })).toEqual({ a: '[[[[["[[[[' })
  })

  it('reports ERR_INPUT_TOO_LARGE for text over maxBytes, counting UTF-8 bytes', () => {
    expect(codeOf(() => parseJson(`"${'x'.repeat(100)}"`, { maxBytes: 50 })).code).toBe('ERR_INPUT_TOO_LARGE')
    expect(codeOf(() => parseJson(`"${'€'.repeat(20)}"`, { maxBytes: 50 })).code).toBe('ERR_INPUT_TOO_LARGE')
    expect(parseJson(`"${'€'.repeat(10)}"`, { maxBytes: 50 })).toBe('€'.repeat(10))
  })
})
