import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { decodeStatusList } from '../../src/status/decode-status-list.js'
import { copyStore, createIssuer, openIssuer, type IssuedRecord, type Issuer } from '../../src/node/index.js'
import { codeOf, courseInput, ISSUER, tempDir } from './helpers.js'
import { fileDatabase, sql } from './pg/database.js'

const { dir: root, cleanup } = tempDir('microcert-copy-')
const database = fileDatabase()
let url: string
beforeEach(async () => {
  url = await database.url()
}, 120_000)
afterAll(async () => {
  await database.drop()
  cleanup()
}, 60_000)

async function records(issuer: Issuer): Promise<IssuedRecord[]> {
  const all: IssuedRecord[] = []
  for await (const record of issuer.list()) all.push(record)
  return all
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
}

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>

/** A site as a comparable value: credential files byte for byte, signed status files by content (not signing time). */
async function siteContent(dir: string): Promise<Record<string, unknown>> {
  const content: Record<string, unknown> = {}
  for (const name of files(dir)) {
    const text = readFileSync(join(dir, name), 'utf8')
    if (name === '.microcert-site.json') content[name] = { ...JSON.parse(text), publishedAt: 'the publish time' }
    else if (/^status\/\d+(-suspension)?\.jwt$/.test(name)) {
      const { credentialSubject } = payload(text) as { credentialSubject: { encodedList: string; statusPurpose: string } }
      const bits = await decodeStatusList(credentialSubject.encodedList)
      const set: number[] = []
      bits.forEach((byte, i) => {
        for (let b = 0; b < 8; b++) if ((byte >> (7 - b)) & 1) set.push(i * 8 + b)
      })
      content[name] = { purpose: credentialSubject.statusPurpose, set }
    } else if (name.endsWith('.tsl.jwt')) {
      // the Token Status List: the statuses, not the time it was signed
      const list = getListFromStatusListJWT(text)
      content[name] = list.statusList.flatMap((status, index) => (status === 0 ? [] : [[index, status]]))
    } else if (name.startsWith('status/')) {
      const { iat: _iat, ...rest } = payload(text)
      content[name] = rest
    } else content[name] = text
  }
  return content
}

