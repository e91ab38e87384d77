// Runs every bench/*.bench.ts of this package in one process, one after the other.
import { readdirSync } from 'node:fs'

const dir = new URL('.', import.meta.url)
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()
for (const file of files) {
  console.log(`\n--- ${file}`)
  const module = (await import(new URL(file, dir).href)) as { run?: () => Promise<void> }
  if (typeof module.run === 'function') await module.run()
}
