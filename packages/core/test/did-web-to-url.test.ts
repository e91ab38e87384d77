import { describe, expect, it } from 'vitest'
import { didWebToUrl } from '../src/did-web-to-url.js'

describe('didWebToUrl', () => {
  it('follows the did:web spec examples', () => {
    expect(didWebToUrl('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json')
    expect(didWebToUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json')
    expect(didWebToUrl('did:web:example.com%3A3000:user:alice')).toBe('https://example.com:3000/user/alice/did.json')
    expect(didWebToUrl('did:web:example.com%3a3000')).toBe('https://example.com:3000/.well-known/did.json')
  })

  it('uses http: only for localhost / 127.0.0.1 and only when the caller opts in', () => {
    expect(didWebToUrl('did:web:localhost%3A8080', { allowInsecureLocalhost: true })).toBe('http://localhost:8080/.well-known/did.json')
    expect(didWebToUrl('did:web:127.0.0.1%3A8080:x', { allowInsecureLocalhost: true })).toBe('http://127.0.0.1:8080/x/did.json')
    expect(didWebToUrl('did:web:localhost%3A8080')).toBe('https://localhost:8080/.well-known/did.json')
    expect(didWebToUrl('did:web:uni.example', { allowInsecureLocalhost: true })).toBe('https://uni.example/.well-known/did.json')
  })

  it('reports ERR_DID_INVALID for IP addresses, bad ports, path tricks and bad hosts', () => {
    for (const did of [
      'did:web:10.0.0.1',
      'did:web:uni.example%3A99999',
      'did:web:uni.example%3Aabc',
      'did:web:uni.example:..:secret',
      'did:web:uni.example::x',
      'did:web:uni_example.com',
      'did:web:',
      'did:web:evil.com%2Fpath',
      'did:web:a.com%3A1%3A2',
      'web:uni.example',
    ]) {
      expect(() => didWebToUrl(did), did).toThrow(expect.objectContaining({ code: 'ERR_DID_INVALID' }))
    }
  })

  it('reports ERR_DID_METHOD_UNSUPPORTED for another DID method', () => {
    expect(() => didWebToUrl('did:key:z6Mk')).toThrow(expect.objectContaining({ code: 'ERR_DID_METHOD_UNSUPPORTED' }))
  })
})
