/** The DID URL of an issuer's next key: `<did>#key-<n>`, one past the highest `key-<n>` it has (so `#key-2` after `#key-1`). */
export function nextKeyId(did: string, kids: readonly string[]): string {
  let highest = 0
  for (const kid of kids) {
    const match = /#key-(\d+)$/.exec(kid)
    if (match !== null) highest = Math.max(highest, Number(match[1]))
  }
  return `${did}#key-${highest + 1}`
}
