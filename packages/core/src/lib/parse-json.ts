import { MicrocertError } from '../errors.js'

/** Keys that must never reach an object a caller might merge into another. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

export interface ParseJsonOptions {
  /** Deepest allowed nesting of objects and arrays. Default 64. */
  maxDepth?: number
  /** Largest accepted text in UTF-8 bytes. Default 1 MiB. */
  maxBytes?: number
}

const encoder = new TextEncoder()

/** True when the UTF-8 encoding of `text` is longer than `limit` bytes (encodes only when the length alone cannot tell). */
export function exceedsBytes(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return false
  if (text.length > limit) return true
  return encoder.encode(text).byteLength > limit
}

/**
 * Parses JSON text that came from outside: the size is capped before `JSON.parse` runs, the depth right after it,
 * and objects holding `__proto__`, `constructor` or `prototype` keys are refused. Throws `MicrocertError` with code `ERR_INPUT_TOO_LARGE`
 * or `ERR_JSON_MALFORMED` (`details.reason`: 'syntax' | 'depth' | 'forbidden-key').
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 64
  const maxBytes = options.maxBytes ?? 1024 * 1024
  if (exceedsBytes(text, maxBytes)) {
    throw new MicrocertError('ERR_INPUT_TOO_LARGE', `The JSON text is larger than ${maxBytes} bytes`, { details: { maxBytes } })
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new MicrocertError('ERR_JSON_MALFORMED', 'The text is not valid JSON', { cause, details: { reason: 'syntax' } })
  }
  checkKeys(value, maxDepth, 0)
  return value
}

// V8's JSON.parse is not recursive, so a hostile depth parses; this walk refuses it before anything recurses on it.
function checkKeys(value: unknown, maxDepth: number, depth: number): void {
  if (typeof value !== 'object' || value === null) return
  if (depth >= maxDepth) {
    throw new MicrocertError('ERR_JSON_MALFORMED', `The JSON nests deeper than ${maxDepth} levels`, { details: { reason: 'depth', maxDepth } })
  }
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item, maxDepth, depth + 1)
    return
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new MicrocertError('ERR_JSON_MALFORMED', `The JSON holds the forbidden key "${key}"`, {
        details: { reason: 'forbidden-key', key },
      })
    }
    checkKeys((value as Record<string, unknown>)[key], maxDepth, depth + 1)
  }
}
