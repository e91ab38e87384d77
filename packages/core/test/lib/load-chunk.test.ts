import { describe, expect, it } from 'vitest'
import { loadChunk } from '../../src/lib/load-chunk.js'

describe('loadChunk', () => {
  it('returns the module that loaded', async () => {
    expect(await loadChunk(async () => ({ answer: 42 }))).toEqual({ answer: 42 })
  })

  it('turns a chunk that does not load into ERR_PROOF_UNSUPPORTED ("could not check"), keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch dynamically imported module: https://cdn.example/microcert-verify-chunks/verify-pdf.js')
    await expect(loadChunk(() => Promise.reject(cause))).rejects.toMatchObject({ code: 'ERR_PROOF_UNSUPPORTED', cause })
  })
})
