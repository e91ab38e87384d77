import { build } from 'esbuild'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { browserFieldPlugin } from '../../scripts/browser-field-plugin.mjs'
import { foreign } from './helpers.js'

// The data-integrity entry as a browser bundle: what the widget's lazy chunk and a CDN build contain.
const result = await build({
  entryPoints: [new URL('../../src/data-integrity/index.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  legalComments: 'none',
  define: { self: 'globalThis' },
  logLevel: 'silent',
  plugins: [browserFieldPlugin],
})
const code = result.outputFiles[0]?.text ?? ''
const dir = mkdtempSync(join(tmpdir(), 'microcert-di-bundle-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the data-integrity browser bundle', () => {
  it('resolves without any Node built-in (no node:*, crypto, http, https, fs)', () => {
    const builtins = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path))
    expect(builtins).toEqual([])
    expect(code).not.toMatch(/(?:require\(|import\(|from)\s*["']node:[a-z_]+["']/)
    // Node's native codecs are only looked up at run time, with the portable code as the fallback a browser runs
    // (docs/decisions/2026-11-30-node-fast-paths-in-universal-code.md).
    expect(code).toMatch(/getBuiltinModule/)
  })

  it('calls no Node Buffer, which browsers lack (base64url-universal\'s browser file is used; one typeof-guarded check remains)', () => {
    expect(code.match(/Buffer\.(from|alloc|concat|isBuffer)\(/g) ?? []).toEqual(['Buffer.isBuffer('])
    expect(code).toMatch(/typeof Buffer\s*==+\s*"function"\s*&&\s*Buffer\.isBuffer\(/)
  })

  it('stays within 200 KB min+gzip (it measures about 70 KB; the widget loads it only for credentials with an embedded proof)', () => {
    const gzip = gzipSync(code, { level: 9 }).length
    expect(gzip).toBeLessThan(200 * 1024)
    expect(gzip).toBeGreaterThan(50 * 1024)
  })

  it('verifies an Open Badges example and never calls fetch', async () => {
    const file = join(dir, 'data-integrity.mjs')
    writeFileSync(file, code)
    const original = globalThis.fetch
    let fetched = 0
    globalThis.fetch = (async () => {
      fetched++
      throw new Error('no network')
    }) as typeof fetch
    try {
      const { verifyDataIntegrity } = (await import(file)) as typeof import('../../src/data-integrity/index.js')
      const ok = await verifyDataIntegrity(foreign('ob-spec/complete-openbadgecredential.json'))
      const unknownContext = await verifyDataIntegrity(foreign('w3c-di-ecdsa/signedECDSAP256.json'))
      expect([ok.signature.outcome, unknownContext.signature.code]).toEqual(['passed', 'ERR_CONTEXT_UNKNOWN'])
      expect(fetched).toBe(0)
    } finally {
      globalThis.fetch = original
    }
  })
})
