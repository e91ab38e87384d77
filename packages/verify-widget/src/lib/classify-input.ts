/** What the visitor typed, pasted or dropped into the input field. */
export type ClassifiedInput =
  | { kind: 'empty' }
  | { kind: 'credential'; text: string }
  | { kind: 'id'; id: string; registry?: string }

// A compact JWS (VC-JWT), or an SD-JWT VC presentation from a wallet: the issuer's JWS, then `~`-separated disclosures
// and the key-binding JWT.
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:~[A-Za-z0-9_.-]*)*$/
const CREDENTIAL_PATH = /^(.*)\/credentials\/([^/]+?)(?:\.jwt|\.json)?\/?$/

/** Tells a certificate ID, a verification link, and a pasted JWT/JSON credential or wallet presentation apart (no network, no verification). */
export function classifyInput(raw: string): ClassifiedInput {
  const text = raw.trim()
  if (!text) return { kind: 'empty' }
  if (text.startsWith('{') || JWS.test(text)) return { kind: 'credential', text }
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      const fromPath = CREDENTIAL_PATH.exec(url.pathname)
      if (fromPath?.[2]) {
        return { kind: 'id', id: decodeURIComponent(fromPath[2]), registry: `${url.origin}${fromPath[1] ?? ''}` }
      }
      const id = url.searchParams.get('id') ?? url.searchParams.get('certificate-id') ?? url.hash.match(/id=([^&]+)/)?.[1]
      if (id) return { kind: 'id', id }
    } catch {
      // not a URL after all: treated as an ID below, which then reports what is wrong with it
    }
  }
  return { kind: 'id', id: text }
}
