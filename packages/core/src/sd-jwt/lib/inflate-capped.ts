import { MicrocertError } from '../../errors.js'

/**
 * Inflates ZLIB (RFC 1950) data, stopping at `maxBytes` of output: a Token Status List is a few bytes that could
 * unpack to gigabytes (a "zip bomb"). Throws ERR_STATUS_LIST_INVALID.
 */
export async function inflateCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'))
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        await reader.cancel().catch(() => {})
        throw new MicrocertError('ERR_STATUS_LIST_INVALID', `The status list unpacks to more than ${maxBytes} bytes`)
      }
      chunks.push(value)
    }
  } catch (cause) {
    if (cause instanceof MicrocertError) throw cause
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not valid ZLIB data', { cause })
  }
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
