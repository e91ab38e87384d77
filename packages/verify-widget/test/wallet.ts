// A learner's wallet in the browser, for the widget's tests of SD-JWT VC presentations: core issues the credential
// to the wallet's key, the OpenWallet Foundation's holder code (@sd-jwt/core) picks the disclosures and signs the
// key-binding JWT with WebCrypto.
import { buildCredential } from '@microcert/core'
import { issueSdJwtVc, microCredentialVct } from '@microcert/core/sd-jwt'
import { SDJwtInstance } from '@sd-jwt/core'
import { sampleInput, type TestIssuer } from './helpers.js'

const encoder = new TextEncoder()
const b64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

export interface Wallet {
  privateJwk: JsonWebKey
  publicJwk: JsonWebKey
}

/** Issues the sample micro-credential as an SD-JWT VC of `issuer` (did:web on the test host) to `wallet`. */
export async function issueToWallet(issuer: TestIssuer, wallet: Wallet, edit?: (credential: Record<string, any>) => void, holder = { givenName: 'Jana', familyName: 'Nováková', dateOfBirth: '2001-04-17' }): Promise<string> {
  const credential = structuredClone(buildCredential(sampleInput(issuer), { id: `${issuer.registry}/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K` })) as Record<string, any>
  edit?.(credential)
  return issueSdJwtVc(credential as never, { signer: issuer.signer, issuer: issuer.did, vct: microCredentialVct(issuer.registry!), holderKey: wallet.publicJwk, holder })
}

/** What a wallet does: picks the disclosures and signs a key-binding JWT with its key (WebCrypto). */
export async function present(sdJwt: string, disclose: string[], wallet: Wallet): Promise<string> {
  const { d, kty, crv, x, y } = wallet.privateJwk
  const key = await crypto.subtle.importKey('jwk', { d, kty, crv, x, y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  const holder = new SDJwtInstance({
    hasher: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data)),
    kbSigner: async (data) => b64url(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, encoder.encode(data)))),
    kbSignAlg: 'ES256',
  })
  return holder.present(sdJwt, Object.fromEntries(disclose.map((name) => [name, true])), {
    kb: { payload: { iat: Math.floor(Date.now() / 1000), aud: location.origin, nonce: crypto.randomUUID() } },
  })
}