describe('copyStore', () => {
  it('copies a directory store into PostgreSQL and back losslessly: the same records and the same published site', async () => {
    const from = join(root, 'from')
    const source = await createIssuer(from, { ...ISSUER, now: () => new Date('2026-11-29T10:00:00Z') })
    const { issued } = await source.issueBatch(Array.from({ length: 1200 }, (_, i) => ({ rowKey: `r-${i}`, input: courseInput(i) })))
    const [a, b, c, d, e] = issued
    await source.revoke(a!.certificateId, { reason: 'issued in error' })
    await source.suspend(b!.certificateId, { reason: 'under review', publishReason: false })
    await source.suspend(c!.certificateId)
    await source.revoke(c!.certificateId, { reason: 'plagiarism', publishReason: false })
    await source.suspend(d!.certificateId, { reason: 'checking' })
    await source.reinstate(d!.certificateId)
    await source.unpublish(e!.certificateId)
    await source.revoke(e!.certificateId)
    const before = await records(source)
    // 1,200 PDFs three times over would only slow this down: the PDFs of a copied store are compared in cli-store.test.ts
    await source.publish(join(root, 'site-from'), { pdf: false })
    await source.close()

    const keyFile = join(root, 'pg.private.jwk')
    const there = await copyStore(from, url, { keyFile })
    expect(there).toMatchObject({ did: ISSUER.did, records: 1200 })
    expect(there.to).toContain('issuer=')
    const back = await copyStore(url, join(root, 'back'))
    expect(back.sha256).toBe(there.sha256)

    for (const location of [url, join(root, 'back')]) {
      const copy = await openIssuer(location)
      try {
        expect(await records(copy)).toEqual(before)
        await copy.publish(join(root, `site-${location === url ? 'pg' : 'back'}`), { pdf: false })
      } finally {
        await copy.close()
      }
    }
    const expected = await siteContent(join(root, 'site-from'))
    expect(Object.keys(expected)).toContain(`credentials/${b!.certificateId}.jwt`)
    expect(Object.keys(expected)).not.toContain(`credentials/${e!.certificateId}.jwt`)
    expect(await siteContent(join(root, 'site-pg'))).toEqual(expected)
    expect(await siteContent(join(root, 'site-back'))).toEqual(expected)
    // The journal and the event log carry the copied states, so the copies keep working like the original.
    const copy = await openIssuer(url)
    try {
      expect(await codeOf(copy.reinstate(c!.certificateId))).toBe('ERR_STATE_CONFLICT')
      expect(await copy.reinstate(b!.certificateId)).toMatchObject({ state: 'active' })
      expect((await copy.issue(courseInput(5000))).state).toBe('active')
      expect(await copy.issue(courseInput(7), { rowKey: 'r-7' })).toEqual(before[7])
    } finally {
      await copy.close()
    }
  }, 120_000)

  it('copies every key of a rotated store (only the active private key is written), and a key held by a signer as such', async () => {
    const from = join(root, 'rotated')
    const source = await createIssuer(from, { ...ISSUER, did: 'did:web:rotated.example', url: 'https://rotated.example' })
    await source.issue(courseInput(1))
    await source.rotateKey()
    await source.issue(courseInput(2))
    await source.rotateKey()
    await source.retireKey('did:web:rotated.example#key-1')
    const keys = source.keys
    await source.close()
    await copyStore(from, url, { keyFile: join(root, 'rotated-pg.jwk') })
    const copy = await openIssuer(`${url}&issuer=did:web:rotated.example`)
    try {
      expect(copy.keys.map(({ kid, active, retiredAt, publicJwk }) => ({ kid, active, retiredAt, publicJwk }))).toEqual(
        keys.map(({ kid, active, retiredAt, publicJwk }) => ({ kid, active, retiredAt, publicJwk })),
      )
      expect(copy.keys.map((k) => k.holder)).toEqual(['file', 'file', 'file'])
      expect(existsSync(join(root, 'rotated-pg.jwk'))).toBe(true)
      expect((await copy.issue(courseInput(3))).kid).toBe('did:web:rotated.example#key-3')
    } finally {
      await copy.close()
    }

    const { generateKeyPair } = await import('../../src/generate-key-pair.js')
    const { createSigner } = await import('../../src/create-signer.js')
    const { privateJwk, publicJwk } = await generateKeyPair('ES256')
    const signer = await createSigner(privateJwk, { kid: 'kms' })
    const held = join(root, 'held')
    const kms = await createIssuer(held, { ...ISSUER, did: 'did:web:held.example', url: 'https://held.example', signer, publicJwk })
    await kms.issue(courseInput(1))
    await kms.close()
    await expect(copyStore(held, join(root, 'held-copy'), { keyFile: join(root, 'held.jwk') })).rejects.toThrow(TypeError)
    await copyStore(held, join(root, 'held-copy'))
    expect(existsSync(join(root, 'held-copy', 'keys', 'key-1.private.jwk'))).toBe(false)
    const reopened = await openIssuer(join(root, 'held-copy'), { signer })
    expect(reopened.keys).toMatchObject([{ holder: 'signer', active: true }])
    await reopened.close()
  }, 60_000)

  it('refuses a destination that holds the issuer already (ERR_STORE_EXISTS) and a PostgreSQL one without a key file (TypeError), changing nothing', async () => {
    const from = join(root, 'small')
    const source = await createIssuer(from, { ...ISSUER, did: 'did:web:small.example', url: 'https://small.example' })
    await source.issue(courseInput(1))
    await source.close()
    await copyStore(from, url, { keyFile: join(root, 'small.private.jwk') })
    expect(await codeOf(copyStore(from, `${url}&issuer=did:web:small.example`, { keyFile: join(root, 'small-2.private.jwk') }))).toBe('ERR_STORE_EXISTS')
    expect(existsSync(join(root, 'small-2.private.jwk'))).toBe(false)
    await expect(copyStore(from, url)).rejects.toThrow(TypeError)
    expect(await codeOf(copyStore(from, from))).toBe('ERR_STORE_EXISTS')
    const copy = await openIssuer(`${url}&issuer=did:web:small.example`)
    expect(await records(copy)).toHaveLength(1)
    await copy.close()
  }, 60_000)

  it('removes a copy that failed half-way: no issuer, no records, no key file left at the destination', async () => {
    const from = join(root, 'half')
    const source = await createIssuer(from, { ...ISSUER, did: 'did:web:half.example', url: 'https://half.example' })
    await source.issueBatch(Array.from({ length: 1500 }, (_, i) => courseInput(i)))
    await source.close()
    // The second chunk of the copy fails inside the database.
    await sql(url, 'CREATE SEQUENCE copy_fault')
    await sql(
      url,
      `CREATE FUNCTION copy_fault() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF nextval('copy_fault') = 2 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF; RETURN NULL; END $$`,
    )
    await sql(url, 'CREATE TRIGGER copy_fault AFTER INSERT ON microcert.credentials FOR EACH STATEMENT EXECUTE FUNCTION copy_fault()')
    try {
      const keyFile = join(root, 'half.private.jwk')
      expect(await copyStore(from, url, { keyFile }).catch((e: unknown) => e)).toMatchObject({ code: 'ERR_WRITE_FAILED' })
      expect(existsSync(keyFile)).toBe(false)
      expect(await sql(url, "SELECT id FROM microcert.issuers WHERE did = 'did:web:half.example'")).toEqual([])
      // The source is untouched and can be copied again.
      const again = await copyStore(from, join(root, 'half-copy'))
      expect(again.records).toBe(1500)
      expect(relative(root, again.to)).toBe('half-copy')
    } finally {
      await sql(url, 'DROP TRIGGER copy_fault ON microcert.credentials')
    }
  }, 60_000)
})
