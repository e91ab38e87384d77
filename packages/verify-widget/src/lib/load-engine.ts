/** The verifier module (`./engine.ts`), loaded on demand. */
export type Engine = typeof import('./engine.js')

/**
 * Set by the CDN build (scripts/build-cdn.mjs): the chunks the verifier's file imports statically, relative to
 * microcert-verify.js. Fetching them together with it saves the round trip the browser would need to discover them.
 */
declare const __MICROCERT_ENGINE_DEPS__: readonly string[] | undefined

let loading: Promise<Engine> | undefined
let ready: Engine | undefined

/**
 * Starts loading the verifier (once per page) and resolves with it. Rejects when its file cannot be loaded (a site
 * that copied only `microcert-verify.js`, a blocked request); the next call tries again.
 */
export function loadEngine(): Promise<Engine> {
  if (!loading) {
    const deps = typeof __MICROCERT_ENGINE_DEPS__ === 'undefined' ? [] : __MICROCERT_ENGINE_DEPS__
    for (const dep of deps) import(/* @vite-ignore */ new URL(dep, import.meta.url).href).catch(() => {})
    loading = import('./engine.js').then(
      (engine) => (ready = engine),
      (error: unknown) => {
        loading = undefined
        throw error
      },
    )
  }
  return loading
}

/** The verifier if it has already arrived, for what must answer at once (the typo check while the visitor types). */
export function loadedEngine(): Engine | undefined {
  return ready
}
