import { createSigner, generateCertificateId, generateKeyPair } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, jwkIssuer, mountAndWait, nextResult, part, publish, publishStatusList, recordEvents, screenshot, shadowText, webIssuer } from './helpers.js'

const codes = (el: MicrocertVerify): (string | undefined)[] => (el.result?.checks ?? []).map((c) => c.code).filter(Boolean)

function tamper(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string]
  const json = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))))
  json.credentialSubject.achievement.creditsAvailable = 60
  const bytes = new TextEncoder().encode(JSON.stringify(json))
  const encoded = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return `${header}.${encoded}.${signature}`
}

const mount = (template: unknown): ReturnType<typeof mountAndWait> => mountAndWait(template)

describe('<microcert-verify> states from real credentials', () => {
  it('shows a valid credential as authentic, names the issuer and fires microcert-verified', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(event.type).to.equal('microcert-verified')
    expect(event.detail.verified).to.equal(true)
    expect(el.status).to.equal('verified')
    expect(el.getAttribute('status')).to.equal('verified')
    expect(part(el, 'headline')?.textContent).to.equal('Authentic micro-credential issued by Univerzita Karlova')
    const text = shadowText(el)
    for (const expected of ['Data Analysis with Python', 'Jana Nováková', 'Czechia', 'trusted issuer', 'March 2, 2026', '5 ECTS credits', 'EQF level 6',
      'Clean and explore tabular data with pandas', 'written examination and project', 'blended (online and on site)',
      'Internal quality assurance of Charles University', 'Grade', 'no expiry date']) {
      expect(text).to.contain(expected)
    }
    expect(part(el, 'link')?.getAttribute('href')).to.equal('https://cuni.example/')
    expect(el.matches(':state(verified)')).to.equal(true)
    await expect(el).to.be.accessible()
    await screenshot(el, 'verified')
  })

  it('shows an expired credential as a warning (authentic, expired on its date)', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const { el, event } = await mount(html`<microcert-verify .credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(el.status).to.equal('warning')
    expect(codes(el)).to.include('ERR_CREDENTIAL_EXPIRED')
    expect(part(el, 'headline')?.textContent).to.equal('Authentic, but expired on December 31, 2025')
    expect(part(el, 'status-label')?.textContent).to.equal('Warning')
    await expect(el).to.be.accessible()
    await screenshot(el, 'expired')
  })

  it('shows an authentic credential of an issuer that is not trusted as a warning, named by its DID, the name unconfirmed', async () => {
    const issuer = await jwkIssuer('Totally Real University')
    const other = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${other.did}></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(codes(el)).to.include('ERR_ISSUER_UNTRUSTED')
    const short = `${issuer.did.slice(0, 32)}…${issuer.did.slice(-8)}`
    expect(part(el, 'headline')?.textContent).to.equal(`Authentic, but ${short} is not on the list of trusted issuers`)
    expect(part(el, 'explanation')?.textContent).to.equal('It calls itself “Totally Real University”, which nothing confirms.')
    expect(shadowText(el)).to.contain(`not confirmed: name as claimed by ${short}`)
    expect(part(el, 'link')).to.equal(null)
    await expect(el).to.be.accessible()
    await screenshot(el, 'untrusted')
  })

  it('reports a tampered credential as failed (ERR_SIGNATURE_INVALID) and shows none of its claims', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${tamper(jwt)}></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(el.status).to.equal('failed')
    expect(codes(el)).to.include('ERR_SIGNATURE_INVALID')
    expect(part(el, 'headline')?.textContent).to.equal('Not authentic: the credential was altered or not signed by its issuer')
    expect(shadowText(el)).not.to.contain('60 ECTS')
    expect(el.matches(':state(failed)')).to.equal(true)
    await expect(el).to.be.accessible()
    await screenshot(el, 'tampered')
  })

  it('reports a credential signed with another key than the issuer\'s as failed (ERR_SIGNATURE_INVALID)', async () => {
    const issuer = await jwkIssuer()
    const { privateJwk } = await generateKeyPair('ES256')
    const forger = { ...issuer, signer: await createSigner(privateJwk, { kid: `${issuer.did}#0` }) }
    const { jwt } = await issue(forger)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt}></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(codes(el)).to.include('ERR_SIGNATURE_INVALID')
  })

  it('looks up an ID in a did:web registry (src-free) and reports it verified with its status list checked', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer, {}, { statusIndex: 41 })
    await publish(issuer, jwt, certificateId)
    await publishStatusList(issuer, [7])
    const { el, event } = await mount(
      html`<microcert-verify certificate-id=${certificateId} registry=${issuer.registry!} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(event.detail.checks.find((c: { id: string }) => c.id === 'status').outcome).to.equal('passed')
    expect(shadowText(el)).to.contain(certificateId)
  })

  it('shows a revoked credential (ID + registry) as revoked, with a failed event', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer, {}, { statusIndex: 1234 })
    await publish(issuer, jwt, certificateId)
    await publishStatusList(issuer, [1234])
    const { el, event } = await mount(
      html`<microcert-verify certificate-id=${certificateId} registry=${issuer.registry!} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-failed')
    expect(codes(el)).to.include('ERR_CREDENTIAL_REVOKED')
    expect(part(el, 'headline')?.textContent).to.match(/^Revoked by the issuer/)
    await expect(el).to.be.accessible()
    await screenshot(el, 'revoked')
  })

  it('says "could not check" (unknown, never forged) when the status list cannot be fetched', async () => {
    const issuer = await webIssuer()
    const { jwt } = await issue(issuer, {}, { statusIndex: 5 })
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} allow-insecure-localhost></microcert-verify>`)
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-unknown')
    expect(codes(el)).to.include('ERR_STATUS_UNREACHABLE')
    expect(part(el, 'headline')?.textContent).to.equal('We could not check whether the issuer revoked this credential')
  })

  it('reports an unreachable registry as unknown (ERR_REGISTRY_UNREACHABLE)', async () => {
    const { el, event } = await mount(
      html`<microcert-verify certificate-id=${generateCertificateId()} registry=${`${location.origin}/dead/registry`} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-unknown')
    expect(el.status).to.equal('unknown')
    expect(codes(el)).to.include('ERR_REGISTRY_UNREACHABLE')
    expect(part(el, 'headline')?.textContent).to.equal('We could not reach the issuer to look up this credential')
    await expect(el).to.be.accessible()
    await screenshot(el, 'unknown')
  })

  it('reports an ID the registry does not have as failed (ERR_CREDENTIAL_NOT_FOUND)', async () => {
    const issuer = await webIssuer()
    const { el, event } = await mount(
      html`<microcert-verify certificate-id=${generateCertificateId()} registry=${issuer.registry!} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-failed')
    expect(codes(el)).to.include('ERR_CREDENTIAL_NOT_FOUND')
    expect(part(el, 'headline')?.textContent).to.equal('No credential with this certificate ID')
  })

  it('catches a typo in an ID before any request is made (ERR_CERTIFICATE_ID_INVALID)', async () => {
    const issuer = await webIssuer()
    const id = generateCertificateId()
    const last = id.at(-1) === 'A' ? 'B' : 'A'
    const typo = `${id.slice(0, -1)}${last}`
    const requests: string[] = []
    const spy: typeof fetch = (input, init) => {
      requests.push(String(input))
      return fetch(input, init)
    }
    const { el, event } = await mount(
      html`<microcert-verify certificate-id=${typo} registry=${issuer.registry!} .fetch=${spy} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-failed')
    expect(codes(el)).to.include('ERR_CERTIFICATE_ID_INVALID')
    expect(requests).to.deep.equal([])
    expect(part(el, 'headline')?.textContent).to.equal('This certificate ID is not valid')
  })

  it('fetches and verifies a credential from src', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer)
    await publish(issuer, jwt, certificateId)
    const { el, event } = await mount(
      html`<microcert-verify src=${`${issuer.registry}/credentials/${certificateId}.jwt`} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-verified')
    expect(el.result?.credential).to.not.equal(undefined)
  })

  it('reports a src that is not there as failed (ERR_CREDENTIAL_NOT_FOUND)', async () => {
    const { el, event } = await mount(html`<microcert-verify src="/fx/nothing/here.jwt"></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(codes(el)).to.include('ERR_CREDENTIAL_NOT_FOUND')
  })

  it('verifies a credential object given as a property', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await fixture<MicrocertVerify>(html`<microcert-verify trusted-issuers=${issuer.did}></microcert-verify>`)
    const events = recordEvents(el)
    expect(el.status).to.equal('idle')
    el.credential = jwt
    await nextResult(el)
    expect(el.status).to.equal('verified')
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-verified'])
  })

  it('shows only the verdict with no-details', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did} no-details></microcert-verify>`)
    expect(part(el, 'verdict')).to.not.equal(null)
    expect(part(el, 'checks')).to.equal(null)
    expect(part(el, 'details')).to.equal(null)
    await expect(el).to.be.accessible()
    await screenshot(el, 'compact')
  })
})
