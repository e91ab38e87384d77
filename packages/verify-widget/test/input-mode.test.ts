import { generateCertificateId } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, jwkIssuer, mountAndWait, nextResult, part, publish, recordEvents, screenshot, settle, webIssuer, type TestIssuer } from './helpers.js'

const field = (el: MicrocertVerify): HTMLInputElement => el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
const form = (el: MicrocertVerify): HTMLFormElement => el.shadowRoot!.querySelector('form') as HTMLFormElement

async function published(): Promise<{ issuer: TestIssuer; certificateId: string; jwt: string }> {
  const issuer = await webIssuer()
  const { jwt, certificateId } = await issue(issuer)
  await publish(issuer, jwt, certificateId)
  return { issuer, certificateId, jwt }
}

async function mountInput(issuer?: TestIssuer, fetchSpy?: typeof fetch): Promise<MicrocertVerify> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px">
    <button id="before">before</button>
    <microcert-verify input registry=${issuer?.registry ?? ''} trusted-issuers=${issuer?.did ?? ''} allow-insecure-localhost
      .fetch=${fetchSpy}></microcert-verify>
  </div>`)
  const el = wrapper.querySelector('microcert-verify') as MicrocertVerify
  await el.updateComplete
  return el
}

describe('<microcert-verify input> interactive mode', () => {
  it('has a labelled field, is axe-clean when idle, and fires nothing before any input', async () => {
    const el = await mountInput()
    const events = recordEvents(el)
    expect(el.status).to.equal('idle')
    const label = el.shadowRoot!.querySelector('label[for="field"]')
    expect(label?.textContent).to.equal('Certificate ID, verification link or credential')
    expect(field(el).getAttribute('aria-describedby')).to.contain('hint')
    await expect(el).to.be.accessible()
    await settle()
    await screenshot(el, 'input')
    expect(events).to.deep.equal([])
  })

  it('verifies a typed certificate ID on Enter, keyboard only, and moves focus to the verdict', async () => {
    const { issuer, certificateId } = await published()
    const el = await mountInput(issuer)
    ;(el.parentElement!.querySelector('#before') as HTMLButtonElement).focus()
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal(field(el))
    await sendKeys({ type: certificateId.toLowerCase() })
    const done = nextResult(el)
    await sendKeys({ press: 'Enter' })
    const event = await done
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    await el.updateComplete
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'verdict'))
  })

  it('reaches the Verify button with Tab and activates it with Space', async () => {
    const { issuer, certificateId } = await published()
    const el = await mountInput(issuer)
    field(el).focus()
    await sendKeys({ type: certificateId })
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'))
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('input[type="file"]'))
    await sendKeys({ down: 'Shift' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ up: 'Shift' })
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'button'))
    const done = nextResult(el)
    await sendKeys({ press: 'Space' })
    expect((await done).type).to.equal('microcert-verified')
  })

  it('shows a typo in an ID at the field before any request, fails with ERR_CERTIFICATE_ID_INVALID and fires microcert-failed', async () => {
    const { issuer } = await published()
    const requests: string[] = []
    const spy: typeof fetch = (input, init) => {
      requests.push(String(input))
      return fetch(input, init)
    }
    const el = await mountInput(issuer, spy)
    const events = recordEvents(el)
    const id = generateCertificateId()
    const typo = `${id.slice(0, -1)}${id.at(-1) === 'A' ? 'B' : 'A'}`
    field(el).focus()
    await sendKeys({ type: typo })
    await sendKeys({ press: 'Enter' })
    await el.updateComplete
    expect(part(el, 'field-error')?.textContent).to.contain('This certificate ID contains a typo')
    expect(field(el).getAttribute('aria-invalid')).to.equal('true')
    expect(field(el).getAttribute('aria-describedby')).to.contain('field-error')
    expect(el.shadowRoot!.activeElement).to.equal(field(el))
    expect(requests).to.deep.equal([])
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-failed'])
    expect(el.status).to.equal('failed')
    expect(el.result?.reason).to.deep.equal({ check: 'format', code: 'ERR_CERTIFICATE_ID_INVALID' })
    expect(part(el, 'headline')?.textContent).to.equal('This certificate ID is not valid')
    await expect(el).to.be.accessible()
    await screenshot(el, 'typo')
  })

  it('flags a typo while typing, as soon as the ID is complete', async () => {
    const el = await mountInput()
    const id = generateCertificateId()
    field(el).focus()
    await sendKeys({ type: id.slice(0, -1) })
    await el.updateComplete
    expect(part(el, 'field-error')).to.equal(null)
    await sendKeys({ type: id.at(-1) === 'A' ? 'B' : 'A' })
    await el.updateComplete
    expect(part(el, 'field-error')?.textContent).to.contain('typo')
    await sendKeys({ press: 'Backspace' })
    await sendKeys({ type: id.at(-1)! })
    await el.updateComplete
    expect(part(el, 'field-error')).to.equal(null)
  })

  it('verifies a pasted JWT at once', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await mountInput(issuer)
    const data = new DataTransfer()
    data.setData('text/plain', jwt)
    const done = nextResult(el)
    field(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }))
    const event = await done
    expect(event.type).to.equal('microcert-verified')
    expect(field(el).value).to.equal(jwt)
  })

  it('verifies a dropped .jwt file', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await mountInput(issuer)
    const data = new DataTransfer()
    data.items.add(new File([jwt], 'credential.jwt', { type: 'application/jwt' }))
    const done = nextResult(el)
    form(el).dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
    form(el).dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
    expect((await done).type).to.equal('microcert-verified')
  })

  it('verifies a .jwt file chosen with the file control', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const el = await mountInput()
    const chooser = el.shadowRoot!.querySelector('input[type="file"]') as HTMLInputElement
    const data = new DataTransfer()
    data.items.add(new File([jwt], 'credential.jwt'))
    chooser.files = data.files
    const done = nextResult(el)
    chooser.dispatchEvent(new Event('change', { bubbles: true }))
    const event = await done
    expect(event.type).to.equal('microcert-warning')
    expect(event.detail.checks.map((c: { code?: string }) => c.code)).to.include('ERR_CREDENTIAL_EXPIRED')
  })

  it('reports pasted unsigned JSON as failed (ERR_PROOF_MISSING), never as authentic', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const payload = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))
    const el = await mountInput()
    const data = new DataTransfer()
    data.setData('text/plain', json)
    const done = nextResult(el)
    field(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }))
    const event = await done
    expect(event.type).to.equal('microcert-failed')
    expect(event.detail.checks.map((c: { code?: string }) => c.code)).to.include('ERR_PROOF_MISSING')
    await el.updateComplete
    expect(part(el, 'explanation')?.textContent).to.equal('The credential is not signed, so its origin cannot be confirmed.')
  })

  it('follows a verification link of the form <registry>/credentials/<ID>', async () => {
    const { issuer, certificateId } = await published()
    const el = await mountInput()
    field(el).value = `${issuer.registry}/credentials/${certificateId}`
    const done = nextResult(el)
    ;(part(el, 'button') as HTMLButtonElement).click()
    expect((await done).type).to.equal('microcert-verified')
  })

  it('reads ?id= from a pasted verify-page link and looks it up in its registry', async () => {
    const { issuer, certificateId } = await published()
    const el = await mountInput(issuer)
    field(el).value = `https://uni.example/verify/?id=${certificateId}`
    const done = nextResult(el)
    form(el).requestSubmit()
    expect((await done).type).to.equal('microcert-verified')
  })

  it('shows the certificate-id it checks in the field (a verify page link) and verifies it', async () => {
    const { issuer, certificateId } = await published()
    const { el, event } = await mountAndWait(
      html`<microcert-verify input certificate-id=${certificateId} registry=${issuer.registry!} allow-insecure-localhost></microcert-verify>`,
    )
    expect(event.type).to.equal('microcert-verified')
    expect(field(el).value).to.equal(certificateId)
    expect(part(el, 'verdict-verified')).to.not.equal(null)
  })

  it('asks for the credential itself when the page has no registry for an ID', async () => {
    const el = await mountInput()
    field(el).value = generateCertificateId()
    form(el).requestSubmit()
    await el.updateComplete
    expect(part(el, 'field-error')?.textContent).to.contain('cannot look up certificate IDs')
    expect(el.status).to.equal('idle')
  })
})
