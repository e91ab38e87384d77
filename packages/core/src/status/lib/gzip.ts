// GZIP through the platform's CompressionStream / DecompressionStream (Node ≥ 18 and every current browser),
// so the status list code adds no dependency to the widget bundle. In Node, inflating goes through node:zlib, reached
// at run time (lib/node-builtin.ts): a status list is inflated on every cache miss, and DecompressionStream costs
// ~8× zlib.gunzipSync there (issue 14). Browsers and bundlers see no node: import and keep the stream.
import { MicrocertError } from '../../errors.js'
import { nodeBuiltin } from '../../lib/node-builtin.js'
import { readCapped } from '../../lib/read-capped.js'

interface NodeZlib {
  gunzipSync(data: Uint8Array, options: { maxOutputLength: number }): Uint8Array
}

const zlib = nodeBuiltin<NodeZlib>('node:zlib')

export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * Inflates `data`, giving up as soon as the output exceeds `maxBytes`: a gzip bomb costs at most `maxBytes` of
 * memory, never an out-of-memory crash.
 */
export async function gunzipCapped(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return zlib === undefined ? gunzipCappedPortable(data, maxBytes) : gunzipCappedNode(zlib, data, maxBytes)
}

function gunzipCappedNode(zlib: NodeZlib, data: Uint8Array, maxBytes: number): Uint8Array {
  let bytes: Uint8Array
  try {
    // One byte over the cap tells "exactly maxBytes" from "more".
    bytes = zlib.gunzipSync(data, { maxOutputLength: maxBytes + 1 })
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes)
    throw notGzip(error)
  }
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes)
  // A plain Uint8Array, as the stream gives: small results of zlib may be a slice of Node's shared buffer pool.
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes)
}

/** The portable path, the one browsers run (exported so the Node tests can hold the zlib path to it). */
export async function gunzipCappedPortable(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  let bytes: Uint8Array | undefined
  try {
    bytes = await readCapped(stream, maxBytes)
  } catch (error) {
    throw notGzip(error)
  }
  if (bytes === undefined) throw tooLarge(maxBytes)
  return bytes
}

function notGzip(cause: unknown): MicrocertError {
  return new MicrocertError('ERR_STATUS_LIST_INVALID', 'The status list is not valid GZIP data', { cause, details: { reason: 'gzip' } })
}

function tooLarge(maxBytes: number): MicrocertError {
  return new MicrocertError('ERR_STATUS_LIST_INVALID', `The status list inflates to more than ${maxBytes} bytes`, {
    details: { reason: 'too-large', maxBytes },
  })
}
