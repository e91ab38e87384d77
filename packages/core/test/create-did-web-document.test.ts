import { describe, expect, it } from 'vitest'
import { createDidWebDocument } from '../src/create-did-web-document.js'
import keys from './vectors/keys.json' with { type: 'json' }

describe('createDidWebDocument', () => {
  it('lists every key as a JsonWebKey2020 assertion method with only public members', () => {
    const doc = createDidWebDocument({
      did: 'did:web:uni.example:microcerts',
      keys: [{ publicJwk: keys.issuerP256.publicJwk }, { id: 'key-2026', publicJwk: keys.issuerEd25519.publicJwk }],
    })
    expect(doc.id).toBe('did:web:uni.example:microcerts')
    expect(doc.verificationMethod).toEqual([
      {
        id: 'did:web:uni.example:microcerts#key-1',
        type: 'JsonWebKey2020',
        controller: 'did:web:uni.example:microcerts',
        publicKeyJwk: { kty: 'EC', crv: 'P-256', x: keys.issuerP256.publicJwk.x, y: keys.issuerP256.publicJwk.y },
      },
      expect.objectContaining({ id: 'did:web:uni.example:microcerts#key-2026' }),
    ])
    expect(doc.assertionMethod).toEqual(['did:web:uni.example:microcerts#key-1', 'did:web:uni.example:microcerts#key-2026'])
  })

  it('reports ERR_KEY_INVALID when handed a private key, so it is never published', () => {
    expect(() => createDidWebDocument({ did: 'did:web:uni.example', keys: [{ publicJwk: keys.issuerP256.privateJwk }] })).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_INVALID' }),
    )
  })

  it('reports ERR_DID_INVALID for a DID that is not did:web and ERR_KEY_INVALID for duplicate ids', () => {
    expect(() => createDidWebDocument({ did: 'did:key:z6Mk', keys: [{ publicJwk: keys.issuerP256.publicJwk }] })).toThrow(
      expect.objectContaining({ code: 'ERR_DID_METHOD_UNSUPPORTED' }),
    )
    expect(() =>
      createDidWebDocument({
        did: 'did:web:uni.example',
        keys: [
          { id: 'k', publicJwk: keys.issuerP256.publicJwk },
          { id: 'k', publicJwk: keys.otherP256.publicJwk },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_KEY_INVALID' }))
  })
})
