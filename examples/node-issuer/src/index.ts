// Issue, revoke and verify EU micro-credentials with the microcert SDK. Run: pnpm --dir examples/node-issuer start
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyCredential } from '@microcert/core'
import { createIssuer, type IssueInput } from '@microcert/core/node'

const dir = await mkdtemp(join(tmpdir(), 'microcert-example-'))
const course = JSON.parse(await readFile(new URL('../../data/courses/applied-ai.json', import.meta.url), 'utf8')) as Omit<IssueInput, 'learner'>

// 1. An issuer: a key pair, the profile, status lists. did:web on localhost for this example.
const issuer = await createIssuer(join(dir, 'issuer'), {
  did: 'did:web:localhost%3A8080', name: 'Moravian University of Technology (demo)', country: 'CZ', url: 'http://localhost:8080',
})
// 2. Issue two credentials and revoke one.
const jana = await issuer.issue({ ...course, learner: { name: 'Jana Dvořáková', email: 'jana.dvorakova@example.cz' }, grade: 'A' })
const tomas = await issuer.issue({ ...course, learner: { name: 'Tomáš Novák', studentId: 'S240118' }, grade: 'B' })
await issuer.revoke(tomas.certificateId, { reason: 'Issued in error' })
// 3. Publish the static registry (DID document, credentials, PDF certificates, share pages, status lists). Upload it anywhere.
const site = join(dir, 'site')
await issuer.publish(site)
await issuer.close()

// 4. Verify. This fetch reads the published files from disk instead of a web server.
const fromSite: typeof fetch = async (input) => {
  const url = new URL(input instanceof Request ? input.url : String(input))
  try { return new Response(await readFile(join(site, decodeURIComponent(url.pathname)))) } catch { return new Response('not found', { status: 404 }) }
}
const options = { fetch: fromSite, allowInsecureLocalhost: true, trustedIssuers: [issuer.did] }
const valid = await verifyCredential(jana.credential, options)
const revoked = await verifyCredential(tomas.credential, options)
const [header, payload, signature] = jana.credential.split('.') as [string, string, string]
const forged = Buffer.from(Buffer.from(payload, 'base64url').toString('utf8').replace('Jana Dvořáková', 'Eve Mallory')).toString('base64url')
const tampered = await verifyCredential(`${header}.${forged}.${signature}`, options)

console.log(`${jana.certificateId}  ${valid.status}`)
console.log(`${tomas.certificateId}  ${revoked.status} (${revoked.checks.find((c) => c.id === 'status')?.code})`)
console.log(`tampered copy       ${tampered.status} (${tampered.checks.find((c) => c.outcome === 'failed')?.code})`)
await rm(dir, { recursive: true, force: true })
if (valid.status !== 'verified' || revoked.status !== 'failed' || tampered.status !== 'failed') process.exit(1)
