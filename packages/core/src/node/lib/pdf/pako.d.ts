// pako 1.x (pdf-lib's deflate) ships no types; native-deflate.ts only replaces its `deflate`.
declare module 'pako' {
  const pako: { deflate(data: Uint8Array, options?: unknown): Uint8Array }
  export default pako
}
