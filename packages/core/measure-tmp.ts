import { createIssuer } from './src/node/index.js'
import { courseInput } from './test/node/helpers.js'
import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
const dir = mkdtempSync('/tmp/pub2/s-')
const issuer = await createIssuer(join(dir, 'store'), { did: 'did:web:uni.example', name: 'Uni', country: 'CZ', url: 'https://uni.example' })
const N = Number(process.argv[2])
function* rows() { for (let i = 0; i < N; i++) yield { rowKey: `r${i}`, input: courseInput(i) } }
await issuer.issueBatch(rows(), { collect: false })
let t = performance.now(); let r = await issuer.publish(join(dir, 'site'), {}); console.log('publish pdf', (performance.now() - t).toFixed(0), 'ms', r.pdfs, r.pdfsWritten, r.warnings)
t = performance.now(); r = await issuer.publish(join(dir, 'site'), {}); console.log('republish pdf', (performance.now() - t).toFixed(0), 'ms', r.pdfs, r.pdfsWritten)
await issuer.close()
