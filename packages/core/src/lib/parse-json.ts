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
 * Parses JSON text that came from outside: size and depth are capped before `JSON.parse` runs, and objects holding
 * `__proto__`, `constructor` or `prototype` keys are refused. Throws `MicrocertError` with code `ERR_INPUT_TOO_LARGE`
 * or `ERR_JSON_MALFORMED` (`details.reason`: 'syntax' | 'depth' | 'forbidden-key').
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 64
  const maxBytes = options.maxBytes ?? 1024 * 1024
  if (exceedsBytes(text, maxBytes)) {
    throw new MicrocertError('ERR_INPUT_TOO_LARGE', `The JSON text is larger than ${maxBytes} bytes`, { details: { maxBytes } })
  }
  checkDepth(text, maxDepth)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new MicrocertError('ERR_JSON_MALFORMED', 'The text is not valid JSON', { cause, details: { reason: 'syntax' } })
  }
  checkKeys(value)
  return value
}

// A linear scan that counts brackets outside strings, so a hostile depth never reaches JSON.parse or a recursive walk.
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) {
      inString = true
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) {
        throw new MicrocertError('ERR_JSON_MALFORMED', `The JSON nests deeper than ${maxDepth} levels`, {
          details: { reason: 'depth', maxDepth },
        })
      }
    } else if (c === 125 || c === 93) {
      depth--
    }
  }
}

function checkKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) checkKeys(item)
    return
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw new MicrocertError('ERR_JSON_MALFORMED', `The JSON holds the forbidden key "${key}"`, {
        details: { reason: 'forbidden-key', key },
      })
    }
    checkKeys((value as Record<string, unknown>)[key])
  }
}
