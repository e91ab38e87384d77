import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
const r = await build({ entryPoints: ['../packages/verify-widget/src/define.ts'], bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', conditions: ['source', 'browser', 'import'], write: false, metafile: true, legalComments: 'none', logLevel: 'error',
  plugins: [{ name: 'ext', setup(b) { b.onResolve({ filter: /^\.\.\/i18n\/[a-z]{2}\.js$/ }, (a) => a.path.endsWith('en.js') ? undefined : { path: a.path, external: true }) } }] })
const out = Object.values(r.metafile.outputs)[0]!
console.log('total min', out.bytes, 'gzip', gzipSync(r.outputFiles[0]!.contents, { level: 9 }).length)
const groups = new Map<string, number>()
for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
  let g = file.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, 'npm:')
  if (g.startsWith('npm:')) { const parts = g.slice(4).split('/'); g = 'npm:' + (parts[0]!.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]) + (parts[0] === 'zod' ? '/' + parts.slice(1, 3).join('/') : '') }
  else g = g.replace(/^\.\.\/packages\//, '').replace(/\/[^/]+$/, '/') + (g.includes('/src/') ? '' : '')
  groups.set(g, (groups.get(g) ?? 0) + bytesInOutput)
}
for (const [g, b] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(String(b).padStart(7), g)
const files = Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 25)
console.log('--- top files')
for (const [f, { bytesInOutput }] of files) console.log(String(bytesInOutput).padStart(7), f.replace(/^.*node_modules\//, '').replace(/^\.\.\/packages\//, ''))
