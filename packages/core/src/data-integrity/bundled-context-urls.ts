import { BUNDLED_CONTEXTS } from './lib/bundled-contexts.js'

/**
 * The URLs of every JSON-LD context microcert bundles (and therefore accepts without an extra `contexts` option).
 *
 * @example
 * BUNDLED_CONTEXT_URLS.includes('https://www.w3.org/ns/credentials/v2') // true
 * Produces no errors.
 */
export const BUNDLED_CONTEXT_URLS: readonly string[] = Object.freeze([...BUNDLED_CONTEXTS.keys()])
