import { expect, fixture, html } from '@open-wc/testing'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, jwkIssuer, nextResult, recordEvents } from './helpers.js'

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('<microcert-verify> events', () => {
  it('fires exactly one bubbling, composed event per completed run, with the result as detail', async () => {
    const issuer = await jwkIssuer()
    const { jwt: first } = await issue(issuer)
    const { jwt: second } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const el = await fixture<MicrocertVerify>(html`<microcert-verify trusted-issuers=${issuer.did}></microcert-verify>`)
    const onDocument = recordEvents(document)
    el.credential = first
    const a = await nextResult(el)
    el.credential = second
    const b = await nextResult(el)
    await delay(200)
    expect(onDocument.map((e) => e.type)).to.deep.equal(['microcert-verified', 'microcert-warning'])
    expect(a.bubbles && a.composed).to.equal(true)
    expect(b.detail).to.equal(el.result)
    expect(b.detail.status).to.equal('warning')
  })

  it('fires nothing for a run superseded by a newer input', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    let release: () => void = () => {}
    const slow: typeof fetch = async (input, init) => {
      await new Promise<void>((resolve) => { release = resolve })
      return fetch(input, init)
    }
    const el = await fixture<MicrocertVerify>(html`<microcert-verify .fetch=${slow} src="/fx/slow/credential.jwt" trusted-issuers=${issuer.did}></microcert-verify>`)
    const events = recordEvents(el)
    expect(el.status).to.equal('verifying')
    el.removeAttribute('src')
    el.credential = jwt
    await nextResult(el)
    release()
    await delay(300)
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-verified'])
    expect(el.status).to.equal('verified')
  })

  it('coalesces several changes in one task into one run and one event', async () => {
    const issuer = await jwkIssuer()
    const { jwt: a } = await issue(issuer)
    const { jwt: b } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const el = await fixture<MicrocertVerify>(html`<microcert-verify></microcert-verify>`)
    const events = recordEvents(el)
    el.credential = a
    el.trustedIssuers = [issuer.did]
    el.credential = b
    await nextResult(el)
    await delay(300)
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-warning'])
  })

  it('stays idle with nothing to verify, and a page cannot fake the state through the attribute', async () => {
    const el = await fixture<MicrocertVerify>(html`<microcert-verify></microcert-verify>`)
    expect(await el.verify()).to.equal(undefined)
    el.setAttribute('status', 'verified')
    expect(el.status).to.equal('idle')
    expect(el.getAttribute('status')).to.equal('idle')
    expect(el.matches(':state(verified)')).to.equal(false)
  })

  it('fires nothing when removed from the page mid-run', async () => {
    let release: () => void = () => {}
    const slow: typeof fetch = async (input, init) => {
      await new Promise<void>((resolve) => { release = resolve })
      return fetch(input, init)
    }
    const el = await fixture<MicrocertVerify>(html`<microcert-verify .fetch=${slow} src="/fx/slow/other.jwt"></microcert-verify>`)
    const events = recordEvents(el)
    el.remove()
    release()
    await delay(300)
    expect(events).to.deep.equal([])
  })

  it('reflects each state to the status attribute and to CSS custom states, and keeps status read-only', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await fixture<MicrocertVerify>(html`<microcert-verify trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(el.getAttribute('status')).to.equal('idle')
    expect(el.matches(':state(idle)')).to.equal(true)
    el.credential = jwt
    await el.updateComplete
    expect(el.getAttribute('status')).to.equal('verifying')
    expect(el.matches(':state(verifying)')).to.equal(true)
    await nextResult(el)
    expect(el.matches(':state(verified)') && !el.matches(':state(verifying)')).to.equal(true)
    expect(() => { (el as unknown as { status: string }).status = 'failed' }).to.throw(TypeError)
    expect(el.status).to.equal('verified')
  })

  it('returns the result from verify() and does not define the tag twice', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const el = await fixture<MicrocertVerify>(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    await nextResult(el)
    const result = await el.verify()
    expect(result?.status).to.equal('verified')
    const Before = customElements.get('microcert-verify')
    await import('../src/define.js?again' as string)
    expect(customElements.get('microcert-verify')).to.equal(Before)
    expect(document.createElement('microcert-verify')).to.be.instanceOf(Before!)
  })
})
