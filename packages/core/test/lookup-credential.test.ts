import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { base64url } from 'jose'
import { buildCredential } from '../src/build-credential.js'
import { createDidWebDocument } from '../src/create-did-web-document.js'
import { createSigner } from '../src/create-signer.js'
import { signDataIntegrity } from '../src/data-integrity/index.js'
import { generateCertificateId } from '../src/generate-certificate-id.js'
import { generateKeyPair } from '../src/generate-key-pair.js'
import { signCredential } from '../src/sign-credential.js'
import { createMemoryCache } from '../src/lib/cache.js'
import { lookupCredential } from '../src/lookup-credential.js'
import { createIssuer, openIssuer, type IssuedRecord } from '../src/node/index.js'
import { courseInput, serveDirectory, tempDir } from './node/helpers.js'

let server: Awaited<ReturnType<typeof serveDirectory>>
let records: IssuedRecord[]
const { dir: root, cleanup } = tempDir('microcert-lookup-')

beforeAll(async () => {
  server = await serveDirectory()
  const issuer = await createIssuer(join(root, 'store'), {
    did: `did:web:127.0.0.1%3A${server.port}`,
    name: 'Example University',
    country: 'CZ',
    url: server.origin,
  })
  records = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
  await issuer.publish(join(root, 'site'))
  await issuer.close()
  server.setRoot(join(root, 'site'))
})

afterAll(async () => {
  await server.close()
  cleanup()
})

const options = () => ({ registry: server.origin, allowInsecureLocalhost: true, cache: createMemoryCache() })

describe('lookupCredential', () => {
  it('fetches <registry>/credentials/<ID>.jwt and verifies it', async () => {
    const id = records[0]!.certificateId
    const result = await lookupCredential(id, options())
    expect(result).toMatchObject({ verified: true, status: 'verified', certificateId: id })
    expect(server.requests).toContain(`/credentials/${id}.jwt`)
  })

  it('normalises the ID a person typed (case, spaces, no dashes)', async () => {
    const id = records[1]!.certificateId
    const typed = id.toLowerCase().replaceAll('-', '')
    expect(await lookupCredential(typed, { ...options(), registry: `${server.origin}/` })).toMatchObject({ status: 'verified', certificateId: id })
  })

  it('reports ERR_CERTIFICATE_ID_INVALID for a typo without making a request', async () => {
    const id = records[0]!.certificateId
    const last = id.at(-1)!
    const typo = id.slice(0, -1) + (last === '0' ? '1' : '0')
    const before = server.requests.length
    const result = await lookupCredential(typo, options())
    expect(result).toMatchObject({ verified: false, status: 'failed', checks: [{ id: 'format', outcome: 'failed', code: 'ERR_CERTIFICATE_ID_INVALID' }] })
    expect(await lookupCredential('hello', options())).toMatchObject({ checks: [{ code: 'ERR_CERTIFICATE_ID_INVALID' }] })
    expect(server.requests.length).toBe(before)
  })

  it('reports ERR_CREDENTIAL_NOT_FOUND for an ID the registry does not hold', async () => {
    const result = await lookupCredential(generateCertificateId(), options())
    expect(result).toMatchObject({ verified: false, status: 'failed', checks: [{ code: 'ERR_CREDENTIAL_NOT_FOUND' }] })
  })

  it('reports unknown ERR_REGISTRY_UNREACHABLE when the registry cannot be reached', async () => {
    const result = await lookupCredential(records[0]!.certificateId, { ...options(), registry: 'http://127.0.0.1:1' })
    expect(result).toMatchObject({ verified: false, status: 'unknown', checks: [{ outcome: 'unknown', code: 'ERR_REGISTRY_UNREACHABLE' }] })
  })

  it('refuses a plain-http registry unless the caller opted in for localhost', async () => {
    const result = await lookupCredential(records[0]!.certificateId, { registry: server.origin })
    expect(result).toMatchObject({ status: 'unknown', checks: [{ code: 'ERR_REGISTRY_UNREACHABLE', details: { reason: 'insecure' } }] })
  })

  it('reports ERR_CREDENTIAL_NOT_FOUND when the registry answers with another credential', async () => {
    const [a, b] = records
    const swapped: typeof fetch = (input, init) => fetch(String(input).replace(a!.certificateId, b!.certificateId), init)
    const result = await lookupCredential(a!.certificateId, { ...options(), fetch: swapped })
    expect(result).toMatchObject({ verified: false, status: 'failed' })
    expect(result.checks[0]).toMatchObject({ id: 'format', outcome: 'failed', code: 'ERR_CREDENTIAL_NOT_FOUND' })
  })

  it('reports ERR_CREDENTIAL_NOT_FOUND when the registry answers with an authentic credential that has no certificate ID', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256')
    const did = `did:jwk:${base64url.encode(JSON.stringify({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y }))}`
    const issuer = { id: did, name: 'Univerzita Karlova', country: 'CZ' }
    const jwt = await signCredential(buildCredential({ ...courseInput(3), issuer }), await createSigner(privateJwk, { kid: `${did}#0` }))
    const answer: typeof fetch = async () => new Response(jwt)
    const result = await lookupCredential(records[0]!.certificateId, { ...options(), fetch: answer })
    expect(result).toMatchObject({ verified: false, status: 'failed' })
    expect(result.checks[0]).toMatchObject({ id: 'format', outcome: 'failed', code: 'ERR_CREDENTIAL_NOT_FOUND' })
  })

  it('throws TypeError when registry is not a URL (misuse)', async () => {
    await expect(lookupCredential(records[0]!.certificateId, { registry: 'uni.example' })).rejects.toThrow(TypeError)
  })
})

