import { checkedByte } from './get-status-bit.js'

/**
 * Sets (`value` true, the default) or clears (`false`) entry `index` of a status list, in place.
 *
 * @example
 * const list = createStatusList()
 * setStatusBit(list, 94567)          // revoke
 * setStatusBit(list, 94567, false)   // clear (only for reversible purposes such as suspension)
 *
 * Errors: `ERR_STATUS_INDEX_INVALID` when `index` is not an integer inside the list.
 */
export function setStatusBit(list: Uint8Array, index: number, value = true): void {
  const byte = checkedByte(list, index)
  const mask = 0x80 >> (index % 8)
  list[byte] = value ? list[byte]! | mask : list[byte]! & ~mask
}
