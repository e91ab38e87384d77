/**
 * The status at `index` of an unpacked Token Status List: `bits` (1, 2, 4 or 8) per credential, packed from the least
 * significant bit of each byte (draft-ietf-oauth-status-list §4.1). Undefined when the index lies outside the list.
 * Reading here instead of through `@sd-jwt/jwt-status-list` keeps its bundled zlib (pako, ~15 KB gzipped) out of the
 * widget's lazy chunk; the tests check both readings agree on lists the library builds.
 */
export function readTokenStatus(bytes: Uint8Array, bits: 1 | 2 | 4 | 8, index: number): number | undefined {
  if (!Number.isSafeInteger(index) || index < 0 || index >= (bytes.length * 8) / bits) return undefined
  const offset = index * bits
  return (bytes[offset >> 3]! >> (offset & 7)) & ((1 << bits) - 1)
}
