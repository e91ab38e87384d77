import { createSigner, generateKeyPair, signJwt } from '@microcert/core'
import { describe, expect, it } from 'vitest'
import { microcert } from './helpers/run.js'

const ESC = '\u001b'

/** A self-signed token (did:jwk, so no network) whose every text field tries to repaint the terminal. */
async function hostileToken(): Promise<string> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = `did:jwk:${Buffer.from(JSON.stringify({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y })).toString('base64url')}`
  const signer = await createSigner(privateJwk, { kid: `${did}#0` })
  const paint = `${ESC}[2J${ESC}[32m VERIFIED (forged) \u202e`
  return signJwt(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: `Uni ${paint}`, address: { type: ['Address'], addressCountryCode: `CZ${paint}` } },
      validFrom: `2026-01-01T00:00:00Z${paint}`,
      validUntil: `2030-01-01T00:00:00Z${paint}`,
      credentialSubject: { type: ['AchievementSubject'], achievement: { name: `Course ${paint}` } },
      iss: did,
    },
    signer,
  )
}

describe('verify output', () => {
  it('never prints control or bidi characters from credential text to the terminal', async () => {
    const r = await microcert(['verify', await hostileToken()])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('Course')
    expect(r.stdout).not.toContain(ESC)
    expect(r.stdout).not.toContain('\u202e')
  }, 30_000)

  it('exits 2 with a usage error for a --registry that is not an http(s) URL', async () => {
    for (const registry of ['ftp://uni.example', 'notaurl']) {
      const r = await microcert(['verify', 'MC-K09T-MH7A-W8R2-WV9H-A', '--registry', registry])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('--registry must be an http(s) URL')
    }
  }, 30_000)
})
