import { expect, html } from '@open-wc/testing'
import { emulateMedia } from '@web/test-runner-commands'
import '../src/define.js'
import { issue, jwkIssuer, mountAndWait, part, putFixture, screenshot, shadowText, webIssuer } from './helpers.js'

describe('<microcert-verify> theming, slots and trust lists', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' })
  })

  it('is axe-clean in dark mode too, and takes overrides from CSS custom properties', async () => {
    await emulateMedia({ colorScheme: 'dark' })
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const { el } = await mountAndWait(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(22, 25, 29)')
    await expect(el).to.be.accessible()
    await screenshot(el, 'dark')
    el.style.setProperty('--microcert-background', 'rgb(1, 2, 3)')
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)')
  })

  it('shows the site\'s header and footer slots around the result, and exposes its parts', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el } = await mountAndWait(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}>
      <h2 slot="header">Check a certificate</h2><p slot="footer">Questions? registrar@uni.example</p>
    </microcert-verify>`)
    const slots = [...el.shadowRoot!.querySelectorAll('slot')].map((s) => s.name)
    expect(slots).to.deep.equal(['header', 'footer'])
    expect((el.shadowRoot!.querySelector('slot[name="header"]') as HTMLSlotElement).assignedElements()[0]?.textContent).to.equal('Check a certificate')
    for (const name of ['base', 'verdict', 'icon', 'status-label', 'headline', 'checks-more', 'checks', 'check', 'details', 'link']) {
      expect(part(el, name), name).to.not.equal(null)
    }
  })

  it('checks the issuer against a trust list fetched from trust-list', async () => {
    const issuer = await webIssuer('Example University')
    const { jwt } = await issue(issuer)
    const list = { name: 'Accredited issuers', issuers: [{ id: issuer.did, name: 'Example University', country: 'CZ' }] }
    await putFixture(`${issuer.base}/trust-list.json`, JSON.stringify(list), 'application/json')
    const { el, event } = await mountAndWait(
      html`<microcert-verify credential=${jwt} trust-list=${`${issuer.registry}/trust-list.json`} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(event.detail.checks.find((c: { id: string }) => c.id === 'trust').outcome).to.equal('passed')
    expect(shadowText(el)).to.contain('trusted issuer')
  })

  it('reports an unreachable trust list as "could not check", not as forged', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { event } = await mountAndWait(
      html`<microcert-verify credential=${jwt} trust-list=${`${location.origin}/dead/trust-list.json`} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-unknown')
    expect(event.detail.checks.map((c: { code?: string }) => c.code)).to.include('ERR_TRUST_LIST_UNREACHABLE')
  })
})
