/** The verifier module (`./engine.ts`), loaded on demand. */
export type Engine = typeof import('./engine.js')

let loading: Promise<Engine> | undefined
let ready: Engine | undefined

/**
 * Starts loading the verifier (once per page) and resolves with it. Rejects when its file cannot be loaded (a site
 * that copied only `microcert-verify.js`, a blocked request); the next call tries again.
 */
export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine.js').then(
    (engine) => (ready = engine),
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}

/** The verifier if it has already arrived, for what must answer at once (the typo check while the visitor types). */
export function loadedEngine(): Engine | undefined {
  return ready
}
