/**
 * OB 3.0 allows one `credentialStatus` object per credential, so a microcert registry points each credential at its
 * revocation list `<registry>/status/<n>.jwt` and publishes the suspension bits at the same index in
 * `<registry>/status/<n>-suspension.jwt`. Verifiers look for that companion only beside lists named this way; a
 * missing companion (404/410, or a page that is not a JWT) means "no suspension list".
 */
export function suspensionCompanionUrl(revocationListUrl: string): string | undefined {
  const match = /^(.*\/status\/)(\d+)\.jwt$/.exec(revocationListUrl)
  return match === null ? undefined : `${match[1]}${match[2]}-suspension.jwt`
}

/** File name (relative to the registry) of list `n` of a purpose. */
export function statusListPath(n: number, purpose: 'revocation' | 'suspension'): string {
  return purpose === 'revocation' ? `status/${n}.jwt` : `status/${n}-suspension.jwt`
}

/**
 * URL of the signed public notice (date and, if the issuer allows, reason) of entry `index` in the list at `listUrl`:
 * `…/status/<n>.jwt` → `…/status/<n>/<index>.jwt`, `…/status/<n>-suspension.jwt` → `…/status/<n>-suspension/<index>.jwt`.
 * Undefined for lists not named the microcert way (other issuers publish no notices).
 */
export function statusNoticeUrl(listUrl: string, index: number): string | undefined {
  const match = /^(.*\/status\/\d+(?:-suspension)?)\.jwt$/.exec(listUrl)
  return match === null ? undefined : `${match[1]}/${index}.jwt`
}

/** File name (relative to the registry) of the notice of entry `index` of list `n` of a purpose. */
export function statusNoticePath(n: number, purpose: 'revocation' | 'suspension', index: number): string {
  return `${statusListPath(n, purpose).slice(0, -'.jwt'.length)}/${index}.jwt`
}
