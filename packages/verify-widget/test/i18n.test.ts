import { MICROCERT_ERROR_CODES } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import '../src/define.js'
import { errors } from '../src/i18n/en.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { registerTranslation } from '../src/register-translation.js'
import { issue, jwkIssuer, mountAndWait, part, screenshot, shadowText, waitUntil } from './helpers.js'

async function verified(template: ReturnType<typeof html>): Promise<MicrocertVerify> {
  const { el } = await mountAndWait(template)
  // the language module arrives asynchronously
  await waitUntil(() => part(el, 'status-label')?.textContent !== 'Verified', 'the language file')
  return el
}

describe('<microcert-verify> languages', () => {
  it('shows Czech text and Czech date formats with lang="cs"', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await verified(html`<microcert-verify lang="cs" credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(part(el, 'headline')?.textContent).to.equal('Pravé mikroosvědčení vydané institucí Univerzita Karlova')
    expect(part(el, 'status-label')?.textContent).to.equal('Ověřeno')
    const text = shadowText(el)
    expect(text).to.contain('2. března 2026')
    expect(text).to.contain('5 kreditů ECTS')
    expect(text).to.contain('úroveň EQF 6')
    expect(text).to.contain('Česko')
    expect(text).to.contain('důvěryhodný vydavatel')
    await expect(el).to.be.accessible()
    await screenshot(el, 'czech')
  })

  it('takes the language of the closest [lang] ancestor, and follows a change of the lang attribute', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el } = await mountAndWait(html`<div lang="de-AT"><microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify></div>`)
    await waitUntil(() => part(el, 'status-label')?.textContent === 'Geprüft', 'German text')
    expect(part(el, 'headline')?.textContent).to.equal('Echter Micro-Credential-Nachweis, ausgestellt von Univerzita Karlova')
    expect(shadowText(el)).to.contain('2. März 2026')
    el.setAttribute('lang', 'fr')
    await waitUntil(() => part(el, 'status-label')?.textContent === 'Vérifiée', 'French text')
    expect(part(el, 'headline')?.textContent).to.equal('Micro-certification authentique délivrée par Univerzita Karlova')
  })

  it('falls back to English for a language it does not ship', async () => {
    const el = await fixture<MicrocertVerify>(html`<microcert-verify lang="ja" input></microcert-verify>`)
    expect(part(el, 'button')?.textContent).to.equal('Verify')
  })

  it('lets a site add a language or override strings with registerTranslation()', async () => {
    registerTranslation('ga', { ui: { verifyButton: 'Fíoraigh', inputLabel: 'Uimhir an teastais' } })
    const el = await fixture<MicrocertVerify>(html`<microcert-verify lang="ga" input></microcert-verify>`)
    expect(part(el, 'button')?.textContent).to.equal('Fíoraigh')
    expect(part(el, 'label')?.textContent).to.equal('Uimhir an teastais')
    expect(part(el, 'hint')?.textContent).to.contain('For example')
    registerTranslation('ga', { ui: { verifyButton: 'Seiceáil' } })
    await el.updateComplete
    expect(part(el, 'button')?.textContent).to.equal('Seiceáil')
    expect(() => registerTranslation('', {})).to.throw(TypeError)
  })

  it('has English text for every error code', () => {
    for (const code of MICROCERT_ERROR_CODES) expect(errors[code], code).to.be.a('string').and.not.equal('')
  })
})
