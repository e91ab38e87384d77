import { readFileSync } from 'node:fs'
import Ajv2019Import from 'ajv/dist/2019.js'
import Ajv2020Import from 'ajv/dist/2020.js'
import addFormatsImport from 'ajv-formats'

type AnyRecord = Record<string, any>

/** Reads a JSON file from test/vectors/. */
export function readVector<T = AnyRecord>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8')) as T
}

/** A fresh deep copy of the complete, valid micro-credential. */
export function validCredential(): AnyRecord {
  return readVector('micro-credential.json')
}

/** A fresh deep copy of the valid micro-credential input. */
export function validInput(): AnyRecord {
  return readVector('micro-credential-input.json')
}

// ajv ships CommonJS; depending on the loader the class is the module or its `default`.
function unwrap<T>(module: T): T {
  return ((module as { default?: T }).default ?? module) as T
}
const Ajv2019 = unwrap(Ajv2019Import)
const Ajv2020 = unwrap(Ajv2020Import)
const addFormats = unwrap(addFormatsImport)

function compile(kind: '2019' | '2020', schema: AnyRecord) {
  const ajv = kind === '2019' ? new Ajv2019({ allErrors: true, strict: false }) : new Ajv2020({ allErrors: true, strict: false })
  addFormats(ajv)
  return ajv.compile(schema)
}

/** The official Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09). */
export const validateOpenBadgesJsonSchema = compile('2019', readVector('ob30-achievementcredential.schema.json'))

/** The official W3C VC Data Model 2.0 JSON Schema (draft 2020-12). */
export const validateVcJsonSchema = compile('2020', readVector('vc-2.0-verifiable-credential.schema.json'))

/** Compiles any draft 2019-09 schema (e.g. the generated EU extension schema). */
export function compile2019(schema: AnyRecord) {
  return compile('2019', schema)
}
