// `microcert verify` for the formats of issues 10, 11 and 15: PDF certificates (human and --json), Data Integrity
// credentials, the verification profile, and the EU elements named in the output.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildCredential, createSigner, generateKeyPair, signCredential } from '@microcert/core'
import { signDataIntegrity } from '@microcert/core/data-integrity'
import { renderCertificatePdf } from '@microcert/core/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { DATA, microcert, tempDir } from './helpers/run.js'

let dir: string
let did: string
let jwt: string
let plainBadge: string

/** The sample course as a micro-credential of a fresh did:jwk issuer; `plain` drops two EU elements (a plain Open Badge). */
async function issue(options: { plain?: boolean; eddsa?: boolean } = {}) {
  const { privateJwk, publicJwk } = await generateKeyPair(options.eddsa === true ? 'EdDSA' : 'ES256')
  const issuer = `did:jwk:${Buffer.from(JSON.stringify(publicJwk)).toString('base64url')}`
  const input = JSON.parse(await readFile(join(DATA, 'single-credential.json'), 'utf8')) as Record<string, any>
  input['issuer'] = { id: issuer, name: 'Univerzita Karlova', country: 'CZ' }
  const credential = buildCredential(input as never, { id: 'https://uni.example/microcerts/credentials/MC-7KQ4-9XJ2-PM3A-W8TD-K' }) as unknown as Record<string, any>
  if (options.plain === true) {
    delete credential['credentialSubject'].achievement.typeOfAssessment
    delete credential['credentialSubject'].achievement.qualityAssurance
  }
  return { did: issuer, credential, signer: await createSigner(privateJwk, { kid: `${issuer}#0` }) }
}

beforeAll(async () => {
  dir = await tempDir('mc-verify-formats-')
  const full = await issue()
  did = full.did
  jwt = await signCredential(full.credential as never, full.signer)
  const plain = await issue({ plain: true })
  plainBadge = await signCredential(plain.credential as never, plain.signer)
  did = full.did
})

describe('verify a PDF certificate', () => {
  it('extracts the attached credential and verifies it (exit 0 with --trust), saying it came from the PDF', async () => {
    const file = join(dir, 'certificate.pdf')
    await writeFile(file, await renderCertificatePdf(jwt, { languages: 'cs,en' }))
    const r = await microcert(['verify', file, '--trust', did])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^VERIFIED: /)
    expect(r.stdout).toContain('source:         a PDF certificate, attachment "MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt"')
    expect(r.stdout).toContain('EU elements:    11 of 11 present')
    // the date of award (awardedAt of the input), not the moment of signing, as the widget, the PDF and `issue` say
    expect(r.stdout).toContain('issued:         2026-06-19T10:00:00+02:00')
    const json = await microcert(['verify', file, '--trust', did, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'verified', source: { type: 'pdf', name: 'MC-7KQ4-9XJ2-PM3A-W8TD-K.jwt' }, profile: 'micro-credential' })
  }, 60_000)

  it('reports a PDF without a credential with its code (exit 1), in words and in --json', async () => {
    // A PDF with pages and no attached file, as a printout saved as PDF is.
    const file = join(dir, 'printout.pdf')
    await writeFile(file, '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')
    const r = await microcert(['verify', file])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^NOT VERIFIED: The PDF has no attached files, so it carries no credential \(ERR_PDF_CREDENTIAL_MISSING\)/)
    const json = await microcert(['verify', file, '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', source: { type: 'pdf' } })
  }, 60_000)
})

