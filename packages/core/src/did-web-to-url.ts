import { MicrocertError } from './errors.js'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1'])
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const SEGMENT = /^([A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+$/

/** True for `localhost` and `127.0.0.1`, the only hosts that may use `http:` (when the caller opts in). */
export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname.toLowerCase())
}

/**
 * Turns a `did:web` DID into the URL of its DID document, per the did:web spec: colons become slashes, a
 * percent-encoded port is decoded, `/.well-known` is used only for a bare domain. `http:` is used only for
 * `localhost` / `127.0.0.1` and only with `allowInsecureLocalhost`.
 *
 * @example
 * didWebToUrl('did:web:uni.example') // 'https://uni.example/.well-known/did.json'
 * didWebToUrl('did:web:uni.example%3A8443:microcerts') // 'https://uni.example:8443/microcerts/did.json'
 * @throws MicrocertError ERR_DID_INVALID (not a did:web, bad host, path or port), ERR_DID_METHOD_UNSUPPORTED (another method)
 */
export function didWebToUrl(did: string, options: { allowInsecureLocalhost?: boolean } = {}): string {
  if (typeof did !== 'string') throw new TypeError('didWebToUrl(did): did must be a string')
  if (!did.startsWith('did:web:')) {
    if (/^did:[a-z0-9]+:/.test(did)) throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', 'Only did:web has a document URL')
    throw new MicrocertError('ERR_DID_INVALID', 'Expected a "did:web:" DID')
  }
  const invalid = (why: string) => new MicrocertError('ERR_DID_INVALID', `"${did.slice(0, 120)}" is not a valid did:web: ${why}`)
  const [authority = '', ...path] = did.slice('did:web:'.length).split(':')
  const [host = '', port, extra] = authority.split(/%3a/i)
  if (extra !== undefined) throw invalid('the domain holds more than one port')
  if (!HOST.test(host)) throw invalid('the domain is not a host name')
  const local = isLocalHost(host)
  if (IPV4.test(host) && !local) throw invalid('IP addresses are not allowed')
  if (port !== undefined && !/^[1-9]\d{0,4}$/.test(port)) throw invalid('the port is not a number')
  if (port !== undefined && Number(port) > 65535) throw invalid('the port is out of range')
  for (const segment of path) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') throw invalid('a path segment is empty or not allowed')
  }
  const scheme = local && options.allowInsecureLocalhost === true ? 'http' : 'https'
  const origin = `${scheme}://${host.toLowerCase()}${port === undefined ? '' : `:${port}`}`
  return path.length === 0 ? `${origin}/.well-known/did.json` : `${origin}/${path.join('/')}/did.json`
}
