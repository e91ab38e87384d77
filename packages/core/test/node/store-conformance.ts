// The store conformance suite: everything a caller of `Issuer` relies on, run unchanged against every store engine
// (file-store.test.ts, pg-store.test.ts). A behaviour that differs between the stores is a bug in one of them.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2019Import from 'ajv/dist/2019.js'
import addFormatsImport from 'ajv-formats'
import jsonld from 'jsonld'
import { afterEach, describe, expect, it } from 'vitest'
import { createSigner } from '../../src/create-signer.js'
import { createDocumentLoader, verifyDataIntegrity } from '../../src/data-integrity/index.js'
import { decodeCredential } from '../../src/decode-credential.js'
import { generateKeyPair } from '../../src/generate-key-pair.js'
import { createIssuer, openIssuer } from '../../src/node/index.js'
import type { CreateIssuerOptions, Issuer } from '../../src/node/index.js'
import { decodeStatusList } from '../../src/status/decode-status-list.js'
import { getStatusBit } from '../../src/status/get-status-bit.js'
import type { DidDocument, Signer } from '../../src/types.js'
import { foreign, resolverServing } from '../data-integrity/helpers.js'
import { describeIssuanceStateStoreContract } from '../issuance-state-store-contract.js'
import { codeOf, courseInput, ISSUER } from './helpers.js'

const unwrap = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T
const ajv = new (unwrap(Ajv2019Import))({ allErrors: true, strict: false })
unwrap(addFormatsImport)(ajv)
const validateOpenBadges = ajv.compile(foreign('schema/ob30-achievementcredential.schema.json'))

