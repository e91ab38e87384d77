/**
 * A Node built-in module when this code runs in Node (≥ 20.16), else undefined. Universal code reaches Node's native
 * implementations through this, never through `import 'node:…'`, so browsers and bundlers see no `node:` import and
 * keep the portable code (decision record docs/decisions/2026-11-30-node-fast-paths-in-universal-code.md).
 */
export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T | undefined
}
