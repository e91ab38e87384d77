// GZIP through the platform's CompressionStream / DecompressionStream (Node ≥ 18 and every current browser),
// so the status list code adds no dependency to the widget bundle.
import { MicrocertError } from '../../errors.js'
import { concatBytes } from '../../lib/concat-bytes.js'

export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * Inflates `data`, reading chunk by chunk and giving up as soon as the output exceeds `maxBytes`:
 * a gzip bomb costs at most `maxBytes` of memory, never an out-of-memory crash.
 */
export async function gunzipCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        void reader.cancel().catch(() => undefined)
        throw new MicrocertError('ERR_STATUS_LIST_INVALID', `The status list inflates to more than ${maxBytes} bytes`, {
          details: { reason: 'too-large', maxBytes },
        })
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof MicrocertError) throw error
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not valid GZIP data', {
      cause: error,
      details: { reason: 'gzip' },
    })
  }
  return concatBytes(chunks, total)
}
