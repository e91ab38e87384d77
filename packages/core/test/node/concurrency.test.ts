import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createIssuer, openIssuer } from '../../src/node/index.js'
import { courseInput, ISSUER, runChild, tempDir } from './helpers.js'

const { dir: root, cleanup } = tempDir('microcert-concurrency-')
afterAll(cleanup)

function revokeInChild(dir: string, id: string, lockTimeout: number): Promise<{ ok: boolean; code?: string }> {
  const child = runChild('revoke-child.ts', [dir, id, String(lockTimeout)])
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve) => child.on('exit', () => resolve(JSON.parse(out || '{"ok":false,"code":"no output"}') as { ok: boolean; code?: string })))
}

describe('two processes revoking at once', () => {
  it('either both revocations land or one gets ERR_STORE_LOCKED; none is lost silently', async () => {
    const dir = join(root, 'store')
    const issuer = await createIssuer(dir, ISSUER)
    const [a, b, c, d] = (await issuer.issueBatch([1, 2, 3, 4].map((i) => courseInput(i)))).issued
    await issuer.close()

    const immediate = await Promise.all([revokeInChild(dir, a!.certificateId, 0), revokeInChild(dir, b!.certificateId, 0)])
    for (const result of immediate) expect(result.ok || result.code === 'ERR_STORE_LOCKED').toBe(true)
    expect(immediate.some((r) => r.ok)).toBe(true)

    const patient = await Promise.all([revokeInChild(dir, c!.certificateId, 20_000), revokeInChild(dir, d!.certificateId, 20_000)])
    expect(patient).toEqual([{ ok: true }, { ok: true }])

    const reopened = await openIssuer(dir)
    const state = async (id: string) => (await reopened.get(id))?.state
    expect(await state(a!.certificateId)).toBe(immediate[0]!.ok ? 'revoked' : 'active')
    expect(await state(b!.certificateId)).toBe(immediate[1]!.ok ? 'revoked' : 'active')
    expect(await state(c!.certificateId)).toBe('revoked')
    expect(await state(d!.certificateId)).toBe('revoked')
    await reopened.close()
  }, 60_000)
})
