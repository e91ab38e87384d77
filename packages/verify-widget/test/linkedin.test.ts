import { expect, html } from '@open-wc/testing'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, jwkIssuer, mountAndWait, part, publish, sampleInput, screenshot, shadowText, webIssuer, type TestIssuer } from './helpers.js'

const TITLE = 'Data & AI: C# + "ML" — příprava na #1 pozici'
const ISSUER_NAME = `Univerzita „Příkladová“ & Co. #2 + 'Třeboň' "Ústí"`

/** Publishes a credential of `issuer` (with the names above) and verifies it by ID with the LinkedIn attribute. */
async function verifiedWithLinkedIn(issuer: TestIssuer, attributes: { linkedin?: boolean; organizationId?: string; registry?: string } = {}) {
  const { jwt, certificateId } = await issue(issuer, {
    achievement: { ...sampleInput(issuer).achievement, title: TITLE },
    issuedAt: '2026-03-02T09:00:00Z',
    awardedAt: '2026-01-15T09:00:00Z',
    validUntil: '2031-06-30T09:00:00Z',
  } as Parameters<typeof issue>[1])
  await publish(issuer, jwt, certificateId)
  const { el, event } = await mountAndWait(html`<microcert-verify
    certificate-id=${certificateId}
    registry=${attributes.registry ?? issuer.registry!}
    trusted-issuers=${issuer.did}
    allow-insecure-localhost
    ?linkedin=${attributes.linkedin ?? true}
    linkedin-organization-id=${attributes.organizationId ?? ''}
  ></microcert-verify>`)
  return { el: el as MicrocertVerify, event, certificateId }
}

describe('<microcert-verify linkedin>', () => {
  it('links a verified credential to LinkedIn’s add-certification form; every value parses back intact', async () => {
    const issuer = await webIssuer(ISSUER_NAME)
    const { el, event, certificateId } = await verifiedWithLinkedIn(issuer, { organizationId: '1234567' })
    expect(event.type).to.equal('microcert-verified')
    const link = part(el, 'linkedin') as HTMLAnchorElement
    expect(link.textContent).to.equal('Add to LinkedIn profile')
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer')
    const url = new URL(link.href)
    expect(`${url.origin}${url.pathname}`).to.equal('https://www.linkedin.com/profile/add')
    const params = url.searchParams
    expect(params.get('startTask')).to.equal('CERTIFICATION_NAME')
    expect(params.get('name')).to.equal(TITLE)
    expect(params.get('organizationName')).to.equal(ISSUER_NAME)
    expect(params.get('organizationId')).to.equal('1234567')
    // "Issued on" is the award date when the credential has one (not validFrom).
    expect([params.get('issueYear'), params.get('issueMonth')]).to.deep.equal(['2026', '1'])
    expect([params.get('expirationYear'), params.get('expirationMonth')]).to.deep.equal(['2031', '6'])
    expect(params.get('certId')).to.equal(certificateId)
    expect(params.get('certUrl')).to.equal(`${issuer.registry}/verify/?id=${certificateId}`)
    // Nothing unencoded: no raw &, #, + or quote in the query part of any value.
    expect(link.href.split('?')[1]).to.not.match(/[#+"' ]/)
    expect(link.href.split('?')[1]!.split('&')).to.have.length([...params.keys()].length)
    expect(shadowText(el)).to.contain('January 15, 2026')
    await expect(el).to.be.accessible()
    await screenshot(el, 'linkedin')
  })

  it('offers no link without the attribute, for a credential of another registry, or for one that is not verified', async () => {
    const issuer = await webIssuer()
    const without = await verifiedWithLinkedIn(issuer, { linkedin: false })
    expect(without.event.type).to.equal('microcert-verified')
    expect(part(without.el, 'linkedin')).to.equal(null)

    // Authentic and trusted, but from another registry than the page's: not the page's to put on a profile.
    const { jwt } = await issue(issuer)
    const elsewhere = await webIssuer()
    const foreign = await mountAndWait(html`<microcert-verify linkedin registry=${elsewhere.registry!} credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(foreign.event.type).to.equal('microcert-verified')
    expect(part(foreign.el, 'linkedin')).to.equal(null)
    // The same credential on its own registry's page (written with a trailing slash) gets the link.
    const own = await mountAndWait(html`<microcert-verify linkedin registry=${`${issuer.registry}/`} credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(part(own.el, 'linkedin')).to.not.equal(null)

    // A credential that is only authentic (issuer not confirmed) is a warning: no link.
    const untrusted = await mountAndWait(html`<microcert-verify linkedin registry=${issuer.registry!} credential=${jwt} trusted-issuers=${elsewhere.did} allow-insecure-localhost></microcert-verify>`)
    expect(untrusted.event.type).to.equal('microcert-warning')
    expect(part(untrusted.el, 'linkedin')).to.equal(null)

    // A credential without a registry id (did:jwk, pasted) has no verification page to link: no link.
    const keyOnly = await jwkIssuer()
    const { jwt: pasted } = await issue(keyOnly)
    const plain = await mountAndWait(html`<microcert-verify linkedin registry=${issuer.registry!} credential=${pasted} trusted-issuers=${keyOnly.did}></microcert-verify>`)
    expect(plain.event.type).to.equal('microcert-verified')
    expect(part(plain.el, 'linkedin')).to.equal(null)
  })
})
