import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { BUDGETS } from '../budgets.js'
import type { BenchCase } from '../lib/bench-case.js'
import { bundleForBrowser, bundleWithLazyChunk } from '../lib/bundle.js'
import { kb } from '../lib/format.js'
import type { Row } from '../lib/report.js'
import { ratioOf } from '../lib/stats.js'
import { compressedSizes, measureWidget } from '../lib/widget-size.js'

/** The floor of a VC-JWT verifier: jose's compactVerify + importJWK, nothing else. */
export const FLOOR_VERIFY_SOURCE = `export { compactVerify, importJWK } from 'jose'`

/** microcert's other credential formats, each measured as the lazy chunk a page with verifyCredential would load. */
const LAZY_FORMATS: { name: string; source: string }[] = [
  { name: 'SD-JWT VC verifier (verifySdJwtVc)', source: `export { verifySdJwtVc } from '@microcert/core/sd-jwt'` },
  { name: 'Data Integrity verifier (verifyDataIntegrity)', source: `export { verifyDataIntegrity } from '@microcert/core/data-integrity'` },
]

const PEERS: { name: string; source: string; note: string }[] = [
  {
    name: "did-jwt-vc's verify path",
    source: `export { verifyCredential } from 'did-jwt-vc'; export { Resolver } from 'did-resolver'`,
    note: 'verifyCredential + a DID resolver, no did:web method, no UI',
  },
  {
    name: "@digitalbazaar/vc's Data Integrity verify path",
    source: `export { verifyCredential } from '@digitalbazaar/vc'; export { DataIntegrityProof } from '@digitalbazaar/data-integrity'; export { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'`,
    note: 'verifyCredential + eddsa-rdfc-2022 (jsonld, rdf-canonize), no contexts, no UI',
  },
]

export const sizeCase: BenchCase = {
  name: 'size',
  summary: 'widget bytes (main + each lazy chunk, min+gzip -9) and the peers, as ratios to a raw jose verify bundle',
  async run(context) {
    context.log('size: widget chunks and peer bundles')
    const floor = compressedSizes(await bundleForBrowser(FLOOR_VERIFY_SOURCE))
    const floorName = 'raw jose compactVerify + importJWK bundle'
    const widget = measureWidget()
    const size = (bytes: number) => ratioOf('size', [bytes / floor.gzipBytes])
    const rows: Row[] = [
      {
        group: 'size',
        name: 'widget first load (main + static imports)',
        ours: kb(widget.firstLoadGzip),
        baseline: floorName,
        base: kb(floor.gzipBytes),
        ratio: size(widget.firstLoadGzip),
        budget: { text: `≤ ${kb(BUDGETS.widgetFirstLoadBytes)}`, met: widget.firstLoadGzip <= BUDGETS.widgetFirstLoadBytes },
        note: `min+gzip -9; ${widget.chunks.filter((c) => c.load !== 'lazy').map((c) => c.file).join(' + ')}`,
      },
      {
        group: 'size',
        name: 'widget, everything for a VC-JWT verification',
        ours: kb(widget.vcJwtGzip),
        baseline: floorName,
        base: kb(floor.gzipBytes),
        ratio: size(widget.vcJwtGzip),
        budget: { text: `≤ ${kb(BUDGETS.widgetVcJwtBytes)}`, met: widget.vcJwtGzip <= BUDGETS.widgetVcJwtBytes },
      },
    ]
    for (const chunk of widget.chunks) {
      rows.push({
        group: 'size',
        name: `  chunk ${chunk.file} (${chunk.load})`,
        ours: kb(chunk.gzipBytes),
        baseline: floorName,
        base: kb(floor.gzipBytes),
        ratio: size(chunk.gzipBytes),
        note: `${kb(chunk.minBytes)} min, ${kb(chunk.brotliBytes)} brotli`,
      })
    }
    for (const format of LAZY_FORMATS) {
      const dir = join(context.tmp, `lazy-${rows.length}`)
      mkdirSync(dir, { recursive: true })
      const built = await bundleWithLazyChunk(dir, `export { verifyCredential } from '@microcert/core'`, format.source)
      const lazyGzip = built.chunks.filter((c) => c.load === 'lazy').reduce((n, c) => n + c.gzipBytes, 0)
      rows.push({
        group: 'size',
        name: `core: ${format.name}, lazy chunk`,
        ours: kb(lazyGzip),
        baseline: floorName,
        base: kb(floor.gzipBytes),
        ratio: size(lazyGzip),
        note: `what a page that already has verifyCredential (${kb(built.firstLoadGzip)}) loads on first use; esbuild --minify --splitting, from source as the widget's CDN build`,
      })
    }
    for (const peer of PEERS) {
      let bytes: Uint8Array
      try {
        bytes = await bundleForBrowser(peer.source)
      } catch (error) {
        rows.push({ group: 'size', name: `peer: ${peer.name}`, ours: 'does not bundle', baseline: floorName, base: kb(floor.gzipBytes), note: String(error).split('\n')[0] })
        continue
      }
      const peerSize = compressedSizes(bytes)
      rows.push({
        group: 'size',
        name: `peer: ${peer.name}`,
        ours: kb(peerSize.gzipBytes),
        baseline: floorName,
        base: kb(floor.gzipBytes),
        ratio: size(peerSize.gzipBytes),
        note: `${peer.note}; esbuild --minify, ${kb(peerSize.minBytes)} min`,
      })
    }
    const blockcerts = join(dirname(createRequire(import.meta.url).resolve('@blockcerts/blockcerts-verifier/package.json')), 'dist/main.js')
    const version = (JSON.parse(readFileSync(join(dirname(blockcerts), '../package.json'), 'utf8')) as { version: string }).version
    const bc = compressedSizes(readFileSync(blockcerts))
    rows.push({
      group: 'size',
      name: 'peer: Blockcerts verifier widget (published bundle)',
      ours: kb(bc.gzipBytes),
      baseline: floorName,
      base: kb(floor.gzipBytes),
      ratio: size(bc.gzipBytes),
      note: `@blockcerts/blockcerts-verifier ${version} dist/main.js as published, ${kb(bc.minBytes)} min`,
    })
    return rows
  },
}
