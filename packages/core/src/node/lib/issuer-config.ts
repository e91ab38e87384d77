import type { IssuerProfile } from '@microcert/schemas'
import { MicrocertError } from '../../errors.js'
import type { Algorithm } from '../../types.js'
import type { CreateIssuerOptions } from '../types.js'
import type { IssuerConfig } from './store-backend.js'

const DEFAULT_STATUS_LIST_SIZE = 131_072

/**
 * Checks the options of `createIssuer` and turns them into the issuer's configuration.
 * Errors: ERR_DID_METHOD_UNSUPPORTED, ERR_INPUT_INVALID (name, country); TypeError for a malformed url, alg or size.
 */
export function issuerConfigFromOptions(options: CreateIssuerOptions, createdAt: Date): { config: IssuerConfig; alg: Algorithm } {
  if (typeof options !== 'object' || options === null) throw new TypeError('createIssuer: options { did, name, country, url } are required')
  const registryUrl = normaliseRegistryUrl(options.url)
  if (typeof options.did !== 'string' || !options.did.startsWith('did:web:')) {
    throw new MicrocertError('ERR_DID_METHOD_UNSUPPORTED', `The issuer store needs a did:web DID, got "${String(options.did)}"`, {
      details: { did: options.did },
    })
  }
  const issues: string[] = []
  if (typeof options.name !== 'string' || options.name.trim() === '') issues.push('name: the awarding body needs a name (EU micro-credential element 4)')
  if (typeof options.country !== 'string' || !/^[A-Z]{2}$/.test(options.country)) {
    issues.push('country: an ISO 3166-1 alpha-2 code in upper case is required (EU micro-credential element 3)')
  }
  if (issues.length > 0) throw new MicrocertError('ERR_INPUT_INVALID', issues[0]!, { details: { issues } })
  const proof = options.proof ?? 'vc-jwt'
  if (proof !== 'vc-jwt' && proof !== 'eddsa-rdfc-2022') throw new TypeError(`createIssuer: proof must be "vc-jwt" or "eddsa-rdfc-2022", got "${String(proof)}"`)
  // Data Integrity eddsa-rdfc-2022 signs with Ed25519: that is the default key then.
  const alg = options.alg ?? (proof === 'eddsa-rdfc-2022' ? 'EdDSA' : 'ES256')
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`createIssuer: alg must be "ES256" or "EdDSA", got "${String(alg)}"`)
  const statusListSize = options.statusListSize ?? DEFAULT_STATUS_LIST_SIZE
  if (!Number.isSafeInteger(statusListSize) || statusListSize < DEFAULT_STATUS_LIST_SIZE || statusListSize % 8 !== 0) {
    throw new TypeError('createIssuer: statusListSize must be a multiple of 8 and at least 131,072')
  }
  const profile: IssuerProfile = {
    id: options.did,
    name: options.name,
    country: options.country,
    url: options.issuerUrl ?? registryUrl,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.email === undefined ? {} : { email: options.email }),
  }
  return { config: { did: options.did, registryUrl, profile, statusListSize, proof, createdAt: createdAt.toISOString() }, alg }
}

function normaliseRegistryUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError(`createIssuer: url must be the registry base URL (http: or https:), got "${String(url)}"`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`createIssuer: url must be an http: or https: URL, got "${url}"`)
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new TypeError('createIssuer: url must not carry a query or fragment')
  return parsed.href.replace(/\/+$/, '')
}
