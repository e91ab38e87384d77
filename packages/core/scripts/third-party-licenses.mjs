// Writes dist/data-integrity/THIRD-PARTY-LICENSES.md: the licence of every package bundled into the data-integrity
// chunk (found through esbuild's metafile), so the bundled code ships with its notices.
import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const { metafile } = await build({
  entryPoints: [join(root, 'src/data-integrity/index.ts')],
  bundle: true,
  write: false,
  metafile: true,
  platform: 'browser',
  format: 'esm',
  external: ['jose', 'zod', '@microcert/schemas'],
  logLevel: 'silent',
})

const packages = new Map()
for (const input of Object.keys(metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split('node_modules/.pnpm/').at(-1) ?? '')
  if (match === null) continue
  let dir = join(root, dirname(input))
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== match[1]) dir = dirname(dir)
  packages.set(match[1], dir)
}

const sections = [...packages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f))
  const text = file === undefined ? `(no licence file; package.json says ${manifest.license})` : readFileSync(join(dir, file), 'utf8').trim()
  return `## ${name} ${manifest.version} (${manifest.license})\n\n${text}\n`
})
writeFileSync(
  join(root, 'dist/data-integrity/THIRD-PARTY-LICENSES.md'),
  `# Third-party code in @microcert/core/data-integrity\n\nThis chunk bundles the following packages.\n\n${sections.join('\n')}`,
)
console.log(`THIRD-PARTY-LICENSES.md: ${packages.size} bundled packages`)
