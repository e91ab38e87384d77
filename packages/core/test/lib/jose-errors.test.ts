import { errors } from 'jose'
import { describe, expect, it } from 'vitest'
import { MicrocertError } from '../../src/errors.js'
import { fromJoseError } from '../../src/lib/jose-errors.js'

describe('fromJoseError', () => {
  it('maps jose error codes to microcert codes and keeps the jose error as cause', () => {
    const cases: [Error, string][] = [
      [new errors.JWSSignatureVerificationFailed(), 'ERR_SIGNATURE_INVALID'],
      [new errors.JWSInvalid('x'), 'ERR_JWS_MALFORMED'],
      [new errors.JOSEAlgNotAllowed('x'), 'ERR_ALGORITHM_UNSUPPORTED'],
      [new errors.JOSENotSupported('x'), 'ERR_ALGORITHM_UNSUPPORTED'],
      [new errors.JWKInvalid('x'), 'ERR_KEY_INVALID'],
      [new TypeError('webcrypto said no'), 'ERR_SIGNATURE_INVALID'],
    ]
    for (const [error, code] of cases) {
      const mapped = fromJoseError(error)
      expect(mapped).toBeInstanceOf(MicrocertError)
      expect(mapped.code).toBe(code)
      expect(mapped.cause).toBe(error)
    }
  })

  it('passes a MicrocertError through unchanged', () => {
    const original = new MicrocertError('ERR_KEY_NOT_FOUND', 'x')
    expect(fromJoseError(original)).toBe(original)
  })
})
