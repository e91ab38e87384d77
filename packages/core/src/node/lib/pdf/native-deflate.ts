/// <reference path="./pako.d.ts" />
import { deflateSync } from 'node:zlib'
import pako from 'pako'

/**
 * pdf-lib compresses every stream (fonts, page content, object streams) with pako, zlib in JavaScript: a third of a
 * certificate's time. Node's own zlib at the same level writes valid Flate data in a fraction of it. pdf-lib reaches
 * pako through the module object this import shares (the package's bundle and pnpm's single copy of pako 1.0.11),
 * so replacing `deflate` there once, on first use of the renderer, is enough.
 */
export function useNativeDeflate(): void {
  pako.deflate = (data: Uint8Array) => deflateSync(data)
}
