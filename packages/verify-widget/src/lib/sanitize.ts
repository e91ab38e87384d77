import { sanitizeDisplayText } from '@microcert/core'

/** Default caps on displayed lengths (characters). */
export const LIMITS = { name: 200, text: 600, list: 20, url: 300 } as const

/**
 * Credential text made safe for display: a string (or undefined), every invisible, control and default-ignorable
 * character removed (bidi overrides, zero-width and tag characters, Hangul fillers, variation selectors…), white
 * space collapsed, cut to `max` characters with an ellipsis. Lit renders it as text, never as HTML.
 */
export function cleanText(value: unknown, max: number = LIMITS.name): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  let text = sanitizeDisplayText(String(value).slice(0, max * 4))
  if (!text) return undefined
  const chars = Array.from(text)
  if (chars.length > max) text = `${chars.slice(0, max - 1).join('')}…`
  return text
}

/** The URL as a string when it is an absolute `https:` or `http:` URL; anything else (javascript:, data:) is dropped. */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined
  try {
    const url = new URL(value.trim())
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    if (url.username || url.password) return undefined
    return url.href
  } catch {
    return undefined
  }
}
