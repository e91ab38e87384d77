import { describe, expect, it } from 'vitest'
import { decodeCredential } from '../src/decode-credential.js'
import { MicrocertError } from '../src/errors.js'
import golden from './vectors/golden.json' with { type: 'json' }

describe('decodeCredential', () => {
  it('returns header, payload and the credential without the JWT claims, verifying nothing', () => {
    const { header, payload, credential } = decodeCredential(golden.eddsaJwt)
    expect(header['alg']).toBe('EdDSA')
    expect(payload['iss']).toBe(golden.credential.issuer.id)
    expect(credential).toEqual(golden.credential)
    const [h, p] = golden.eddsaJwt.split('.')
    expect(decodeCredential(`${h}.${p}.AAAA`).credential).toEqual(golden.credential)
  })

  it('reports ERR_JWS_MALFORMED for something that is not a JWS and TypeError for a non-string', () => {
    expect(() => decodeCredential('a.b')).toThrow(MicrocertError)
    expect(() => decodeCredential('a.b')).toThrow(expect.objectContaining({ code: 'ERR_JWS_MALFORMED' }))
    expect(() => decodeCredential(1 as unknown as string)).toThrow(TypeError)
  })
})
