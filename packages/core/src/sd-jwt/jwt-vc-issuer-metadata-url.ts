import { MicrocertError } from '../errors.js'

/**
 * Where the JWT VC Issuer Metadata of an issuer identifier (`iss`) lives: `/.well-known/jwt-vc-issuer` inserted
 * between the host and the path (draft-ietf-oauth-sd-jwt-vc §5). For a registry under a path, that is outside the
 * registry: serve it from the host's root.
 *
 * @example
 * jwtVcIssuerMetadataUrl('https://uni.example/microcerts') // 'https://uni.example/.well-known/jwt-vc-issuer/microcerts'
 * @throws MicrocertError ERR_INPUT_INVALID when `iss` is not an http(s) URL without query or fragment
 */
export function jwtVcIssuerMetadataUrl(iss: string): string {
  let url: URL
  try {
    url = new URL(iss)
  } catch (cause) {
    throw new MicrocertError('ERR_INPUT_INVALID', `"${String(iss).slice(0, 120)}" is not a URL`, { cause })
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || iss.includes('?') || iss.includes('#')) {
    throw new MicrocertError('ERR_INPUT_INVALID', `"${iss.slice(0, 120)}" is not an issuer URL (https, no query or fragment)`)
  }
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.origin}/.well-known/jwt-vc-issuer${path}`
}
