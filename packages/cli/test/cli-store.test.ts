import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MicrocertError } from '@microcert/core'
import { formatError } from '../src/lib/cli-error.js'
import { DATA, jsonLines, microcert, tempDir } from './helpers/run.js'
import { fileDatabase } from './helpers/postgres.js'

const database = fileDatabase()
let dir: string
let url: string
beforeAll(async () => {
  dir = await tempDir('mc-cli-store-')
})
beforeEach(async () => {
  url = await database.url()
}, 120_000)
afterAll(async () => {
  await database.drop()
}, 60_000)

const withPassword = (location: string) => {
  const parsed = new URL(location)
  parsed.password = 'pw-not-to-print'
  return parsed.href
}

const issuerArgs = ['--did', 'did:web:uni.example', '--name', 'Test University', '--country', 'CZ', '--url', 'https://uni.example']

describe('microcert with a postgres:// store', () => {
  it('runs init, issue, revoke, publish and store copy on PostgreSQL, never printing the password', async () => {
    const store = withPassword(url)
    const keyFile = join(dir, 'keys', 'issuer.private.jwk')
    const init = await microcert(['init', store, '--key-file', keyFile, ...issuerArgs])
    expect(init.code, init.stderr).toBe(0)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(init.stdout).toContain('issuer=did%3Aweb%3Auni.example')
    const issued = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
    expect(issued.code, issued.stderr).toBe(0)
    const ids = jsonLines(issued.stdout)
      .filter((l) => l['status'] === 'issued')
      .map((l) => String(l['certificateId']))
    expect(ids.length).toBeGreaterThan(5)
    // A re-run (as from a second machine) issues nothing twice.
    const again = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(jsonLines(again.stdout).map((l) => l['status'])).toEqual(ids.map(() => 'skipped'))
    const revoked = await microcert(['revoke', store, ids[0]!, '--reason', 'Issued in error'])
    expect(revoked.code, revoked.stderr).toBe(0)
    const published = await microcert(['publish', store, '--out', join(dir, 'site-pg'), '--widget', join(dir, 'no-widget.js')])
    expect(published.code).toBe(1)
    const widget = join(dir, 'widget.js')
    await import('node:fs/promises').then((fs) => fs.writeFile(widget, 'export {}\n'))
    const ok = await microcert(['publish', store, '--out', join(dir, 'site-pg'), '--widget', widget])
    expect(ok.code, ok.stderr).toBe(0)
    const copied = await microcert(['store', 'copy', store, join(dir, 'copy'), '--json'])
    expect(copied.code, copied.stderr).toBe(0)
    expect(JSON.parse(copied.stdout)).toMatchObject({ did: 'did:web:uni.example', records: ids.length })
    const fromCopy = await microcert(['publish', join(dir, 'copy'), '--out', join(dir, 'site-copy'), '--widget', widget])
    expect(fromCopy.code, fromCopy.stderr).toBe(0)
    // the signed credentials and their PDFs, byte for byte
    const credentials = (site: string) => readdirSync(join(dir, site, 'credentials')).filter((name) => /\.(jwt|pdf)$/.test(name)).sort()
    expect(credentials('site-copy')).toEqual(credentials('site-pg'))
    for (const name of credentials('site-pg')) {
      expect(readFileSync(join(dir, 'site-copy', 'credentials', name), 'utf8')).toBe(readFileSync(join(dir, 'site-pg', 'credentials', name), 'utf8'))
    }
    expect(readFileSync(join(dir, 'site-copy', '.well-known', 'did.json'), 'utf8')).toBe(readFileSync(join(dir, 'site-pg', '.well-known', 'did.json'), 'utf8'))
    expect(readdirSync(join(dir, 'site-copy', 'status', '0'))).toEqual(readdirSync(join(dir, 'site-pg', 'status', '0')))
    for (const r of [init, issued, again, revoked, published, ok, copied]) expect(r.stdout + r.stderr).not.toContain('pw-not-to-print')
  }, 120_000)

  it('exits 2 for init of a postgres:// store without --key-file and for an unknown store action', async () => {
    const init = await microcert(['init', url, ...issuerArgs])
    expect(init.code).toBe(2)
    expect(init.stderr).toContain('--key-file')
    const action = await microcert(['store', 'move', './a', './b'])
    expect(action.code).toBe(2)
    expect(action.stderr).toContain('unknown store action "move"')
    const target = await microcert(['store', 'copy', join(dir, 'copy'), url])
    expect(target.code).toBe(2)
    expect(existsSync(join(dir, 'nothing'))).toBe(false)
  }, 60_000)

  it('exits 1 with ERR_STORE_NOT_FOUND for a database server that cannot be reached', async () => {
    const r = await microcert(['revoke', 'postgres://microcert:pw-not-to-print@127.0.0.1:1/credentials', 'MC-37XX-7N95-92BM-J58H-2'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/ERR_STORE_NOT_FOUND/)
    expect(r.stderr).not.toContain('pw-not-to-print')
  }, 30_000)

  it('tells a person whose database connection dropped to run the command again', () => {
    const lost = new MicrocertError('ERR_WRITE_FAILED', 'The connection to the PostgreSQL store was lost', { details: { reason: 'connection-lost' } })
    expect(formatError(lost, false)).toEqual({
      text: 'error: The connection to the PostgreSQL store was lost (ERR_WRITE_FAILED)\nhint: the connection to the database dropped; run the same command again (nothing is issued twice)\n',
      exitCode: 1,
    })
  })
})
