import { inspect } from 'node:util'
import { compactVerify, importJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createSigner } from '../src/create-signer.js'
import { MicrocertError } from '../src/errors.js'
import { extractPublicJwk } from '../src/extract-public-jwk.js'
import { generateKeyPair } from '../src/generate-key-pair.js'
import { signJwt } from '../src/sign-jwt.js'
import keys from './vectors/keys.json' with { type: 'json' }

describe('generateKeyPair', () => {
  it('generates ES256 by default and EdDSA on request, as JWKs with alg', async () => {
    const es = await generateKeyPair()
    expect(es.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' })
    expect(es.publicJwk.d).toBeUndefined()
    expect(typeof es.privateJwk.d).toBe('string')
    const ed = await generateKeyPair('EdDSA')
    expect(ed.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' })
  })

  it('throws TypeError for an unsupported algorithm', async () => {
    await expect(generateKeyPair('RS256' as 'ES256')).rejects.toThrow(TypeError)
  })
})

describe('createSigner', () => {
  for (const [name, alg] of [['issuerP256', 'ES256'], ['issuerEd25519', 'EdDSA']] as const) {
    it(`signs ${alg} JWS that jose verifies with the public key`, async () => {
      const signer = await createSigner(keys[name].privateJwk, { kid: 'did:web:uni.example#key-1' })
      expect(signer.alg).toBe(alg)
      const jwt = await signJwt({ hello: 'world' }, signer)
      const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(keys[name].publicJwk, alg))
      expect(protectedHeader).toEqual({ alg, kid: 'did:web:uni.example#key-1', typ: 'JWT' })
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ hello: 'world' })
    })
  }

  it('never exposes the private key through JSON, inspect or String', async () => {
    const { privateJwk } = keys.issuerEd25519
    const signer = await createSigner(privateJwk, { kid: 'did:web:uni.example#key-1' })
    for (const text of [JSON.stringify(signer), inspect(signer, { depth: 10, showHidden: true }), String(signer)]) {
      expect(text).not.toContain(privateJwk.d)
      expect(text).toContain('did:web:uni.example#key-1')
    }
    expect(JSON.parse(JSON.stringify(signer))).toEqual({ alg: 'EdDSA', kid: 'did:web:uni.example#key-1' })
  })

  it('reports ERR_KEY_INVALID for a public key, a foreign curve or a contradicting alg, without key material in the error', async () => {
    const cases: JsonWebKey[] = [
      keys.issuerP256.publicJwk,
      { kty: 'EC', crv: 'P-384', x: 'a', y: 'b', d: 'c' },
      { ...keys.issuerP256.privateJwk, alg: 'EdDSA' },
      { ...keys.issuerEd25519.privateJwk, x: keys.otherEd25519.publicJwk.x.slice(0, 10) },
    ]
    for (const jwk of cases) {
      const error = await createSigner(jwk, { kid: 'did:web:uni.example#key-1' }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MicrocertError)
      expect((error as MicrocertError).code).toBe('ERR_KEY_INVALID')
      const shown = JSON.stringify(error) + String((error as Error).message) + inspect(error)
      if (jwk.d !== undefined && jwk.d.length > 5) expect(shown).not.toContain(jwk.d)
    }
  })

  it('throws TypeError without a kid or with a non-object key', async () => {
    await expect(createSigner(keys.issuerP256.privateJwk, {} as { kid: string })).rejects.toThrow(TypeError)
    await expect(createSigner('key' as unknown as JsonWebKey, { kid: 'did:web:a#b' })).rejects.toThrow(TypeError)
  })
})

describe('extractPublicJwk', () => {
  it('returns only the public members of a private JWK', () => {
    expect(extractPublicJwk(keys.issuerP256.privateJwk)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: keys.issuerP256.publicJwk.x,
      y: keys.issuerP256.publicJwk.y,
    })
  })

  it('reports ERR_KEY_INVALID for an RSA key', () => {
    expect(() => extractPublicJwk({ kty: 'RSA', n: 'x', e: 'AQAB' })).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
  })
})
