import { readCapped } from '../read-capped.js'

// Fed in small slices: a decompressor turns one input chunk into all of its output at once, so small input chunks keep
// a deflate bomb (up to ~1,000:1) from producing more than a few megabytes before the cap below cancels it.
const SLICE = 4096

/**
 * Inflates zlib data (PDF's FlateDecode) through the platform's DecompressionStream. Returns undefined when the
 * output would exceed `maxBytes`; throws when the data is not valid zlib.
 */
export async function inflateCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array | undefined> {
  let offset = 0
  const input = new ReadableStream<BufferSource>({
    pull(controller) {
      if (offset >= data.length) {
        controller.close()
        return
      }
      controller.enqueue(data.slice(offset, offset + SLICE))
      offset += SLICE
    },
  })
  return readCapped(input.pipeThrough(new DecompressionStream('deflate')), maxBytes)
}
