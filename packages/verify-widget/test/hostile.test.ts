import { buildCredential, signCredential } from '@microcert/core'
import { expect, html } from '@open-wc/testing'
import '../src/define.js'
import { jwkIssuer, mountAndWait, sampleInput, screenshot, shadowText } from './helpers.js'

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F]/

describe('<microcert-verify> with hostile credential text', () => {
  it('renders script tags, javascript: URLs, bidi overrides, control characters and long names inert and bounded', async () => {
    const issuer = await jwkIssuer('Evil \u202Eytisrevinu\u202C <img src=x onerror="window.__pwned=1">')
    const input = sampleInput(issuer, { learner: { name: 'placeholder' } })
    input.achievement.title = '<b onmouseover="window.__pwned=1">Free ECTS</b>\u202Efdp.exe'
    input.achievement.learningOutcomes = ['\u0007bell\u0000nul <iframe src="javascript:window.__pwned=1"></iframe>', 'x'.repeat(400)]
    // A hostile issuer signs whatever it likes, past buildCredential's input limits.
    const credential = structuredClone(buildCredential(input)) as any
    credential.issuer.url = 'javascript:window.__pwned=1'
    credential.credentialSubject.identifier[0].identityHash = `<script>window.__pwned = 1</script>${'A'.repeat(450)}`
    credential.credentialSubject.achievement.learningOutcome[1] = 'x'.repeat(5000)
    const jwt = await signCredential(credential, issuer.signer)
    const { el } = await mountAndWait(html`<microcert-verify credential=${jwt}></microcert-verify>`)
    const root = el.shadowRoot!
    expect(el.result?.credential, 'the credential must reach the details view').to.not.equal(undefined)
    expect(root.querySelectorAll('script, iframe, b, img[src="x"]').length).to.equal(0)
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined)
    for (const a of root.querySelectorAll('a')) expect(a.protocol).to.match(/^https?:$/)
    const text = shadowText(el)
    expect(text).to.contain('<script>window.__pwned = 1</script>')
    expect(text).to.contain('<b onmouseover')
    expect(BIDI.test(text)).to.equal(false)
    expect(/[\u0000\u0007]/.test(text)).to.equal(false)
    expect(text).not.to.contain('A'.repeat(300))
    expect(text).not.to.contain('x'.repeat(700))
    expect(el.getBoundingClientRect().width).to.be.at.most(640)
    expect(el.getBoundingClientRect().height).to.be.below(2000)
    await expect(el).to.be.accessible()
    await screenshot(el, 'hostile')
  })

  it('keeps a 10,000-character name out of the page: the schema check fails and no claim is shown', async () => {
    const issuer = await jwkIssuer()
    const credential = structuredClone(buildCredential(sampleInput(issuer))) as any
    credential.credentialSubject.identifier[0].identityHash = `\u202E<script>window.__pwned = 1</script>${'A'.repeat(10_000)}`
    credential.name = 'B'.repeat(10_000)
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${await signCredential(credential, issuer.signer)}></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(event.detail.checks.map((c: { code?: string }) => c.code)).to.include('ERR_SCHEMA_INVALID')
    const text = shadowText(el)
    expect(text).not.to.contain('AAAA')
    expect(text).not.to.contain('BBBB')
    expect(el.shadowRoot!.querySelector('[part~="details"]')).to.equal(null)
    expect(el.getBoundingClientRect().height).to.be.below(1000)
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined)
    await expect(el).to.be.accessible()
  })

  it('loads no image from the credential unless show-images is set, and then only http(s)', async () => {
    const issuer = await jwkIssuer()
    const input = sampleInput(issuer)
    ;(input.achievement as { image?: string }).image = 'https://images.example/badge.png'
    const jwt = await signCredential(buildCredential(input), issuer.signer)
    const { el: off } = await mountAndWait(html`<microcert-verify credential=${jwt}></microcert-verify>`)
    expect(off.shadowRoot!.querySelector('img')).to.equal(null)
    const { el: on } = await mountAndWait(html`<microcert-verify credential=${jwt} show-images></microcert-verify>`)
    const img = on.shadowRoot!.querySelector('img')
    expect(img?.getAttribute('src')).to.equal('https://images.example/badge.png')
    expect(img?.getAttribute('referrerpolicy')).to.equal('no-referrer')
  })

  it('stops reading a src body that grows past 1 MiB without declaring its length (ERR_INPUT_TOO_LARGE)', async () => {
    let pulled = 0
    const endless = async (): Promise<Response> =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += 64 * 1024
            controller.enqueue(new Uint8Array(64 * 1024).fill(0x61))
          },
        }),
      )
    const { el, event } = await mountAndWait(html`<microcert-verify .fetch=${endless} src="/fx/endless.jwt"></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(el.result?.checks[0]?.code).to.equal('ERR_INPUT_TOO_LARGE')
    expect(pulled).to.be.lessThan(4 * 1024 * 1024)
  })
})
