import { describe, expect, it } from 'vitest'
import { fetchLimited } from '../../src/lib/fetch-limited.js'

const base = { timeout: 1_000, maxBytes: 1_024, unreachableCode: 'ERR_STATUS_UNREACHABLE', tooLargeCode: 'ERR_STATUS_LIST_INVALID', what: 'The thing' } as const

describe('fetchLimited', () => {
  it("calls the caller's fetch unbound (a browser's window.fetch throws Illegal invocation when called as a method)", async () => {
    let seenThis: unknown = 'not called'
    const strictFetch = function (this: unknown): Promise<Response> {
      seenThis = this
      if (this !== undefined && this !== globalThis) return Promise.reject(new TypeError('Illegal invocation'))
      return Promise.resolve(new Response('hello'))
    } as unknown as typeof fetch
    const result = await fetchLimited('https://example.test/x', { ...base, fetch: strictFetch })
    expect(result).toMatchObject({ status: 200, text: 'hello' })
    expect(seenThis).toBeUndefined()
  })

  it('maps a rejected fetch to the unreachable code and a large body to the too-large code', async () => {
    const offline = (() => Promise.reject(new TypeError('network'))) as unknown as typeof fetch
    await expect(fetchLimited('https://example.test/x', { ...base, fetch: offline })).rejects.toMatchObject({
      code: 'ERR_STATUS_UNREACHABLE',
      details: { reason: 'network' },
    })
    const big = (() => Promise.resolve(new Response('x'.repeat(2_000)))) as unknown as typeof fetch
    await expect(fetchLimited('https://example.test/x', { ...base, fetch: big })).rejects.toMatchObject({ code: 'ERR_STATUS_LIST_INVALID' })
  })

  it('refuses an https URL that a redirect answered over plain http', async () => {
    const downgraded = (() => {
      const response = new Response('{"id":"did:web:uni.example"}')
      Object.defineProperty(response, 'url', { value: 'http://uni.example/.well-known/did.json' })
      return Promise.resolve(response)
    }) as unknown as typeof fetch
    await expect(fetchLimited('https://uni.example/.well-known/did.json', { ...base, fetch: downgraded })).rejects.toMatchObject({
      code: 'ERR_STATUS_UNREACHABLE',
      details: { reason: 'insecure-redirect' },
    })
  })
})
