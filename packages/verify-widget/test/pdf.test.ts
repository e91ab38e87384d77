import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, nextResult, part, publish, screenshot, shadowText, webIssuer } from './helpers.js'

/** A real PDF made on the test server (see web-test-runner.config.mjs): the product's certificate, or a plain one. */
async function makePdf(payload: { certificate?: string; attachments?: { name: string; data: string }[] }): Promise<Uint8Array<ArrayBuffer>> {
  const base64 = (await executeServerCommand('make-pdf', payload)) as string
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
}

async function mountInput(registry = ''): Promise<MicrocertVerify> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px">
    <microcert-verify input registry=${registry} allow-insecure-localhost></microcert-verify>
  </div>`)
  const el = wrapper.querySelector('microcert-verify') as MicrocertVerify
  await el.updateComplete
  return el
}

function drop(el: MicrocertVerify, file: File): void {
  const data = new DataTransfer()
  data.items.add(file)
  const form = el.shadowRoot!.querySelector('form')!
  form.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
  form.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
}

const codes = (event: CustomEvent): (string | undefined)[] => event.detail.checks.map((c: { code?: string }) => c.code)

describe('<microcert-verify input> PDF certificates', () => {
  it('verifies the credential attached to a dropped PDF certificate', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer)
    await publish(issuer, jwt, certificateId)
    const pdf = await makePdf({ certificate: jwt })
    const el = await mountInput(issuer.registry)
    const done = nextResult(el)
    drop(el, new File([pdf], `${certificateId}.pdf`, { type: 'application/pdf' }))
    const event = await done
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(event.detail.certificateId).to.equal(certificateId)
    await el.updateComplete
    expect(part(el, 'headline')?.textContent).to.contain('Authentic micro-credential')
    expect(shadowText(el)).to.contain('Data Analysis with Python')
    await screenshot(el, 'pdf-verified')
  })

  it('verifies a PDF chosen with the file control, whatever its file name', async () => {
    const issuer = await webIssuer()
    const { jwt } = await issue(issuer)
    const pdf = await makePdf({ certificate: jwt })
    const el = await mountInput()
    const chooser = el.shadowRoot!.querySelector('input[type="file"]') as HTMLInputElement
    expect(chooser.accept).to.contain('.pdf')
    const data = new DataTransfer()
    data.items.add(new File([pdf], 'scan'))
    chooser.files = data.files
    const done = nextResult(el)
    chooser.dispatchEvent(new Event('change', { bubbles: true }))
    expect((await done).type).to.equal('microcert-verified')
  })

  it('verifies a PDF certificate given by src', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer)
    const pdf = await makePdf({ certificate: jwt })
    const response = await fetch(`${issuer.base}/credentials/${certificateId}.pdf`, { method: 'PUT', body: pdf, headers: { 'content-type': 'application/pdf' } })
    expect(response.ok).to.equal(true)
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px"></div>`)
    const done = new Promise<Event>((resolve) => wrapper.addEventListener('microcert-verified', resolve, { once: true }))
    const el = document.createElement('microcert-verify') as MicrocertVerify
    el.allowInsecureLocalhost = true
    el.src = `${issuer.registry}/credentials/${certificateId}.pdf`
    wrapper.append(el)
    await done
    expect(el.result?.certificateId).to.equal(certificateId)
  })

  it('says so when a PDF carries no credential (ERR_PDF_CREDENTIAL_MISSING)', async () => {
    const pdf = await makePdf({ attachments: [] })
    const el = await mountInput()
    const done = nextResult(el)
    drop(el, new File([pdf], 'printed.pdf', { type: 'application/pdf' }))
    const event = await done
    expect(event.type).to.equal('microcert-failed')
    expect(codes(event)).to.deep.equal(['ERR_PDF_CREDENTIAL_MISSING'])
    await el.updateComplete
    expect(part(el, 'headline')?.textContent).to.equal('No credential could be taken from this PDF')
    expect(part(el, 'explanation')?.textContent).to.equal(
      'This PDF carries no digital credential. Ask for the PDF issued with the credential, or for its certificate ID.',
    )
    await expect(el).to.be.accessible()
    await screenshot(el, 'pdf-no-credential')
  })

  it('says so when a PDF carries several credentials (ERR_PDF_CREDENTIAL_AMBIGUOUS), in the page language', async () => {
    const issuer = await webIssuer()
    const [a, b] = await Promise.all([issue(issuer), issue(issuer)])
    const pdf = await makePdf({ attachments: [{ name: 'a.jwt', data: a.jwt }, { name: 'b.jwt', data: b.jwt }] })
    const el = await mountInput()
    el.setAttribute('lang', 'cs')
    const done = nextResult(el)
    drop(el, new File([pdf], 'two.pdf', { type: 'application/pdf' }))
    const event = await done
    expect(event.type).to.equal('microcert-failed')
    expect(codes(event)).to.deep.equal(['ERR_PDF_CREDENTIAL_AMBIGUOUS'])
    await el.updateComplete
    expect(part(el, 'headline')?.textContent).to.equal('Z tohoto PDF se nepodařilo získat žádné osvědčení')
    expect(part(el, 'explanation')?.textContent).to.equal('Toto PDF obsahuje více než jedno osvědčení; ověřte každý soubor s osvědčením zvlášť.')
  })

  it('reports a cut-off PDF with a PDF code and the PDF headline, never as a forgery', async () => {
    const pdf = await makePdf({ certificate: (await issue(await webIssuer())).jwt })
    const el = await mountInput()
    const done = nextResult(el)
    drop(el, new File([pdf.subarray(0, 900)], 'cut.pdf', { type: 'application/pdf' }))
    const event = await done
    expect(event.type).to.equal('microcert-failed')
    expect(codes(event)).to.have.length(1)
    expect(codes(event)[0]).to.match(/^ERR_PDF_/)
    await el.updateComplete
    expect(part(el, 'headline')?.textContent).to.equal('No credential could be taken from this PDF')
  })
})
