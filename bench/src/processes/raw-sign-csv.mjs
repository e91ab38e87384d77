// The floor of `microcert issue --csv`: a plain process that reads the same CSV row by row, signs a payload of the
// same size for each row with raw jose CompactSign (the issuer's key, imported once) and appends the tokens to one
// file, fsync'd at the end. No validation, no records, no status list: what signing N rows costs at the least.
// Usage: node raw-sign-csv.mjs <csv> <out> <private-jwk.json> <template-payload.json>
import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { CompactSign, importJWK } from 'jose'

const [csv, out, jwkFile, templateFile] = process.argv.slice(2)
const jwk = JSON.parse(readFileSync(jwkFile, 'utf8'))
const alg = jwk.crv === 'Ed25519' ? 'EdDSA' : 'ES256'
const key = await importJWK(jwk, alg)
const template = readFileSync(templateFile, 'utf8')
const header = { alg, kid: `${JSON.parse(template).iss}#key-1`, typ: 'JWT' }
const encoder = new TextEncoder()
const output = createWriteStream(out)
let rows = 0
let first = true
for await (const line of createInterface({ input: createReadStream(csv), crlfDelay: Infinity })) {
  if (first) {
    first = false
    continue
  }
  if (line === '') continue
  const name = line.slice(0, line.indexOf(','))
  // A payload of the same size that differs per row: the template with the row's learner and a row number.
  const payload = template.replace('"identityHash":"', `"identityHash":"${name}`).replace('"jti":"', `"jti":"${rows}-`)
  const jws = await new CompactSign(encoder.encode(payload)).setProtectedHeader(header).sign(key)
  if (!output.write(`${jws}\n`)) await once(output, 'drain')
  rows++
}
output.end()
await once(output, 'finish')
const handle = await open(out, 'r+')
await handle.sync()
await handle.close()
process.stdout.write(`${rows}\n`)
