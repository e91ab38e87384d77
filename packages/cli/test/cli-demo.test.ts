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
    const r = await microcert(['demo', '--out', out, '--port', '8765', '--no-serve', '--widget', widget, '--json'], { timeoutMs: 180_000 })
    expect(r.code, r.stderr).toBe(0)
    const info = JSON.parse(r.stdout) as Record<string, string | number>
    expect(info['did']).toBe('did:web:localhost%3A8765')
    expect(info['issued']).toBe(31)
    expect(isCertificateId(String(info['valid']))).toBe(true)
    expect(isCertificateId(String(info['revoked']))).toBe(true)
    expect(() => parseCertificateId(String(info['typo']))).toThrow(expect.objectContaining({ code: 'ERR_CERTIFICATE_ID_INVALID' }))
    const valid = String(info['valid'])
    for (const f of [
      'index.html',
      'cs/index.html',
      'verify/index.html',
      'verify/el/index.html',
      'employer/index.html',
      'trust-list.json',
      '.well-known/did.json',
      '.well-known/jwt-vc-issuer',
      'status/0.tsl.jwt',
      'vct/micro-credential',
      'robots.txt',
      `credentials/${valid}.jwt`,
      `credentials/${valid}.pdf`,
      `credentials/${valid}/index.html`,
      `credentials/${valid}/bg/index.html`,
    ]) {
      expect((await readFile(join(out, 'site', f))).length, f).toBeGreaterThan(0)
    }
    // every credential has its PDF; the learner's own link shows the wallet section of the share page
    expect(info).toMatchObject({ pdfs: 31, sharePages: 31 * 24, pdfFile: join(out, 'site', 'credentials', `${valid}.pdf`) })
    expect(String(info['walletShareUrl'])).toMatch(new RegExp(`^http://localhost:8765/credentials/${valid}/#wallet=[A-Za-z0-9_-]{32}$`))
    expect(await readFile(join(out, 'site', 'credentials', valid, 'index.html'), 'utf8')).toContain('data-offers="http://localhost:8765/wallet/offers/')
    expect(JSON.parse(await readFile(join(out, 'site', 'trust-list.json'), 'utf8'))).toMatchObject({ issuers: [{ id: 'did:web:localhost%3A8765' }] })

    // A second run replaces its own directory; a foreign non-empty directory is refused (exit 2).
    expect((await microcert(['demo', '--out', out, '--port', '8765', '--no-serve', '--widget', widget, '--json'], { timeoutMs: 180_000 })).code).toBe(0)
    const foreign = await microcert(['demo', '--out', dir, '--no-serve', '--widget', widget])
    expect(foreign.code).toBe(2)
  }, 300_000)
})