/** A signer whose key cannot leave it (a non-extractable WebCrypto key): what a KMS or HSM looks like from here. */
async function kmsKey(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<{ signer: Signer; publicJwk: JsonWebKey }> {
  const { privateJwk, publicJwk } = await generateKeyPair(alg)
  return { signer: await createSigner(privateJwk, { kid: 'kms:key/test' }), publicJwk }
}

/** An ECDSA r‖s signature in DER (`SEQUENCE { INTEGER r, INTEGER s }`). */
function toDer(raw: Uint8Array): Uint8Array {
  const int = (bytes: Uint8Array) => {
    let i = 0
    while (i < bytes.length - 1 && bytes[i] === 0) i++
    const body = bytes[i]! & 0x80 ? [0, ...bytes.subarray(i)] : [...bytes.subarray(i)]
    return [0x02, body.length, ...body]
  }
  const seq = [...int(raw.subarray(0, 32)), ...int(raw.subarray(32))]
  return new Uint8Array([0x30, seq.length, ...seq])
}

const didKids = (site: string, path = 'did.json') =>
  ((JSON.parse(readFileSync(join(site, path), 'utf8')) as DidDocument).assertionMethod ?? []).map((m) => (typeof m === 'string' ? m : m.id))

/** A place for a new store: where it goes, what `createIssuer` needs there, and where its private key will be. */
export interface StorePlace {
  location: string
  /** Options the engine needs at create (e.g. `keyFile` for PostgreSQL). */
  options: Partial<CreateIssuerOptions>
  /** The private key file the new store will use. */
  keyFile: string
  /** A scratch directory for sites, widget files and the like. */
  scratch: string
  cleanup(): Promise<void>
}

export interface StoreKind {
  name: string
  /** A new place with no store in it yet. */
  place(): Promise<StorePlace>
}

export function describeStoreConformance(kind: StoreKind): void {
  describe(`store conformance: ${kind.name}`, () => {
    const cleanups: (() => void | Promise<void>)[] = []
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    }, 60_000)

    async function place(): Promise<StorePlace> {
      const p = await kind.place()
      cleanups.push(() => p.cleanup())
      return p
    }

    async function fresh(options: Partial<CreateIssuerOptions> = {}): Promise<{ issuer: Issuer; location: string; root: string; keyFile: string }> {
      const p = await place()
      const issuer = await createIssuer(p.location, { ...ISSUER, ...p.options, ...options })
      cleanups.push(() => issuer.close())
      return { issuer, location: p.location, root: p.scratch, keyFile: p.keyFile }
    }

    async function reopen(location: string): Promise<Issuer> {
      const issuer = await openIssuer(location)
      cleanups.push(() => issuer.close())
      return issuer
    }

    async function count(issuer: Issuer): Promise<number> {
      let n = 0
      for await (const _ of issuer.list()) n++
      return n
    }

    describe('createIssuer / openIssuer', () => {
      it('creates a store with a 0600 private key file that never appears in errors or output', async () => {
        const { issuer, location, keyFile } = await fresh()
        expect(issuer.did).toBe(ISSUER.did)
        expect(issuer.registryUrl).toBe(ISSUER.url)
        expect(issuer.profile).toMatchObject({ id: ISSUER.did, name: ISSUER.name, country: 'CZ' })
        expect(statSync(keyFile).mode & 0o777).toBe(0o600)
        const d = (JSON.parse(readFileSync(keyFile, 'utf8')) as { d: string }).d
        expect(JSON.stringify(issuer)).not.toContain(d)
        // A second create at the same place never touches the key file.
        expect(await codeOf(createIssuer(location, { ...ISSUER, keyFile }))).toBe('ERR_STORE_EXISTS')
        expect(readFileSync(keyFile, 'utf8')).toContain(d)
      })

      it('reports ERR_STORE_EXISTS for a location that already holds a store', async () => {
        const p = await place()
        const issuer = await createIssuer(p.location, { ...ISSUER, ...p.options })
        await issuer.close()
        expect(await codeOf(createIssuer(p.location, { ...ISSUER, ...p.options, keyFile: join(p.scratch, 'other.jwk') }))).toBe('ERR_STORE_EXISTS')
      })

      it('reports ERR_STORE_NOT_FOUND for a location without a store', async () => {
        const p = await place()
        expect(await codeOf(openIssuer(p.location))).toBe('ERR_STORE_NOT_FOUND')
      })

      it('refuses a DID that is not did:web and invalid issuer details with typed errors', async () => {
        const p = await place()
        expect(await codeOf(createIssuer(p.location, { ...ISSUER, ...p.options, did: 'did:example:123' }))).toBe('ERR_DID_METHOD_UNSUPPORTED')
        expect(await codeOf(createIssuer(p.location, { ...ISSUER, ...p.options, country: 'Czechia' }))).toBe('ERR_INPUT_INVALID')
        await expect(createIssuer(p.location, { ...ISSUER, ...p.options, url: 'ftp://uni.example' })).rejects.toThrow(TypeError)
        expect(await codeOf(openIssuer(p.location))).toBe('ERR_STORE_NOT_FOUND')
      })

      it('reports ERR_KEY_FILE_MISSING when the private key is gone, and ERR_KEY_INVALID for a file holding another key', async () => {
        const { issuer, location, keyFile } = await fresh()
        await issuer.close()
        const original = readFileSync(keyFile, 'utf8')
        unlinkSync(keyFile)
        expect(await codeOf(openIssuer(location))).toBe('ERR_KEY_FILE_MISSING')
        writeFileSync(keyFile, JSON.stringify((await generateKeyPair('ES256')).privateJwk))
        expect(await codeOf(openIssuer(location))).toBe('ERR_KEY_INVALID')
        writeFileSync(keyFile, original)
        const again = await reopen(location)
        expect(again.did).toBe(ISSUER.did)
      })

      it('opens with the key file named at open (keyFile) instead of the one the store records', async () => {
        const { issuer, location, keyFile, root } = await fresh()
        await issuer.close()
        const moved = join(root, 'moved.private.jwk')
        writeFileSync(moved, readFileSync(keyFile))
        unlinkSync(keyFile)
        const reopened = await openIssuer(location, { keyFile: moved })
        cleanups.push(() => reopened.close())
        expect((await reopened.issue(courseInput(1))).state).toBe('active')
      })

      it('throws TypeError for every operation after close', async () => {
        const { issuer } = await fresh()
        const record = await issuer.issue(courseInput(1))
        await issuer.close()
        await expect(issuer.issue(courseInput(2))).rejects.toThrow(TypeError)
        await expect(issuer.revoke(record.certificateId)).rejects.toThrow(TypeError)
        await expect(issuer.get(record.certificateId)).rejects.toThrow(TypeError)
      })
    })

    describe('issue', () => {
      it('issues a signed credential with a certificate ID, registry id and a random status index', async () => {
        const { issuer } = await fresh()
        const record = await issuer.issue(courseInput(1))
        expect(record.certificateId).toMatch(/^MC-/)
        expect(record.credentialId).toBe(`${ISSUER.url}/credentials/${record.certificateId}`)
        expect(record.state).toBe('active')
        const { credential } = decodeCredential(record.jwt) as { credential: Record<string, any> }
        expect(credential['id']).toBe(record.credentialId)
        expect(credential['credentialStatus']).toEqual({
          id: `${ISSUER.url}/status/0.jwt#${record.statusIndex}`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: String(record.statusIndex),
          statusListCredential: `${ISSUER.url}/status/0.jwt`,
        })
        expect(await issuer.get(record.certificateId.toLowerCase())).toEqual(record)
        expect(issuer.location).not.toMatch(/:[^:@/]+@/)
      })

      it('runs operations called at once on one Issuer, and lists records in issue order', async () => {
        const { issuer } = await fresh()
        const first = await issuer.issue(courseInput(0))
        const [a, b, , revoked] = await Promise.all([
          issuer.issue(courseInput(1)),
          issuer.issue(courseInput(2)),
          issuer.issueBatch([courseInput(3), courseInput(4)]),
          issuer.revoke(first.certificateId),
        ])
        expect(revoked.state).toBe('revoked')
        expect(a!.certificateId).not.toBe(b!.certificateId)
        const listed = []
        for await (const record of issuer.list()) listed.push(record)
        expect(listed).toHaveLength(5)
        expect(listed[0]).toEqual(revoked)
      })

      it('is idempotent by row key: the same row twice yields the same credential', async () => {
        const { issuer } = await fresh()
        const a = await issuer.issue(courseInput(1), { rowKey: 'S-1/ADE' })
        const b = await issuer.issue(courseInput(1), { rowKey: 'S-1/ADE' })
        const c = await issuer.issue(courseInput(2))
        const d = await issuer.issue(courseInput(2))
        expect(b).toEqual(a)
        expect(d).toEqual(c)
        expect(await count(issuer)).toBe(2)
      })

      it('reports ERR_INPUT_INVALID with the EU element for an invalid row and stores nothing', async () => {
        const { issuer } = await fresh()
        const error = await issuer.issue(courseInput(1, { learningOutcomes: [] })).catch((e: unknown) => e)
        expect((error as { code: string }).code).toBe('ERR_INPUT_INVALID')
        expect(((error as { details: { issues: string[] } }).details.issues).join('\n')).toMatch(/learning outcome/i)
        expect(await count(issuer)).toBe(0)
      })
    })

    describe('issueBatch', () => {
      it('issues the valid rows and reports each invalid one with its row number', async () => {
        const { issuer } = await fresh()
        const rows = Array.from({ length: 20 }, (_, i) => courseInput(i))
        rows[4] = courseInput(4, { ects: 0 })
        rows[11] = courseInput(11, { qualityAssurance: [] })
        const progress: number[] = []
        const report = await issuer.issueBatch(rows, { chunkSize: 5, onProgress: (p) => progress.push(p.done) })
        expect(report.counts).toEqual({ issued: 18, skipped: 0, failed: 2 })
        expect(report.failed.map((f) => [f.row, f.code])).toEqual([
          [5, 'ERR_INPUT_INVALID'],
          [12, 'ERR_INPUT_INVALID'],
        ])
        expect(report.failed[1]!.issues.join('\n')).toMatch(/quality assurance/i)
        expect(progress.at(-1)).toBe(20)
        const ids = new Set(report.issued.map((r) => r.certificateId))
        const indexes = new Set(report.issued.map((r) => r.statusIndex))
        expect(ids.size).toBe(18)
        expect(indexes.size).toBe(18)
        // random allocation, not 0, 1, 2, …
        expect([...indexes].filter((i) => i < 18).length).toBeLessThan(3)
      })

      it('writes nothing when atomic and any row is invalid', async () => {
        const { issuer, location } = await fresh()
        const rows = [courseInput(1), courseInput(2, { eqfLevel: 9 as 8 }), courseInput(3)]
        const report = await issuer.issueBatch(rows, { atomic: true })
        expect(report.counts).toEqual({ issued: 0, skipped: 0, failed: 1 })
        expect(report.failed[0]!.row).toBe(2)
        await issuer.close()
        const reopened = await reopen(location)
        expect(await count(reopened)).toBe(0)
        const ok = await reopened.issueBatch([courseInput(1), courseInput(3)], { atomic: true })
        expect(ok.counts.issued).toBe(2)
      })

      it('skips rows already issued by row key when a batch runs again, and rows repeated within a batch', async () => {
        const { issuer, location } = await fresh()
        const rows = Array.from({ length: 30 }, (_, i) => ({ rowKey: `row-${i}`, input: courseInput(i) }))
        const first = await issuer.issueBatch(rows.slice(0, 12), { chunkSize: 4 })
        await issuer.close()
        const reopened = await reopen(location)
        const second = await reopened.issueBatch(rows, { chunkSize: 4 })
        expect(second.counts).toEqual({ issued: 18, skipped: 12, failed: 0 })
        expect(second.skipped.map((r) => r.certificateId).sort()).toEqual(first.issued.map((r) => r.certificateId).sort())
        expect(await count(reopened)).toBe(30)
        const repeated = await reopened.issueBatch([rows[0]!, { rowKey: 'new', input: courseInput(99) }, { rowKey: 'new', input: courseInput(99) }])
        expect(repeated.counts).toEqual({ issued: 1, skipped: 2, failed: 0 })
      })

      it('accepts an async iterable and keeps no records in the report when collect is false', async () => {
        const { issuer } = await fresh()
        async function* rows() {
          for (let i = 0; i < 7; i++) yield courseInput(i)
        }
        const report = await issuer.issueBatch(rows(), { collect: false })
        expect(report).toMatchObject({ issued: [], skipped: [], counts: { issued: 7, skipped: 0, failed: 0 } })
      })
    })

    describe('revoke / suspend / reinstate', () => {
      it('changes state durably and refuses impossible changes with ERR_STATE_CONFLICT', async () => {
        const { issuer, location } = await fresh({ now: () => new Date('2026-11-29T10:00:00Z') })
        const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
        expect(await issuer.revoke(a!.certificateId, { reason: 'issued in error' })).toMatchObject({
          state: 'revoked',
          reason: 'issued in error',
          since: '2026-11-29T10:00:00.000Z',
        })
        expect(await codeOf(issuer.revoke(a!.certificateId))).toBe('ERR_STATE_CONFLICT')
        expect(await codeOf(issuer.reinstate(a!.certificateId))).toBe('ERR_STATE_CONFLICT')
        expect(await issuer.suspend(b!.certificateId)).toMatchObject({ state: 'suspended' })
        expect(await codeOf(issuer.suspend(b!.certificateId))).toBe('ERR_STATE_CONFLICT')
        await issuer.close()
        const reopened = await reopen(location)
        expect((await reopened.get(a!.certificateId))?.state).toBe('revoked')
        expect((await reopened.get(b!.certificateId))?.state).toBe('suspended')
        expect(await reopened.reinstate(b!.certificateId)).toMatchObject({ state: 'active' })
      })

      it('records when and why, keeps a private reason private across reopen, and rejects an overlong reason with ERR_INPUT_INVALID', async () => {
        const { issuer, location } = await fresh({ now: () => new Date('2026-11-29T10:00:00Z') })
        const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
        expect(await issuer.revoke(a!.certificateId, { reason: 'plagiarism', publishReason: false })).toMatchObject({
          state: 'revoked',
          reason: 'plagiarism',
          publishReason: false,
          revokedAt: '2026-11-29T10:00:00.000Z',
        })
        expect(await codeOf(issuer.suspend(b!.certificateId, { reason: 'x'.repeat(501) }))).toBe('ERR_INPUT_INVALID')
        expect(await issuer.suspend(b!.certificateId, { reason: 'under review' })).toMatchObject({
          publishReason: true,
          suspendedAt: '2026-11-29T10:00:00.000Z',
        })
        await issuer.close()
        const reopened = await reopen(location)
        expect(await reopened.get(a!.certificateId)).toMatchObject({ reason: 'plagiarism', publishReason: false, revokedAt: '2026-11-29T10:00:00.000Z' })
        expect(await reopened.reinstate(b!.certificateId)).not.toHaveProperty('suspendedAt')
      })

      it('reports ERR_RECORD_NOT_FOUND for an unknown ID and ERR_CERTIFICATE_ID_INVALID for a typo', async () => {
        const { issuer } = await fresh()
        const record = await issuer.issue(courseInput(1))
        const other = (await fresh()).issuer
        expect(await codeOf(other.revoke(record.certificateId))).toBe('ERR_RECORD_NOT_FOUND')
        const typo = record.certificateId.slice(0, -1) + (record.certificateId.endsWith('A') ? 'B' : 'A')
        expect(await codeOf(issuer.revoke(typo))).toBe('ERR_CERTIFICATE_ID_INVALID')
      })
    })


    describe('keys: rotation and retirement', () => {
      it('rotates: the new key signs from then on, the old one stays in the DID document, and the store remembers both', async () => {
        const { issuer, location, root } = await fresh()
        const first = await issuer.issue(courseInput(1))
        const newKeyFile = join(root, 'key-2.private.jwk')
        const key = await issuer.rotateKey({ keyFile: newKeyFile })
        expect(key).toMatchObject({ kid: `${ISSUER.did}#key-2`, alg: 'ES256', active: true, holder: 'file' })
        expect(statSync(newKeyFile).mode & 0o777).toBe(0o600)
        const second = await issuer.issue(courseInput(2))
        expect([first.kid, second.kid]).toEqual([`${ISSUER.did}#key-1`, `${ISSUER.did}#key-2`])
        expect(decodeCredential(second.credential).header).toMatchObject({ kid: `${ISSUER.did}#key-2` })
        expect(issuer.keys.map((k) => [k.kid, k.active])).toEqual([
          [`${ISSUER.did}#key-1`, false],
          [`${ISSUER.did}#key-2`, true],
        ])
        const site = join(root, 'site')
        await issuer.revoke(first.certificateId)
        await issuer.publish(site)
        expect(didKids(site)).toEqual([`${ISSUER.did}#key-1`, `${ISSUER.did}#key-2`])
        // Status lists and notices are always signed with the current key.
        expect(decodeCredential(readFileSync(join(site, 'status', '0.jwt'), 'utf8')).header).toMatchObject({ kid: `${ISSUER.did}#key-2` })
        const notice = readFileSync(join(site, 'status', '0', `${first.statusIndex % 131_072}.jwt`), 'utf8')
        expect(JSON.parse(Buffer.from(notice.split('.')[0]!, 'base64url').toString())).toMatchObject({ kid: `${ISSUER.did}#key-2` })
        await issuer.close()
        const reopened = await reopen(location)
        expect(reopened.keys.map((k) => k.active)).toEqual([false, true])
        expect((await reopened.issue(courseInput(3))).kid).toBe(`${ISSUER.did}#key-2`)
      })

      it('retires an old key: the DID document drops it, and the report names every credential it signed', async () => {
        const { issuer, location, root } = await fresh({ now: () => new Date('2026-11-30T08:00:00Z') })
        const old = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
        await issuer.revoke(old[1]!.certificateId)
        await issuer.rotateKey({ keyFile: join(root, 'key-2.private.jwk') })
        const kept = await issuer.issue(courseInput(3))
        expect(await codeOf(issuer.retireKey(`${ISSUER.did}#key-2`))).toBe('ERR_STATE_CONFLICT')
        expect(await codeOf(issuer.retireKey(`${ISSUER.did}#key-9`))).toBe('ERR_KEY_NOT_FOUND')
        const report = await issuer.retireKey(`${ISSUER.did}#key-1`)
        expect(report).toEqual({
          kid: `${ISSUER.did}#key-1`,
          retiredAt: '2026-11-30T08:00:00.000Z',
          credentials: [
            { certificateId: old[0]!.certificateId, state: 'active' },
            { certificateId: old[1]!.certificateId, state: 'revoked' },
          ],
        })
        expect(await codeOf(issuer.retireKey(`${ISSUER.did}#key-1`))).toBe('ERR_STATE_CONFLICT')
        const site = join(root, 'site')
        await issuer.publish(site)
        expect(didKids(site)).toEqual([`${ISSUER.did}#key-2`])
        await issuer.close()
        const reopened = await reopen(location)
        expect(reopened.keys.find((k) => k.kid === `${ISSUER.did}#key-1`)).toMatchObject({ retiredAt: '2026-11-30T08:00:00.000Z', active: false })
        expect((await reopened.get(kept.certificateId))?.kid).toBe(`${ISSUER.did}#key-2`)
      })
    })

    describe('bring your own signer (a key that never leaves a KMS/HSM)', () => {
      it('creates, issues, rotates and publishes with a signer; no private key is written anywhere', async () => {
        const p = await place()
        const kms = await kmsKey()
        const { keyFile: _unused, ...storeOptions } = p.options
        const issuer = await createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: kms.signer, publicJwk: kms.publicJwk })
        cleanups.push(() => issuer.close())
        expect(existsSync(p.keyFile)).toBe(false)
        expect(issuer.keys).toMatchObject([{ kid: `${ISSUER.did}#key-1`, holder: 'signer', active: true }])
        const record = await issuer.issue(courseInput(1))
        expect(decodeCredential(record.credential).header).toMatchObject({ kid: `${ISSUER.did}#key-1`, alg: 'ES256' })
        const next = await kmsKey()
        await issuer.rotateKey({ signer: next.signer, publicJwk: next.publicJwk })
        expect((await issuer.issue(courseInput(2))).kid).toBe(`${ISSUER.did}#key-2`)
        const site = join(p.scratch, 'site')
        await issuer.publish(site)
        expect(didKids(site)).toEqual([`${ISSUER.did}#key-1`, `${ISSUER.did}#key-2`])
        await issuer.close()
        expect(await codeOf(openIssuer(p.location))).toBe('ERR_KEY_FILE_MISSING')
        expect(await openIssuer(p.location).catch((e: unknown) => e)).toMatchObject({ details: { reason: 'signer-required' } })
        expect(await codeOf(openIssuer(p.location, { signer: kms.signer }))).toBe('ERR_KEY_INVALID')
        // A factory gets the key the store needs (how the CLI's signer modules work): here, by its public key.
        const requests: unknown[] = []
        const byKey = (request: { publicJwk: JsonWebKey }) => (request.publicJwk.x === next.publicJwk.x ? next.signer : kms.signer)
        const reopened = await openIssuer(p.location, { signer: (request) => (requests.push(request), byKey(request)) })
        cleanups.push(() => reopened.close())
        expect(requests).toEqual([{ kid: `${ISSUER.did}#key-2`, alg: 'ES256', publicJwk: reopened.keys[1]!.publicJwk, purpose: 'open', location: reopened.location }])
        expect((await reopened.issue(courseInput(3))).kid).toBe(`${ISSUER.did}#key-2`)
      })

      it('accepts a signer that returns DER-encoded ECDSA signatures, as KMS APIs do', async () => {
        const p = await place()
        const { keyFile: _unused, ...storeOptions } = p.options
        const kms = await kmsKey()
        const der: Signer = { alg: 'ES256', kid: 'kms', sign: async (data) => toDer(await kms.signer.sign(data)) }
        const issuer = await createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: der, publicJwk: kms.publicJwk })
        cleanups.push(() => issuer.close())
        const record = await issuer.issue(courseInput(1))
        expect(Buffer.from(record.credential.split('.')[2]!, 'base64url')).toHaveLength(64)
      })

      it('refuses a signer of another key or another algorithm (ERR_KEY_INVALID), and reports a signer that fails (ERR_SIGNER_FAILED)', async () => {
        const p = await place()
        const { keyFile: _unused, ...storeOptions } = p.options
        const kms = await kmsKey()
        const other = await kmsKey()
        const ed = await kmsKey('EdDSA')
        expect(await codeOf(createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: other.signer, publicJwk: kms.publicJwk }))).toBe('ERR_KEY_INVALID')
        expect(await codeOf(createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: ed.signer, publicJwk: kms.publicJwk }))).toBe('ERR_KEY_INVALID')
        const der: Signer = { alg: 'ES256', kid: 'x', sign: async () => new Uint8Array(71) }
        expect(await createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: der, publicJwk: kms.publicJwk }).catch((e: unknown) => e)).toMatchObject({
          code: 'ERR_KEY_INVALID',
          details: { reason: 'signature-encoding' },
        })
        let up = true
        const flaky: Signer = { alg: 'ES256', kid: 'x', sign: (data) => (up ? kms.signer.sign(data) : Promise.reject(new Error('KMS unreachable'))) }
        const issuer = await createIssuer(p.location, { ...ISSUER, ...storeOptions, signer: flaky, publicJwk: kms.publicJwk })
        cleanups.push(() => issuer.close())
        up = false
        expect(await codeOf(issuer.issue(courseInput(1)))).toBe('ERR_SIGNER_FAILED')
        expect(await codeOf(issuer.issueBatch([courseInput(2), courseInput(3)]))).toBe('ERR_SIGNER_FAILED')
        up = true
        expect((await issuer.issueBatch([courseInput(2), courseInput(3)])).counts).toEqual({ issued: 2, skipped: 0, failed: 0 })
        expect(await count(issuer)).toBe(2)
      })
    })

    describe('list with filters', () => {
      it('streams records by state, course and key', async () => {
        const { issuer, root } = await fresh()
        const other = 'https://uni.example/microcerts/achievements/plastics'
        const rows = [courseInput(1), courseInput(2, { id: other }), courseInput(3), courseInput(4, { id: other })]
        const issued = (await issuer.issueBatch(rows)).issued
        await issuer.revoke(issued[0]!.certificateId)
        await issuer.suspend(issued[1]!.certificateId)
        await issuer.rotateKey({ keyFile: join(root, 'key-2.jwk') })
        const late = await issuer.issue(courseInput(5, { id: other }))
        const ids = async (filter: Parameters<Issuer['list']>[0]) => {
          const out: string[] = []
          for await (const r of issuer.list(filter)) out.push(r.certificateId)
          // PostgreSQL stores the rows of one batch in row-key order (overlapping batches never deadlock).
          return out.sort()
        }
        const [a, b, c, d] = issued.map((r) => r.certificateId)
        expect(await ids({ state: 'revoked' })).toEqual([a])
        expect(await ids({ state: 'suspended' })).toEqual([b])
        expect(await ids({ state: 'active' })).toEqual([c, d, late.certificateId].sort())
        expect(await ids({ course: other })).toEqual([b, d, late.certificateId].sort())
        expect(await ids({ course: other, state: 'active' })).toEqual([d, late.certificateId].sort())
        expect(await ids({ kid: `${ISSUER.did}#key-2` })).toEqual([late.certificateId])
        expect(await ids({ course: 'https://nowhere.example/x' })).toEqual([])
        expect(issued[1]!.achievementId).toBe(other)
        expect(() => issuer.list({ state: 'lost' as never })).toThrow(TypeError)
      })
    })

    describe('Data Integrity issuers (eddsa-rdfc-2022)', () => {
      it('issues JSON credentials with an embedded proof that pass the OB 3.0 schema, JSON-LD safe mode and verification, and publishes them as .json', async () => {
        const { issuer, root } = await fresh({ proof: 'eddsa-rdfc-2022' })
        expect(issuer.proof).toBe('eddsa-rdfc-2022')
        expect(issuer.keys[0]!.alg).toBe('EdDSA')
        const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
        expect(a!.format).toBe('vc+ld+json')
        const credential = JSON.parse(a!.credential) as Record<string, unknown>
        expect(credential['proof']).toMatchObject([{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: `${ISSUER.did}#key-1` }])
        expect(validateOpenBadges(credential), JSON.stringify(validateOpenBadges.errors)).toBe(true)
        const expanded = JSON.stringify(await jsonld.expand(credential, { safe: true, documentLoader: createDocumentLoader() }))
        for (const term of ['learningOutcome', 'ectsCredits', 'typeOfAssessment', 'qualityAssurance', 'proofValue', 'statusListCredential']) {
          expect(expanded, term).toMatch(new RegExp(`[#/]${term}"`))
        }
        await issuer.revoke(b!.certificateId)
        const site = join(root, 'site')
        const report = await issuer.publish(site)
        expect(report.credentials).toBe(2)
        // the credential as .json (no .jwt), its PDF and its share page folder
        const files = [a!, b!].flatMap((r) => [r.certificateId, `${r.certificateId}.json`, `${r.certificateId}.pdf`])
        expect(readdirSync(join(site, 'credentials')).sort()).toEqual(files.sort())
        expect(report.warnings.filter((w) => /not signed credentials|could not be rendered/.test(w))).toEqual([])
        expect(readFileSync(join(site, 'credentials', `${a!.certificateId}.json`), 'utf8')).toBe(a!.credential)
        const resolver = resolverServing([JSON.parse(readFileSync(join(site, 'did.json'), 'utf8')) as DidDocument])
        const result = await verifyDataIntegrity(credential, { resolver })
        expect([result.signature.outcome, result.issuer.outcome]).toEqual(['passed', 'passed'])
        // The same revocation list as a VC-JWT issuer: b's bit is set, a's is not.
        const list = decodeCredential(readFileSync(join(site, 'status', '0.jwt'), 'utf8')).credential as { credentialSubject: { encodedList: string } }
        const bits = await decodeStatusList(list.credentialSubject.encodedList)
        expect([getStatusBit(bits, a!.statusIndex), getStatusBit(bits, b!.statusIndex)]).toEqual([false, true])
      })

      it('needs an Ed25519 key: ES256 is refused with ERR_KEY_INVALID, at create and at rotation to a signer', async () => {
        const p = await place()
        expect(await createIssuer(p.location, { ...ISSUER, ...p.options, proof: 'eddsa-rdfc-2022', alg: 'ES256' }).catch((e: unknown) => e)).toMatchObject({
          code: 'ERR_KEY_INVALID',
          details: { reason: 'proof-needs-ed25519' },
        })
        const { issuer } = await fresh({ proof: 'eddsa-rdfc-2022' })
        const p256 = await kmsKey('ES256')
        expect(await codeOf(issuer.rotateKey({ signer: p256.signer, publicJwk: p256.publicJwk }))).toBe('ERR_KEY_INVALID')
      })
    })

    describe('input', () => {
      it('rejects an issuer field like every other unknown field (ERR_INPUT_INVALID), in issue and issueBatch', async () => {
        const { issuer } = await fresh()
        const input = { ...courseInput(1), issuer: { id: 'did:web:evil.example', name: 'Evil', country: 'CZ' } }
        const error = await issuer.issue(input as never).catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'ERR_INPUT_INVALID' })
        expect((error as { details: { issues: string[] } }).details.issues[0]).toMatch(/^issuer: unknown field/)
        const report = await issuer.issueBatch([courseInput(2), input as never])
        expect(report.counts).toEqual({ issued: 1, skipped: 0, failed: 1 })
        expect(report.failed[0]).toMatchObject({ row: 2, code: 'ERR_INPUT_INVALID' })
      })
    })

    describeIssuanceStateStoreContract(`${kind.name} store (issuer.issuanceState)`, async (now) => {
      const { issuer } = await fresh({ now })
      return issuer.issuanceState
    })

    // Each publish renders PDFs and writes share pages and 72 registry pages: seconds on a loaded machine.
    describe('publish', { timeout: 60_000 }, () => {
      it('writes the registry site: DID document, credentials, status lists, schema, headers, pages', async () => {
        const { issuer, root } = await fresh({ name: 'Uni <script>alert(1)</script>' })
        const widget = join(root, 'widget.js')
        writeFileSync(widget, 'export {}\n')
        const { issued } = await issuer.issueBatch([courseInput(1), courseInput(2)])
        const out = join(root, 'site')
        const report = await issuer.publish(out, { widgetScript: widget, siteTitle: 'Registry "A" & <B>' })
        expect(report).toMatchObject({ credentials: 2, written: 2, statusLists: 2, didDocumentPath: 'did.json' })
        // a registry under a path is told where robots.txt and the JWT VC Issuer Metadata must go, and nothing else
        expect(report.warnings.filter((warning) => !/root of the host/.test(warning))).toEqual([])
        const did = JSON.parse(readFileSync(join(out, 'did.json'), 'utf8')) as { id: string; verificationMethod: { publicKeyJwk: Record<string, string> }[] }
        expect(did.id).toBe(ISSUER.did)
        expect(did.verificationMethod[0]!.publicKeyJwk['d']).toBeUndefined()
        for (const r of issued) expect(readFileSync(join(out, 'credentials', `${r.certificateId}.jwt`), 'utf8')).toBe(r.jwt)
        expect(existsSync(join(out, 'status', '0.jwt'))).toBe(true)
        expect(existsSync(join(out, 'status', '0-suspension.jwt'))).toBe(true)
        expect(JSON.parse(readFileSync(join(out, 'microcert-eu-extension.schema.json'), 'utf8'))).toHaveProperty('$schema')
        const headers = readFileSync(join(out, '_headers'), 'utf8')
        expect(headers).toContain('Access-Control-Allow-Origin: *')
        expect(headers).toContain('/credentials/*')
        const verifyPage = readFileSync(join(out, 'verify', 'index.html'), 'utf8')
        expect(verifyPage).toContain('src="../microcert-verify.js"')
        expect(verifyPage).toContain(`registry="${ISSUER.url}"`)
        expect(verifyPage).toContain("get('id')")
        expect(verifyPage).not.toContain('allow-insecure-localhost')
        const index = readFileSync(join(out, 'index.html'), 'utf8')
        expect(index).toContain('src="./microcert-verify.js"')
        expect(index).not.toContain('<script>alert(1)')
        expect(index).toContain('Uni &#60;script&#62;alert(1)&#60;/script&#62;')
        expect(index).toContain('Registry &#34;A&#34; &#38; &#60;B&#62;')
        expect(readFileSync(join(out, 'employer', 'index.html'), 'utf8')).toContain('<microcert-verify id="checker" input')
        expect(readFileSync(join(out, 'microcert-verify.js'), 'utf8')).toBe('export {}\n')
      })

      it("copies every chunk folder of the widget beside the script, keeps them on a publish without widgetScript, and trusts its own DID", async () => {
        const { issuer, root } = await fresh()
        mkdirSync(join(root, 'widget', 'microcert-verify-i18n'), { recursive: true })
        mkdirSync(join(root, 'widget', 'microcert-verify-chunks'), { recursive: true })
        mkdirSync(join(root, 'widget', 'other-folder'), { recursive: true })
        writeFileSync(join(root, 'widget', 'microcert-verify.js'), 'export {}\n')
        writeFileSync(join(root, 'widget', 'microcert-verify-all.js'), 'export {}\n')
        writeFileSync(join(root, 'widget', 'microcert-verify-i18n', 'cs.js'), 'export default {}\n')
        writeFileSync(join(root, 'widget', 'microcert-verify-i18n', 'notes.txt'), 'not a chunk')
        writeFileSync(join(root, 'widget', 'microcert-verify-chunks', 'engine-AB12CD34.js'), 'export const engine = 1\n')
        writeFileSync(join(root, 'widget', 'other-folder', 'x.js'), 'export {}\n')
        const out = join(root, 'site')
        await issuer.publish(out, { widgetScript: join(root, 'widget', 'microcert-verify.js') })
        expect(readdirSync(join(out, 'microcert-verify-i18n'))).toEqual(['cs.js'])
        expect(readdirSync(join(out, 'microcert-verify-chunks'))).toEqual(['engine-AB12CD34.js'])
        expect(existsSync(join(out, 'other-folder'))).toBe(false)
        expect(existsSync(join(out, 'microcert-verify-all.js'))).toBe(false)
        expect((await issuer.publish(out)).warnings.filter((warning) => !/root of the host/.test(warning))).toEqual([])
        expect(readFileSync(join(out, 'microcert-verify-i18n', 'cs.js'), 'utf8')).toBe('export default {}\n')
        expect(readFileSync(join(out, 'microcert-verify-chunks', 'engine-AB12CD34.js'), 'utf8')).toBe('export const engine = 1\n')
        for (const page of ['index.html', 'verify/index.html', 'employer/index.html', 'verify/de/index.html']) {
          expect(readFileSync(join(out, page), 'utf8')).toContain(`trusted-issuers="${ISSUER.did}"`)
        }
      })

      it('unpublish withdraws a credential from the public site for good, keeps its status, and refuses twice (ERR_STATE_CONFLICT)', async () => {
        const { issuer, location, root } = await fresh()
        const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
        const out = join(root, 'site')
        await issuer.publish(out)
        await issuer.revoke(a!.certificateId, { reason: 'withdrawn' })
        expect(await issuer.unpublish(a!.certificateId.toLowerCase())).toMatchObject({ certificateId: a!.certificateId, unpublished: true, state: 'revoked' })
        expect(await codeOf(issuer.unpublish(a!.certificateId))).toBe('ERR_STATE_CONFLICT')
        expect(await codeOf(issuer.unpublish(b!.certificateId.slice(0, -1) + (b!.certificateId.endsWith('A') ? 'B' : 'A')))).toBe('ERR_CERTIFICATE_ID_INVALID')
        await issuer.close()
        const reopened = await reopen(location)
        expect(await reopened.get(a!.certificateId)).toMatchObject({ unpublished: true, jwt: a!.jwt })
        const report = await reopened.publish(out)
        expect(report).toMatchObject({ credentials: 1, notices: 1 })
        expect(readdirSync(join(out, 'credentials')).filter((name) => !name.startsWith(b!.certificateId))).toEqual([])
        expect(existsSync(join(out, 'credentials', `${a!.certificateId}.pdf`))).toBe(false)
        expect(existsSync(join(out, 'status', '0', `${a!.statusIndex % 131_072}.jwt`))).toBe(true)
      })

      it('publishes incrementally and replaces the whole site in one swap', async () => {
        const { issuer, root } = await fresh()
        const out = join(root, 'site')
        await issuer.issueBatch([courseInput(1), courseInput(2)])
        await issuer.publish(out, { pages: { 'extra/about.html': '<p>about</p>' } })
        await issuer.issue(courseInput(3))
        const report = await issuer.publish(out)
        expect(report).toMatchObject({ credentials: 3, written: 1 })
        expect(readdirSync(join(out, 'credentials')).filter((name) => name.endsWith('.jwt'))).toHaveLength(3)
        expect(existsSync(join(out, 'extra', 'about.html'))).toBe(false)
        expect(readdirSync(root).filter((n) => n.startsWith('.site.'))).toEqual([])
      })

      it('puts the DID document of a bare-domain did:web at .well-known/did.json', async () => {
        const { issuer, root } = await fresh({ did: 'did:web:uni.example', url: 'https://uni.example' })
        const report = await issuer.publish(join(root, 'site'))
        expect(report.didDocumentPath).toBe('.well-known/did.json')
        expect(existsSync(join(root, 'site', '.well-known', 'did.json'))).toBe(true)
        expect(existsSync(join(root, 'site', '.nojekyll'))).toBe(true)
      })

      it('warns when the did:web resolves outside the registry URL', async () => {
        const { issuer, root } = await fresh({ did: 'did:web:uni.example', url: 'https://uni.example/microcerts' })
        const report = await issuer.publish(join(root, 'site'))
        expect(report.warnings.join('\n')).toMatch(/outside the registry/)
      })

      it('reports ERR_WRITE_FAILED for an output directory that cannot be written', async () => {
        const { issuer, root } = await fresh()
        writeFileSync(join(root, 'a-file'), 'x')
        expect(await codeOf(issuer.publish(join(root, 'a-file', 'site')))).toBe('ERR_WRITE_FAILED')
        mkdirSync(join(root, 'ro'))
        chmodSync(join(root, 'ro'), 0o555)
        if (process.getuid?.() !== 0) expect(await codeOf(issuer.publish(join(root, 'ro', 'site')))).toBe('ERR_WRITE_FAILED')
        chmodSync(join(root, 'ro'), 0o755)
      })

      it('refuses to replace a directory it did not publish', async () => {
        const { issuer, root } = await fresh()
        mkdirSync(join(root, 'home'))
        writeFileSync(join(root, 'home', 'thesis.tex'), 'precious')
        const error = await issuer.publish(join(root, 'home')).catch((e: unknown) => e)
        expect(error).toMatchObject({ code: 'ERR_WRITE_FAILED', details: { reason: 'not-a-microcert-site' } })
        expect(readFileSync(join(root, 'home', 'thesis.tex'), 'utf8')).toBe('precious')
      })
    })
  })
}
