// Writes dist/eu-extension.schema.json from the freshly built dist/index.js (run by tsup's onSuccess).
import { writeFile } from 'node:fs/promises'

const distUrl = new URL('../dist/', import.meta.url)

/** Generates the EU extension JSON Schema with the built package and writes it next to the bundle. */
export async function writeJsonSchema() {
  const { euExtensionJsonSchema } = await import(new URL(`index.js?t=${Date.now()}`, distUrl).href)
  const target = new URL('eu-extension.schema.json', distUrl)
  await writeFile(target, `${JSON.stringify(euExtensionJsonSchema(), null, 2)}\n`)
  return target
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  const target = await writeJsonSchema()
  console.log(`wrote ${target.pathname}`)
}