describe('verify: profile and EU elements', () => {
  it('names the missing EU elements of a plain Open Badge; --profile open-badge verifies it', async () => {
    const issuer = JSON.parse(Buffer.from(plainBadge.split('.')[1]!, 'base64url').toString()).iss as string
    const micro = await microcert(['verify', plainBadge, '--trust', issuer])
    expect(micro.code).toBe(1)
    expect(micro.stdout).toMatch(/^WARNING: authentic, but EU micro-credential elements missing/)
    expect(micro.stdout).toContain('EU elements:    9 of 11 present; missing: type of assessment, type of quality assurance')
    const badge = await microcert(['verify', plainBadge, '--trust', issuer, '--profile', 'open-badge'])
    expect(badge.code, badge.stdout).toBe(0)
    expect(badge.stdout).toContain('missing: type of assessment, type of quality assurance')
    expect(badge.stdout).toContain('profile:        open-badge (EU elements reported, not required)')
  }, 60_000)

  it('refuses an unknown --profile (exit 2, ERR_ARGUMENT_INVALID in --json)', async () => {
    const r = await microcert(['verify', jwt, '--profile', 'badge', '--json'])
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', reason: { code: 'ERR_ARGUMENT_INVALID' } })
    expect(r.stderr).toContain('--profile must be "micro-credential" or "open-badge"')
  }, 30_000)
})

describe('verify a Data Integrity credential', () => {
  it('verifies an eddsa-rdfc-2022 credential file and reports a context it does not know (--context adds one)', async () => {
    const { did: issuer, credential, signer } = await issue({ eddsa: true })
    const signed = await signDataIntegrity(credential, signer)
    const file = join(dir, 'credential.json')
    await writeFile(file, JSON.stringify(signed))
    const r = await microcert(['verify', file, '--trust', issuer])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/signature +passed +Signed with key "did:jwk:/)
    const unknown = { ...signed, '@context': [...(signed['@context'] as unknown[]), 'https://example.org/contexts/extra/v1'] }
    await writeFile(file, JSON.stringify(unknown))
    const missing = await microcert(['verify', file, '--trust', issuer])
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(/^COULD NOT CHECK: .*https:\/\/example\.org\/contexts\/extra\/v1.*\(ERR_CONTEXT_UNKNOWN\)/)
    const context = join(dir, 'extra-context.json')
    await writeFile(context, JSON.stringify({ '@context': { '@protected': true } }))
    const added = await microcert(['verify', file, '--trust', issuer, '--context', `https://example.org/contexts/extra/v1=${context}`])
    // Known now; it defines no term, so the signed meaning of the credential is unchanged and the proof holds.
    expect(added.code, added.stdout).toBe(0)
    const malformed = await microcert(['verify', file, '--context', 'not-a-url'])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain('--context must be URL=FILE')
  }, 60_000)
})

describe('verify a wallet presentation (SD-JWT VC)', () => {
  it('shows what the holder disclosed and names the rest; a presentation without key binding fails (ERR_KEY_BINDING_MISSING)', async () => {
    const { issueSdJwtVc, microCredentialVct } = await import('@microcert/core/sd-jwt')
    const { did: issuer, credential, signer } = await issue()
    const wallet = await generateKeyPair('ES256')
    const sdJwt = await issueSdJwtVc(credential as never, {
      signer,
      issuer,
      vct: microCredentialVct('https://uni.example/microcerts'),
      holderKey: wallet.publicJwk,
      holder: { givenName: 'Jana', familyName: 'Nováková' },
    })
    // Everything but the learner's names, the grade and the date of issuing, and no key-binding JWT.
    const kept = sdJwt.split('~').filter((part, i) => i === 0 || (part !== '' && !/(givenName|familyName|grade|issuanceDate|"name")/.test(Buffer.from(part, 'base64url').toString())))
    const r = await microcert(['verify', `${kept.join('~')}~`, '--trust', issuer, '--nonce', 'n-1', '--audience', 'https://employer.example'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^NOT VERIFIED: .*\(ERR_KEY_BINDING_MISSING\)/)
    expect(r.stdout).toContain('presented from a wallet (SD-JWT VC): only what the holder disclosed')
    expect(r.stdout).toContain('title:          ')
    expect(r.stdout).toMatch(/not disclosed: .*grade/)
    expect(r.stdout).toContain('holder    failed')
    const json = JSON.parse((await microcert(['verify', `${kept.join('~')}~`, '--json'])).stdout) as { presentation?: { notDisclosed: string[] } }
    expect(json.presentation?.notDisclosed).toEqual(expect.arrayContaining(['grade', 'givenName', 'issuanceDate']))
  }, 60_000)
})
