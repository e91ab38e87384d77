// Copies the data files the bundled Node entry reads at run time into dist/assets/: the Noto Sans fonts of PDF
// certificates and share previews (with their SIL Open Font License) and resvg's WebAssembly. The libraries that read
// them are bundled by tsup (they are devDependencies), so installing @microcert/core pulls none of them.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(join(root, 'package.json'))
const out = join(root, 'dist/assets')
mkdirSync(out, { recursive: true })
const fonts = dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'))
const files = [
  [join(fonts, '400Regular/NotoSans_400Regular.ttf'), 'NotoSans_400Regular.ttf'],
  [join(fonts, '700Bold/NotoSans_700Bold.ttf'), 'NotoSans_700Bold.ttf'],
  [join(fonts, '400Regular_Italic/NotoSans_400Regular_Italic.ttf'), 'NotoSans_400Regular_Italic.ttf'],
  [join(fonts, 'LICENSE_FONT'), 'NotoSans-OFL.txt'],
  [require.resolve('@resvg/resvg-wasm/index_bg.wasm'), 'index_bg.wasm'],
]
for (const [from, name] of files) copyFileSync(from, join(out, name))
console.log(`dist/assets: ${files.length} files`)
