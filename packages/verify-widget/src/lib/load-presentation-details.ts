/** The presentation view (`./presentation-details.ts`), loaded only when a wallet's presentation has been verified. */
export type PresentationModule = typeof import('./presentation-details.js')

let ready: PresentationModule | undefined

/**
 * Loads the view of SD-JWT VC presentations (in the CDN build `microcert-verify-chunks/sd-jwt-details.js`): rare
 * inputs, so their rendering is not part of the first load. Resolves undefined when its file cannot be loaded; the
 * verdict and the checks are then shown without the claims.
 */
export async function loadPresentationDetails(): Promise<PresentationModule | undefined> {
  try {
    ready ??= await import('./presentation-details.js')
  } catch {
    // A site that copied the main file without its folders: the claims are not shown, the verdict is.
  }
  return ready
}

/** The presentation view if it has arrived (rendering is synchronous). */
export function loadedPresentationDetails(): PresentationModule | undefined {
  return ready
}
