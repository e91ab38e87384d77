import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BUNDLED_CONTEXT_URLS, createDocumentLoader } from '../../src/data-integrity/index.js'

const contextsDir = new URL('../../src/data-integrity/contexts/', import.meta.url)
const provenance = readFileSync(new URL('PROVENANCE.md', contextsDir), 'utf8')
const rows = [...provenance.matchAll(/^\| `([^`]+)` \| `([^`]+)` \| [^|]+ \| `([0-9a-f]{64})` \|/gm)].map(([, url, file, sha256]) => ({ url, file, sha256 }))

describe('bundled contexts', () => {
  it('every bundled file matches the sha256 pinned in PROVENANCE.md, and every bundled URL has a row', () => {
    expect(rows.length).toBeGreaterThanOrEqual(19)
    for (const { file, sha256 } of rows) {
      expect(createHash('sha256').update(readFileSync(new URL(String(file), contextsDir))).digest('hex'), String(file)).toBe(sha256)
    }
    expect(new Set(rows.map((r) => r.url))).toEqual(new Set(BUNDLED_CONTEXT_URLS))
  })

  it('keeps the VC 2.0 base context at the hash the W3C Recommendation fixes', () => {
    expect(rows.find((r) => r.url === 'https://www.w3.org/ns/credentials/v2')?.sha256).toBe('59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734')
  })
})

describe('createDocumentLoader', () => {
  it('serves a bundled context as published', async () => {
    const { document, documentUrl } = await createDocumentLoader()('https://w3id.org/vc/status-list/2021/v1')
    expect([documentUrl, JSON.stringify(document)]).toEqual([
      'https://w3id.org/vc/status-list/2021/v1',
      JSON.stringify(JSON.parse(readFileSync(new URL('status-list-2021-v1.json', contextsDir), 'utf8'))),
    ])
  })

  it('refuses an unknown URL with ERR_CONTEXT_UNKNOWN naming it', async () => {
    await expect(createDocumentLoader()('https://evil.example/context.json')).rejects.toMatchObject({
      code: 'ERR_CONTEXT_UNKNOWN',
      details: { url: 'https://evil.example/context.json' },
    })
  })

  it('serves extra contexts given as an option but never lets one replace a bundled context', async () => {
    const extra = { '@context': { nickname: 'https://vocab.example/#nickname' } }
    expect((await createDocumentLoader({ contexts: { 'https://vocab.example/v1': extra } })('https://vocab.example/v1')).document).toBe(extra)
    expect(() => createDocumentLoader({ contexts: { 'https://www.w3.org/ns/credentials/v2': extra } })).toThrow(TypeError)
  })

  it('resolves did:key DID documents and their keys without network', async () => {
    const did = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'
    const loader = createDocumentLoader()
    const { document } = await loader(did)
    const { document: key } = await loader(`${did}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`)
    expect([(document as { id: string }).id, (key as { controller: string; '@context': string }).controller]).toEqual([did, did])
    await expect(loader(`${did}#other`)).rejects.toMatchObject({ code: 'ERR_KEY_NOT_FOUND' })
    await expect(loader('did:key:z0OIl')).rejects.toMatchObject({ code: 'ERR_DID_INVALID' })
  })
})
