// Issue 9: publish writes status lists that go stale (case 5) and only what the store holds (case 10).
import { existsSync, linkSync, lstatSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeCredential } from '../../src/decode-credential.js'
import { createIssuer, type Issuer } from '../../src/node/index.js'
import { courseInput, ISSUER, tempDir } from './helpers.js'

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function fresh(): Promise<{ issuer: Issuer; dir: string; root: string }> {
  const { dir: root, cleanup } = tempDir('microcert-publish-safety-')
  cleanups.push(cleanup)
  const dir = join(root, 'store')
  const issuer = await createIssuer(dir, ISSUER)
  cleanups.push(() => issuer.close())
  return { issuer, dir, root }
}

const PRIVATE_KEY = join('keys', 'key-1.private.jwk')

/** Every file of a directory tree, relative, with whether it is a symlink. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`
    if (entry.isSymbolicLink()) return [`${path} -> symlink`]
    return entry.isDirectory() ? tree(dir, path) : [path]
  })
}

describe('case 5: published status lists carry validUntil and ttl', () => {
  it('signs each list with validUntil (default 30 days after the publish) and keeps ttl', async () => {
    const { issuer, root } = await fresh()
    await issuer.issue(courseInput(1))
    const before = Date.now()
    await issuer.publish(join(root, 'site'))
    for (const name of ['0.jwt', '0-suspension.jwt']) {
      const { payload } = decodeCredential(readFileSync(join(root, 'site', 'status', name), 'utf8'))
      const validFrom = Date.parse(payload['validFrom'] as string)
      const validUntil = Date.parse(payload['validUntil'] as string)
      expect(validFrom).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(validUntil - validFrom).toBe(30 * 24 * 3600 * 1000)
      expect(payload['exp']).toBe(validUntil / 1000)
      expect(payload['id']).toBe(`${ISSUER.url}/status/${name}`)
      expect((payload['credentialSubject'] as { ttl: number }).ttl).toBe(300_000)
    }
  })

  it('takes the validity from statusListValidity', async () => {
    const { issuer, root } = await fresh()
    await issuer.publish(join(root, 'site'), { statusListValidity: 7 * 24 * 3600 * 1000 })
    const { payload } = decodeCredential(readFileSync(join(root, 'site', 'status', '0.jwt'), 'utf8'))
    expect(Date.parse(payload['validUntil'] as string) - Date.parse(payload['validFrom'] as string)).toBe(7 * 24 * 3600 * 1000)
    await expect(issuer.publish(join(root, 'site'), { statusListValidity: 0 })).rejects.toThrow(TypeError)
  })
})

describe('case 10: publish writes only what the store holds', () => {
  it('never publishes a symlink to the private key planted in the earlier site', async () => {
    const { issuer, dir, root } = await fresh()
    const [a] = (await issuer.issueBatch([courseInput(1)])).issued
    const out = join(root, 'site')
    await issuer.publish(out)
    const planted = join(out, 'credentials', `${a!.certificateId}.jwt`)
    unlinkSync(planted)
    symlinkSync(join(dir, PRIVATE_KEY), planted)
    symlinkSync(join(dir, PRIVATE_KEY), join(out, 'key.jwk'))
    const report = await issuer.publish(out)
    expect(lstatSync(planted).isSymbolicLink()).toBe(false)
    expect(readFileSync(planted, 'utf8')).toBe(a!.jwt)
    expect(report.warnings.join('\n')).toMatch(/not the store's copy/)
    expect(tree(out).filter((path) => path.endsWith('symlink'))).toEqual([])
    expect(existsSync(join(out, 'key.jwk'))).toBe(false)
    const secret = JSON.parse(readFileSync(join(dir, PRIVATE_KEY), 'utf8')) as { d: string }
    for (const path of tree(out)) expect(readFileSync(join(out, path), 'utf8'), path).not.toContain(secret.d)
  })

  it('writes again from the store a credential file that was changed, or hard-linked to another file', async () => {
    const { issuer, dir, root } = await fresh()
    const [a, b] = (await issuer.issueBatch([courseInput(1), courseInput(2)])).issued
    const out = join(root, 'site')
    await issuer.publish(out)
    writeFileSync(join(out, 'credentials', `${a!.certificateId}.jwt`), 'eyJhbGciOiJub25lIn0.e30.')
    unlinkSync(join(out, 'credentials', `${b!.certificateId}.jwt`))
    linkSync(join(dir, PRIVATE_KEY), join(out, 'credentials', `${b!.certificateId}.jwt`))
    const report = await issuer.publish(out)
    expect(report).toMatchObject({ credentials: 2, written: 2 })
    expect(readFileSync(join(out, 'credentials', `${a!.certificateId}.jwt`), 'utf8')).toBe(a!.jwt)
    expect(readFileSync(join(out, 'credentials', `${b!.certificateId}.jwt`), 'utf8')).toBe(b!.jwt)
    expect(lstatSync(join(out, 'credentials', `${b!.certificateId}.jwt`)).nlink).toBe(1)
  })

  it('carries over unchanged regular files and removes anything else the earlier site held', async () => {
    const { issuer, root } = await fresh()
    await issuer.issueBatch([courseInput(1), courseInput(2)])
    const out = join(root, 'site')
    await issuer.publish(out)
    writeFileSync(join(out, 'notes.txt'), 'left behind')
    writeFileSync(join(out, 'credentials', 'MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt'), 'not issued by this store')
    const report = await issuer.publish(out)
    expect(report).toMatchObject({ credentials: 2, written: 0, pdfs: 2, pdfsWritten: 0 })
    expect(existsSync(join(out, 'notes.txt'))).toBe(false)
    expect(readdirSync(join(out, 'credentials')).filter((name) => name.endsWith('.jwt'))).toHaveLength(2)
  })

  it('keeps the widget files of the earlier site only when they are plain files, and says so otherwise', async () => {
    const { issuer, dir, root } = await fresh()
    const out = join(root, 'site')
    const widget = join(root, 'widget.js')
    writeFileSync(widget, 'export {}\n')
    await issuer.publish(out, { widgetScript: widget })
    // (a registry under a path is told where its robots.txt and JWT VC Issuer Metadata must go: not about the widget)
    expect((await issuer.publish(out)).warnings.filter((warning) => !/root of the host/.test(warning))).toEqual([])
    expect(readFileSync(join(out, 'microcert-verify.js'), 'utf8')).toBe('export {}\n')
    unlinkSync(join(out, 'microcert-verify.js'))
    symlinkSync(join(dir, PRIVATE_KEY), join(out, 'microcert-verify.js'))
    const report = await issuer.publish(out)
    expect(existsSync(join(out, 'microcert-verify.js'))).toBe(false)
    expect(report.warnings.join('\n')).toMatch(/microcert-verify\.js" is not a plain file/)
    linkSync(join(dir, PRIVATE_KEY), join(out, 'microcert-verify.js'))
    await issuer.publish(out)
    expect(existsSync(join(out, 'microcert-verify.js'))).toBe(false)
  })
})
