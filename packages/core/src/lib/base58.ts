import { base58 } from '@scure/base'

/** Bitcoin base58 (multibase `z`), for did:key. Returns undefined for text that is not base58. */
export function decodeBase58(text: string): Uint8Array | undefined {
  try {
    return base58.decode(text)
  } catch {
    return undefined
  }
}

/** Bitcoin base58 of `data` (without the multibase `z`). */
export function encodeBase58(data: Uint8Array): string {
  return base58.encode(data)
}
