import { MIN_STATUS_LIST_ENTRIES } from './lib/constants.js'

/**
 * Creates an empty Bitstring Status List (every entry 0) with room for `size` entries.
 * `size` must be a multiple of 8 and at least 131,072 (the W3C minimum, which gives group privacy).
 *
 * @example
 * const list = createStatusList()        // 131,072 entries, 16 KiB
 * setStatusBit(list, 94567, true)
 * const encoded = await encodeStatusList(list) // 'uH4sI…'
 *
 * Throws `TypeError` for a size that is not an integer multiple of 8 at or above 131,072 (programmer error).
 */
export function createStatusList(size: number = MIN_STATUS_LIST_ENTRIES): Uint8Array {
  if (!Number.isSafeInteger(size) || size < MIN_STATUS_LIST_ENTRIES || size % 8 !== 0) {
    throw new TypeError(`createStatusList: size must be a multiple of 8 and at least ${MIN_STATUS_LIST_ENTRIES}, got ${String(size)}`)
  }
  return new Uint8Array(size / 8)
}
