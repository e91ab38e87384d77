// VC-JWT interop both ways with did-jwt-vc (DIF), a dev dependency of this test only: microcert's credentials verify in
// did-jwt-vc, and credentials did-jwt-vc issues — VC 1.1 JWTs (`vc` claim, issuer in `iss`), with or without a `kid` —
// verify in microcert, their content checked against the Open Badges 3.0 schema.
import { base64url } from 'jose'
import { ES256Signer, EdDSASigner } from 'did-jwt'
import { createVerifiableCredentialJwt, verifyCredential as didJwtVerifyCredential } from 'did-jwt-vc'
import { describe, expect, it } from 'vitest'
import { createDidResolver } from '../src/create-did-resolver.js'
import type { VerificationResult } from '../src/types.js'
import { verifyCredential } from '../src/verify-credential.js'
import { NOW, keys, staticResolver } from './helpers.js'
import golden from './vectors/golden.json' with { type: 'json' }

/** did-jwt-vc resolves through any did-resolver `Resolvable`; this one answers with microcert's own resolvers. */
function resolvable(resolver: { resolve(did: string): Promise<unknown> }) {
  return {
    resolve: async (did: string) => ({ didDocument: await resolver.resolve(did.split('#')[0]!), didResolutionMetadata: { contentType: 'application/did+json' }, didDocumentMetadata: {} }),
  }
}

const check = (result: VerificationResult, id: string) => result.checks.find((c) => c.id === id)!

/** A VC 2.0 credential of microcert in the VC 1.1 form did-jwt-vc issues (the 2018 context, issuanceDate). */
function asVc11(issuer: string): Record<string, unknown> {
  const { validFrom, validUntil: _validUntil, ...rest } = golden.credential as Record<string, unknown>
  const context = rest['@context'] as unknown[]
  return { ...rest, '@context': ['https://www.w3.org/2018/credentials/v1', ...context.slice(1)], issuer: { ...(rest['issuer'] as object), id: issuer }, issuanceDate: validFrom }
}

describe('microcert credentials in did-jwt-vc', () => {
  for (const [name, jwt, kid] of [['ES256', golden.es256Jwt, '#key-2'], ['EdDSA', golden.eddsaJwt, '#key-1']] as const) {
    it(`did-jwt-vc verifies microcert's ${name} golden VC-JWT (did:web issuer) and reads the same issuer and content`, async () => {
      // `format: false`: did-jwt-vc's own format rules know only the VC 1.1 context; signature, key and JWT claims are checked.
      const verified = await didJwtVerifyCredential(jwt, resolvable(staticResolver()) as never, { policies: { format: false, now: NOW.getTime() / 1000 } })
      expect(verified.issuer).toBe('did:web:credentials.uni-example.cz')
      expect(verified.signer.id).toBe(`did:web:credentials.uni-example.cz${kid}`)
      expect(verified.verifiableCredential.credentialSubject['achievement']).toMatchObject({ name: 'Applied Data Ethics' })
    })
  }

  it('did-jwt-vc rejects a microcert credential with one character of the payload changed', async () => {
    const [header, payload, signature] = golden.es256Jwt.split('.') as [string, string, string]
    const changed = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>
    changed['name'] = `${String(changed['name'])}!`
    const forged = `${header}.${base64url.encode(JSON.stringify(changed))}.${signature}`
    await expect(didJwtVerifyCredential(forged, resolvable(staticResolver()) as never, { policies: { format: false, now: NOW.getTime() / 1000 } })).rejects.toThrow(/signature/i)
  })
})

describe('did-jwt-vc credentials in microcert', () => {
  const p256 = keys.issuerP256
  const ed = keys.issuerEd25519
  const didJwk = (jwk: JsonWebKey) => `did:jwk:${base64url.encode(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, ...(jwk.y === undefined ? {} : { y: jwk.y }) }))}`
  const issuers = {
    ES256: { did: didJwk(p256.publicJwk), signer: ES256Signer(base64url.decode(p256.privateJwk.d!)), alg: 'ES256' },
    EdDSA: { did: didJwk(ed.publicJwk), signer: EdDSASigner(new Uint8Array([...base64url.decode(ed.privateJwk.d!), ...base64url.decode(ed.publicJwk.x!)])), alg: 'EdDSA' },
  } as const

  for (const alg of ['ES256', 'EdDSA'] as const) {
    it(`verifies a VC 1.1 ${alg} JWT issued by did-jwt-vc (no kid: the issuer DID's assertion key is found), as an Open Badge and as a micro-credential`, async () => {
      const issuer = issuers[alg]
      const jwt = await createVerifiableCredentialJwt(asVc11(issuer.did) as never, issuer)
      const header = JSON.parse(new TextDecoder().decode(base64url.decode(jwt.split('.')[0]!))) as Record<string, unknown>
      expect(header['kid']).toBeUndefined()
      const asBadge = await verifyCredential(jwt, { now: NOW, trustedIssuers: [issuer.did], profile: 'open-badge', resolver: createDidResolver() })
      expect(asBadge.checks.map((c) => [c.id, c.outcome])).toEqual([
        ['format', 'passed'], ['signature', 'passed'], ['issuer', 'passed'], ['schema', 'passed'], ['trust', 'passed'], ['validity', 'passed'], ['status', 'skipped'],
      ])
      expect(asBadge).toMatchObject({ status: 'verified', credential: { issuer: { id: issuer.did }, issuanceDate: golden.credential.validFrom } })
      expect(check(asBadge, 'schema').details).toMatchObject({ legacy: true, missing: [] })
      // The default profile: an EU micro-credential in the VC 1.1 form is authentic, with a warning about its form.
      const asMicro = await verifyCredential(jwt, { now: NOW, trustedIssuers: [issuer.did] })
      expect(asMicro).toMatchObject({ status: 'warning', reason: { check: 'schema', code: 'ERR_CREDENTIAL_LEGACY' } })
      expect(asMicro.euElements?.missing).toEqual([])
    })
  }

  it('verifies a did-jwt-vc credential whose header names the key (kid)', async () => {
    const issuer = issuers.ES256
    const jwt = await createVerifiableCredentialJwt(asVc11(issuer.did) as never, issuer, { header: { alg: 'ES256', kid: `${issuer.did}#0` } } as never)
    const result = await verifyCredential(jwt, { now: NOW, trustedIssuers: [issuer.did], profile: 'open-badge' })
    expect(result.status).toBe('verified')
    expect(check(result, 'signature').message).toContain('#0')
  })

  it('fails a did-jwt-vc credential whose issuer DID holds another key (ERR_SIGNATURE_INVALID: none of its assertion keys signed it)', async () => {
    const impostor = { ...issuers.ES256, did: didJwk(keys.otherP256.publicJwk) }
    const jwt = await createVerifiableCredentialJwt(asVc11(impostor.did) as never, impostor)
    const result = await verifyCredential(jwt, { now: NOW, profile: 'open-badge' })
    expect(result).toMatchObject({ status: 'failed', reason: { check: 'signature', code: 'ERR_SIGNATURE_INVALID' } })
  })
})
