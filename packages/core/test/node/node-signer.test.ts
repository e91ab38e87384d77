import { inspect } from 'node:util'
import { compactVerify, importJWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { generateKeyPair } from '../../src/generate-key-pair.js'
import { createNodeSigner } from '../../src/node/lib/node-signer.js'
import { signJwt } from '../../src/sign-jwt.js'

describe('createNodeSigner (the store signer over node:crypto)', () => {
  for (const alg of ['ES256', 'EdDSA'] as const) {
    it(`produces ${alg} JWS signatures that jose verifies, and hides the key`, async () => {
      const { privateJwk, publicJwk } = await generateKeyPair(alg)
      const signer = createNodeSigner(privateJwk, alg, 'did:web:uni.example#key-1')
      const jwt = await signJwt({ hello: 'world' }, signer)
      const { payload, protectedHeader } = await compactVerify(jwt, await importJWK(publicJwk, alg))
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ hello: 'world' })
      expect(protectedHeader).toMatchObject({ alg, kid: 'did:web:uni.example#key-1' })
      for (const shown of [JSON.stringify(signer), inspect(signer), String(signer)]) expect(shown).not.toContain(privateJwk.d!)
    })
  }

  it('reports ERR_KEY_INVALID for a key of the wrong type or without its private part', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
    expect(() => createNodeSigner(privateJwk, 'ES256', 'did:web:x#k')).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
    expect(() => createNodeSigner(publicJwk, 'EdDSA', 'did:web:x#k')).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
  })
})
