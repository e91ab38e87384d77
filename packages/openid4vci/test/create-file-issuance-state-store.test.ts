import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeIssuanceStateStoreContract } from '../../core/test/issuance-state-store-contract.js'
import { createFileIssuanceStateStore } from '../src/create-file-issuance-state-store.js'

const dirs: string[] = []
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'microcert-state-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describeIssuanceStateStoreContract('createFileIssuanceStateStore', async (now) => createFileIssuanceStateStore(await freshDir(), { now }))

describe('createFileIssuanceStateStore', () => {
  const t0 = new Date('2026-07-01T12:00:00Z')

  it('shares state between two stores opened on the same directory (two server processes)', async () => {
    const dir = await freshDir()
    const a = await createFileIssuanceStateStore(dir, { now: () => t0 })
    const b = await createFileIssuanceStateStore(dir, { now: () => t0 })
    await a.create('offer:shared', { subject: 'MC-1' }, new Date(t0.getTime() + 60_000))
    const results = await Promise.all([a.consume('offer:shared', t0), b.consume('offer:shared', t0), b.consume('offer:shared', t0)])
    expect(results.map((r) => r.state).sort()).toEqual(['live', 'used', 'used'])
  })

  it('hands an entry to exactly one of several processes consuming it at once', async () => {
    const dir = await freshDir()
    const store = await createFileIssuanceStateStore(dir, { now: () => t0 })
    await store.create('token:race', { subject: 'MC-5' }, new Date(t0.getTime() + 60_000))
    const consumeInChild = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join('test', 'fixtures', 'consume-child.ts'), dir, 'token:race', t0.toISOString()], {
          cwd: new URL('..', import.meta.url).pathname,
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
        child.on('exit', () => resolve((JSON.parse(out || '{"state":"no output"}') as { state: string }).state))
      })
    const states = await Promise.all([consumeInChild(), consumeInChild(), consumeInChild(), consumeInChild()])
    expect(states.sort()).toEqual(['live', 'used', 'used', 'used'])
  })

  it('keeps its files private to the owner and names them by a hash, not the key', async () => {
    const dir = await freshDir()
    const store = await createFileIssuanceStateStore(dir, { now: () => t0 })
    await store.create('token:secret-value', {}, new Date(t0.getTime() + 60_000))
    const [name] = await readdir(dir)
    expect(name).toMatch(/^[0-9a-f]{64}\.live$/)
    expect((await stat(join(dir, name!))).mode & 0o077).toBe(0)
    expect((await stat(dir)).mode & 0o077).toBe(0)
  })

  it('reports ERR_STORE_CORRUPT for an entry file that is not JSON', async () => {
    const dir = await freshDir()
    const store = await createFileIssuanceStateStore(dir, { now: () => t0 })
    await store.create('offer:x', {}, new Date(t0.getTime() + 60_000))
    const [name] = await readdir(dir)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(dir, name!), '{broken')
    await expect(store.get('offer:x', t0)).rejects.toMatchObject({ code: 'ERR_STORE_CORRUPT' })
  })
})
