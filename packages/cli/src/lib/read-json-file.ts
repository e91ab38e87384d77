import { readFile, stat } from 'node:fs/promises'
import { MicrocertError } from '@microcert/core'

/** Reads a JSON file (≤ `maxBytes`, default 4 MiB); bad JSON is ERR_JSON_MALFORMED naming the file. */
export async function readJsonFile(path: string, maxBytes = 4 * 1024 * 1024): Promise<unknown> {
  const info = await stat(path)
  if (info.size > maxBytes) {
    throw new MicrocertError('ERR_INPUT_TOO_LARGE', `"${path}" is ${info.size} bytes; the limit is ${maxBytes}`)
  }
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value))
  } catch (e) {
    throw new MicrocertError('ERR_JSON_MALFORMED', `"${path}" is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
}
