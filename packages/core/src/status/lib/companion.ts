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
