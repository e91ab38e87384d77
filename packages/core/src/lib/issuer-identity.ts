/** What the form of an issuer DID says about who the issuer is. */
export interface IssuerIdentity {
  /** The DID method (`web`, `key`, `jwk`, …), or undefined for an issuer id that is not a DID. */
  method: string | undefined
  /**
   * For `did:web` and https issuers: the web address that publishes the issuer's keys, host (with port) and path,
   * e.g. `uni.example` or `uni.example/microcerts`. Whoever controls it controls the issuer's keys.
   */
  domain?: string
  /** A `did:key` / `did:jwk`: the identifier is the key itself and says nothing about who holds it. */
  selfDescribing: boolean
}

/**
 * Reads a DID's method and, for `did:web`, its web address (the DID was already resolved, so it is well formed); for
 * an https issuer URL (whose own document listed the key), its host and path.
 */
export function issuerIdentity(did: string): IssuerIdentity {
  const match = /^did:([a-z0-9]+):(.+)$/.exec(did)
  if (match === null) {
    const url = /^https?:\/\/([^/?#]+)([^?#]*)/i.exec(did)
    return url === null ? { method: undefined, selfDescribing: false } : { method: undefined, domain: `${url[1]!.toLowerCase()}${url[2]!.replace(/\/+$/, '')}`, selfDescribing: false }
  }
  const method = match[1]!
  if (method !== 'web') return { method, selfDescribing: method === 'key' || method === 'jwk' }
  const [authority = '', ...path] = match[2]!.split(':')
  const host = authority.replace(/%3a/i, ':').toLowerCase()
  const domain = [host, ...path.map((segment) => safeDecode(segment))].join('/')
  return { method, domain, selfDescribing: false }
}

/** A DID short enough for one line: did:jwk and did:key identifiers run to hundreds of characters. */
export function shortDid(did: string): string {
  return did.length <= 48 ? did : `${did.slice(0, 32)}…${did.slice(-8)}`
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
