// Bidi embeddings/overrides/isolates and marks, C0/C1 controls, zero-width and other invisible format characters.
// They are dropped so a name cannot reorder or hide text around it (e.g. "Harvard\u202Eytisrevinu").
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/g
const WHITESPACE = /[\t\n\r\u2028\u2029]+/g

/** Default caps on displayed lengths (characters). */
export const LIMITS = { name: 200, text: 600, list: 20, url: 300 } as const

/**
 * Credential text made safe for display: a string (or undefined), invisible/control characters removed,
 * whitespace collapsed, cut to `max` characters with an ellipsis. Lit renders it as text, never as HTML.
 */
export function cleanText(value: unknown, max: number = LIMITS.name): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  let text = String(value).slice(0, max * 4).replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim()
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
