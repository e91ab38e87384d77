import type { FetchBudget } from './fetch-limited.js'

/**
 * Reads a byte stream whole, or cancels it as soon as it has produced more than `maxBytes` and returns undefined
 * (a huge or endless body costs at most `maxBytes` of memory). With a `budget`, every chunk is also taken from it, and
 * the read stops with `onBudgetExceeded()`'s error once the budget is spent. Errors of the stream are thrown as they come.
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  budget?: FetchBudget,
  onBudgetExceeded?: () => Error,
): Promise<Uint8Array | undefined> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    if (budget !== undefined) {
      budget.remaining -= value.byteLength
      if (budget.remaining < 0) {
        await reader.cancel().catch(() => undefined)
        throw onBudgetExceeded?.() ?? new RangeError('The byte budget is spent')
      }
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