describe('lookupCredential: Data Integrity registries and cache: false (issues 10 and 12)', () => {
  it('finds <registry>/credentials/<ID>.json, where Data Integrity credentials are published, when there is no .jwt', async () => {
    const site = await serveDirectory()
    const { dir, cleanup: remove } = tempDir('microcert-lookup-di-')
    try {
      const did = `did:web:127.0.0.1%3A${site.port}`
      const id = generateCertificateId()
      const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
      const input = courseInput(3)
      const credential = buildCredential(
        { ...input, issuer: { id: did, name: 'Example University', country: 'CZ' } } as never,
        { id: `${site.origin}/credentials/${id}` },
      )
      const signed = await signDataIntegrity(credential, await createSigner(privateJwk, { kid: `${did}#key-1` }))
      mkdirSync(join(dir, '.well-known'), { recursive: true })
      mkdirSync(join(dir, 'credentials'))
      writeFileSync(join(dir, '.well-known/did.json'), JSON.stringify(createDidWebDocument({ did, keys: [{ id: 'key-1', publicJwk }] })))
      writeFileSync(join(dir, `credentials/${id}.json`), JSON.stringify(signed))
      site.setRoot(dir)
      const result = await lookupCredential(id, { registry: site.origin, allowInsecureLocalhost: true, cache: false })
      expect(result).toMatchObject({ status: 'verified', certificateId: id, issuer: { id: did, confirmedBy: 'domain' } })
      expect(site.requests).toEqual(expect.arrayContaining([`/credentials/${id}.jwt`, `/credentials/${id}.json`]))
    } finally {
      await site.close()
      remove()
    }
  })

  it('sees a revocation at once with cache: false, while a kept cache answers from the list it read (until its ttl)', async () => {
    const record = records[0]!
    const cache = createMemoryCache()
    expect(await lookupCredential(record.certificateId, { ...options(), cache })).toMatchObject({ status: 'verified' })
    const issuer = await openIssuer(join(root, 'store'))
    try {
      await issuer.revoke(record.certificateId, { reason: 'issued in error' })
      await issuer.publish(join(root, 'site'))
    } finally {
      await issuer.close()
    }
    expect(await lookupCredential(record.certificateId, { ...options(), cache })).toMatchObject({ status: 'verified' })
    const fresh = await lookupCredential(record.certificateId, { ...options(), cache: false })
    expect(fresh).toMatchObject({ status: 'failed', reason: { check: 'status', code: 'ERR_CREDENTIAL_REVOKED' }, statusInfo: { reason: 'issued in error' } })
  })

  it('rejects a cache that is neither a VerificationCache nor false (TypeError)', async () => {
    await expect(lookupCredential(records[1]!.certificateId, { ...options(), cache: true as never })).rejects.toBeInstanceOf(TypeError)
  })
})
