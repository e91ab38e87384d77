// GZIP through the platform's CompressionStream / DecompressionStream (Node ≥ 18 and every current browser),
// so the status list code adds no dependency to the widget bundle.
import { MicrocertError } from '../../errors.js'
import { readCapped } from '../../lib/read-capped.js'

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
  let bytes: Uint8Array | undefined
  try {
    bytes = await readCapped(stream, maxBytes)
  } catch (error) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not valid GZIP data', {
      cause: error,
      details: { reason: 'gzip' },
    })
  }
  if (bytes === undefined) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', `The status list inflates to more than ${maxBytes} bytes`, {
      details: { reason: 'too-large', maxBytes },
    })
  }
  return bytes
}
