import { createDidResolver } from '../../src/create-did-resolver.js'
import { createSigner } from '../../src/create-signer.js'
import { generateKeyPair } from '../../src/generate-key-pair.js'
import type { Signer, StatusCheckContext } from '../../src/types.js'

export interface Party {
  did: string
  signer: Signer
}

/** A did:jwk issuer with a fresh key (resolved offline). */
export async function party(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<Party> {
  const { privateJwk, publicJwk } = await generateKeyPair(alg)
  const did = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#0` }) }
}

/** The context verifyCredential hands to the status check, for credentials of `issuerDid` on 127.0.0.1. */
export function statusContext(issuerDid: string, now: Date, overrides: Partial<StatusCheckContext> = {}): StatusCheckContext {
  return {
    fetch: globalThis.fetch,
    now,
    timeout: 2_000,
    resolver: createDidResolver({ allowInsecureLocalhost: true }),
    algorithms: ['ES256', 'EdDSA'],
    allowInsecureLocalhost: true,
    issuerDid,
    ...overrides,
  }
}
