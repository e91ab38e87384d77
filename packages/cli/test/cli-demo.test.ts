import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCertificateId, parseCertificateId } from '@microcert/core'
import { microcert, tempDir } from './helpers/run.js'

describe('microcert demo', () => {
  it('--no-serve writes the demo site with three certificate IDs and exits 0', async () => {
    const dir = await tempDir()
    const widget = join(dir, 'w.js')
    await writeFile(widget, 'export {}\n')
    const out = join(dir, 'demo')
    const r = await microcert(['demo', '--out', out, '--port', '8765', '--no-serve', '--widget', widget, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout) as Record<string, string | number>
    expect(info['did']).toBe('did:web:localhost%3A8765')
    expect(info['issued']).toBe(31)
    expect(isCertificateId(String(info['valid']))).toBe(true)
    expect(isCertificateId(String(info['revoked']))).toBe(true)
    expect(() => parseCertificateId(String(info['typo']))).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_ID_INVALID' }))
    for (const f of ['index.html', 'verify/index.html', 'employer.html', 'trust-list.json', '.well-known/did.json', `credentials/${String(info['valid'])}.jwt`]) {
      expect((await readFile(join(out, 'site', f))).length, f).toBeGreaterThan(0)
    }
    expect(JSON.parse(await readFile(join(out, 'site', 'trust-list.json'), 'utf8'))).toMatchObject({ issuers: [{ id: 'did:web:localhost%3A8765' }] })

    // A second run replaces its own directory; a foreign non-empty directory is refused (exit 2).
    expect((await microcert(['demo', '--out', out, '--port', '8765', '--no-serve', '--widget', widget, '--json'])).code).toBe(0)
    const foreign = await microcert(['demo', '--out', dir, '--no-serve', '--widget', widget])
    expect(foreign.code).toBe(2)
  }, 60_000)
})
