import { MicrocertError } from '../errors.js'

/**
 * Reads entry `index` of a status list (index 0 is the left-most, most significant bit of byte 0).
 *
 * @example
 * const list = createStatusList()
 * getStatusBit(list, 42) // false
 *
 * Errors: `ERR_STATUS_INDEX_INVALID` when `index` is not an integer inside the list.
 */
export function getStatusBit(list: Uint8Array, index: number): boolean {
  return (list[checkedByte(list, index)]! & (0x80 >> (index % 8))) !== 0
}

/** @internal Shared range check of getStatusBit / setStatusBit. */
export function checkedByte(list: Uint8Array, index: number): number {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.byteLength * 8) {
    throw new MicrocertError('ERR_STATUS_INDEX_INVALID', `Status list index ${String(index)} is outside 0…${list.byteLength * 8 - 1}`, {
      details: { index, entries: list.byteLength * 8 },
    })
  }
  return index >> 3
}
