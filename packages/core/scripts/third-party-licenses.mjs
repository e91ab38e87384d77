// Writes THIRD-PARTY-LICENSES.md beside each chunk that bundles other packages (data-integrity, and the Node entry with
// pdf-lib, fontkit, qrcode and resvg): the licence of every bundled package, found through esbuild's metafile, so the
// bundled code ships with its notices.
import { build } from 'esbuild'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const external = ['jose', 'zod', '@microcert/schemas']

async function licences(entry, platform, outFile, title) {
  const { metafile } = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform,
    format: 'esm',
    external: platform === 'node' ? [...external, 'node:*'] : external,
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
  writeFileSync(join(root, outFile), `# Third-party code in ${title}\n\nThis chunk bundles the following packages.\n\n${sections.join('\n')}`)
  console.log(`${outFile}: ${packages.size} bundled packages`)
}

await licences('src/data-integrity/index.ts', 'browser', 'dist/data-integrity/THIRD-PARTY-LICENSES.md', '@microcert/core/data-integrity')
await licences(
  'src/node/index.ts',
  'node',
  'dist/node/THIRD-PARTY-LICENSES.md',
  '@microcert/core/node (the fonts in dist/assets are Noto Sans, SIL Open Font License: dist/assets/NotoSans-OFL.txt)',
)
