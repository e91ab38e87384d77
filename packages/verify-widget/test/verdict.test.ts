// Issue 9: verdicts an employer cannot misread, seen in Chromium as a visitor sees them — at 390 px and at desktop
// width. Credentials are signed in the browser; did:web issuers, registries and lists are served over real HTTP.
import { buildCredential, createSigner, generateKeyPair, signCredential } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import {
  issue,
  jwkIssuer,
  nextResult,
  part,
  publish,
  publishStatusList,
  putFixture,
  recordEvents,
  sampleInput,
  screenshot,
  settle,
  shadowText,
  waitUntil,
  webIssuer,
  type TestIssuer,
} from './helpers.js'

const REAL_NAME = 'Univerzita Karlova'
const short = (did: string): string => (did.length <= 48 ? did : `${did.slice(0, 32)}…${did.slice(-8)}`)
const domainOf = (issuer: TestIssuer): string => `${location.host}${issuer.base}`
const headline = (el: MicrocertVerify): string | null | undefined => part(el, 'headline')?.textContent
const checkText = (el: MicrocertVerify, id: string): string =>
  [...el.shadowRoot!.querySelectorAll('[part~="check"]')].find((li) => li.querySelector('.check-name')?.textContent === id)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

/** Mounts `template` in a wrapper `width` px wide and resolves once its first run has finished. */
async function mount(template: unknown, width = 640): Promise<{ el: MicrocertVerify; event: CustomEvent }> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}></div>`)
  const holder = await fixture<HTMLDivElement>(html`<div>${template}</div>`, { parentNode: wrapper })
  const el = holder.querySelector('microcert-verify') as MicrocertVerify
  const event = el.result ? new CustomEvent(`microcert-${el.status}`, { detail: el.result }) : await nextResult(el)
  await el.updateComplete
  await settle()
  return { el, event }
}

/** A did:web issuer whose DID document cannot be fetched (the test host drops connections under /dead/). */
async function unreachableIssuer(): Promise<TestIssuer> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = `did:web:${encodeURIComponent(location.host)}:dead:u${crypto.randomUUID().slice(0, 8)}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#key-1` }), publicJwk, name: REAL_NAME }
}

/** A signed credential of `issuer` without the EU elements 9 and 11 (a plain Open Badges credential). */
async function withoutEuElements(issuer: TestIssuer): Promise<string> {
  const credential = structuredClone(buildCredential(sampleInput(issuer))) as unknown as { credentialSubject: { achievement: Record<string, unknown> } }
  delete credential.credentialSubject.achievement['typeOfAssessment']
  delete credential.credentialSubject.achievement['qualityAssurance']
  return signCredential(credential, issuer.signer)
}

/** Screenshots at 390 px (a phone) and at desktop width; both under test-results/ (docs/ with UPDATE_SCREENSHOTS=1). */
async function screenshotsOf(template: unknown, name: string): Promise<void> {
  await setViewport({ width: 390, height: 1600 })
  const { el: narrow } = await mount(template, 358)
  await expect(narrow).to.be.accessible()
  expect(narrow.getBoundingClientRect().width).to.be.at.most(358)
  await screenshot(narrow, `${name}-390`)
  await setViewport({ width: 1280, height: 1600 })
  const { el: wide } = await mount(template, 736)
  await screenshot(wide, name)
}

afterEach(async () => {
  await setViewport({ width: 800, height: 600 })
})

describe('case 1: no green "verified" for an issuer nobody vouched for', () => {
  it('shows a self-signed did:jwk credential that copies a university name as "issuer unknown", never verified', async () => {
    const issuer = await jwkIssuer(REAL_NAME)
    const { jwt } = await issue(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt}></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(el.status).to.equal('warning')
    expect(headline(el)).to.equal(`Authentic, but the issuer is unknown: ${short(issuer.did)}`)
    expect(part(el, 'explanation')?.textContent).to.equal(`It calls itself “${REAL_NAME}”, which nothing confirms.`)
    expect(shadowText(el)).to.contain(`${REAL_NAME} (not confirmed: name as claimed by ${short(issuer.did)})`)
    expect(part(el, 'link'), 'no link to the website a stranger claims').to.equal(null)
    expect(shadowText(el)).not.to.match(/identity was confirmed/i)
    expect(checkText(el, 'Issuer identity')).to.contain("Signed with the key in the issuer's own identifier, which does not say who the issuer is.")
    await screenshotsOf(html`<microcert-verify credential=${jwt}></microcert-verify>`, 'untrusted-did-jwk')
  })

  it('verifies a did:web issuer without trust configured and names its domain, with the name marked as stated by it', async () => {
    const issuer = await webIssuer(REAL_NAME)
    const { jwt, certificateId } = await issue(issuer, {}, { statusIndex: 11 })
    await publish(issuer, jwt, certificateId)
    await publishStatusList(issuer, [])
    const template = html`<microcert-verify certificate-id=${certificateId} registry=${issuer.registry!} allow-insecure-localhost></microcert-verify>`
    const { el, event } = await mount(template)
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(headline(el)).to.equal(`Authentic micro-credential issued by ${domainOf(issuer)}`)
    expect(part(el, 'explanation')?.textContent).to.equal(`It calls itself “${REAL_NAME}”; only the web address ${domainOf(issuer)} is confirmed.`)
    expect(shadowText(el)).to.contain(`${REAL_NAME} (name as stated by ${domainOf(issuer)})`)
    expect(part(el, 'link'), 'the claimed website is on another domain').to.equal(null)
    await screenshotsOf(template, 'verified-did-web')
  })
})

describe('case 2: the headline is chosen by severity', () => {
  it('headlines "not a trusted issuer" over missing EU elements and over an expiry', async () => {
    const issuer = await jwkIssuer(REAL_NAME)
    const other = await jwkIssuer()
    const expected = `Authentic, but ${short(issuer.did)} is not on the list of trusted issuers`
    const { el: eu } = await mount(html`<microcert-verify credential=${await withoutEuElements(issuer)} trusted-issuers=${other.did}></microcert-verify>`)
    expect(headline(eu)).to.equal(expected)
    const { jwt } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const { el: expired } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${other.did}></microcert-verify>`)
    expect(headline(expired)).to.equal(expected)
  })

  it('headlines "could not check" over an untrusted issuer, and still names the issuer', async () => {
    const issuer = await webIssuer(REAL_NAME)
    const other = await jwkIssuer()
    const { jwt } = await issue(issuer, {}, { statusIndex: 3 })
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${other.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-unknown')
    expect(headline(el)).to.equal(`We could not check whether the issuer revoked this credential (issuer not confirmed: ${domainOf(issuer)})`)
  })

  it('headlines a revocation over everything else', async () => {
    const issuer = await webIssuer(REAL_NAME)
    const { jwt, certificateId } = await issue(issuer, {}, { statusIndex: 5, certificateId: undefined })
    await publish(issuer, jwt, certificateId)
    await publishStatusList(issuer, [5])
    const { el } = await mount(html`<microcert-verify credential=${jwt} trust-list=${`${location.origin}/dead/trust.json`} allow-insecure-localhost></microcert-verify>`)
    expect(el.status).to.equal('failed')
    expect(headline(el)).to.match(/^Revoked by the issuer/)
  })
})

describe('case 3: "could not check" shows nothing the signature did not vouch for', () => {
  it('keeps the content collapsed and marked unverified, and reports issuer and trust as "could not check"', async () => {
    const issuer = await unreachableIssuer()
    const { jwt } = await issue(issuer)
    const template = html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`
    const { el, event } = await mount(template)
    expect(event.type).to.equal('microcert-unknown')
    expect(el.result?.credential).to.equal(undefined)
    expect(part(el, 'details')?.closest('[part~="unverified"]'), 'details only inside the unverified disclosure').to.not.equal(null)
    const unverified = part(el, 'unverified') as HTMLDetailsElement
    expect(unverified.open).to.equal(false)
    expect(unverified.querySelector('summary')?.textContent).to.equal('What the credential says (unverified: no signature confirms it)')
    expect(shadowText(el)).not.to.contain('trusted issuer)')
    expect(part(el, 'link')).to.equal(null)
    expect(checkText(el, 'Issuer identity')).to.equal('Issuer identity: could not check Not checked, because the signature could not be checked.')
    expect(checkText(el, 'Trusted issuer')).to.contain('could not check')
    await screenshotsOf(template, 'could-not-check')
  })

  it('reports a web page served in place of a src credential (a captive portal) as "could not check", not as invalid', async () => {
    await putFixture('/fx/portal/credential.jwt', '<!doctype html><title>Log in to the Wi-Fi</title>', 'text/html')
    const { el, event } = await mount(html`<microcert-verify src="/fx/portal/credential.jwt"></microcert-verify>`)
    expect(event.type).to.equal('microcert-unknown')
    expect(el.result?.reason).to.deep.equal({ check: 'format', code: 'ERR_REGISTRY_UNREACHABLE' })
  })

  it('reports a did:web issuer whose DID document does not exist as failed (ERR_DID_NOT_FOUND), not "try again later"', async () => {
    const { privateJwk, publicJwk } = await generateKeyPair('ES256')
    const did = `did:web:${encodeURIComponent(location.host)}:fx:nobody-${crypto.randomUUID().slice(0, 8)}`
    const issuer = { did, signer: await createSigner(privateJwk, { kid: `${did}#key-1` }), publicJwk, name: REAL_NAME }
    const { jwt } = await issue(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(el.result?.reason).to.deep.equal({ check: 'signature', code: 'ERR_DID_NOT_FOUND' })
    expect(shadowText(el)).not.to.contain('try again later')
  })
})

describe('case 7: the widget never shows a stale result', () => {
  async function verifiedInput(): Promise<{ el: MicrocertVerify; issuer: TestIssuer; certificateId: string }> {
    const issuer = await webIssuer(REAL_NAME)
    const { jwt, certificateId } = await issue(issuer)
    await publish(issuer, jwt, certificateId)
    const el = await fixture<MicrocertVerify>(html`<microcert-verify input registry=${issuer.registry!} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    const field = el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
    field.value = certificateId
    const done = nextResult(el)
    ;(part(el, 'button') as HTMLButtonElement).click()
    expect((await done).type).to.equal('microcert-verified')
    await el.updateComplete
    expect(part(el, 'details')).to.not.equal(null)
    return { el, issuer, certificateId }
  }

  it('clears the verdict and the details at once when a new value is typed', async () => {
    const { el } = await verifiedInput()
    const field = el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
    field.focus()
    await sendKeys({ press: 'Backspace' })
    await el.updateComplete
    expect(el.status).to.equal('idle')
    expect(el.result).to.equal(undefined)
    expect(part(el, 'details')).to.equal(null)
    expect(part(el, 'headline')).to.equal(null)
  })

  it('clears the verdict at once when an ID is pasted or text is dropped, before anything is checked', async () => {
    const { el, certificateId } = await verifiedInput()
    const field = el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
    const data = new DataTransfer()
    data.setData('text/plain', certificateId)
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }))
    field.value = certificateId.slice(0, -1)
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }))
    await el.updateComplete
    expect(el.status).to.equal('idle')
    expect(part(el, 'details')).to.equal(null)
  })

  it('fails a typo on submit with ERR_CERTIFICATE_ID_INVALID and microcert-failed, replacing the last verdict', async () => {
    const { el, certificateId } = await verifiedInput()
    const events = recordEvents(el)
    const field = el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
    field.value = `${certificateId.slice(0, -1)}${certificateId.at(-1) === 'A' ? 'B' : 'A'}`
    ;(part(el, 'button') as HTMLButtonElement).click()
    await el.updateComplete
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-failed'])
    expect(el.status).to.equal('failed')
    expect(el.result?.reason?.code).to.equal('ERR_CERTIFICATE_ID_INVALID')
    expect(part(el, 'field-error')?.textContent).to.contain('typo')
    expect(part(el, 'details')).to.equal(null)
  })

  it('looks a link into another registry up only for an issuer the page trusts, and otherwise says so', async () => {
    const home = await webIssuer('Home University')
    const stranger = await webIssuer(REAL_NAME)
    const { jwt, certificateId } = await issue(stranger)
    await publish(stranger, jwt, certificateId)
    const link = `${stranger.registry}/credentials/${certificateId}`
    const requests: string[] = []
    const spy: typeof fetch = (input, init) => {
      requests.push(String(input))
      return fetch(input, init)
    }
    // A page with a registry and trusted issuers: the foreign credential is looked up, but not shown as verified.
    const trusting = await fixture<MicrocertVerify>(html`<microcert-verify input registry=${home.registry!} trusted-issuers=${home.did} allow-insecure-localhost></microcert-verify>`)
    ;(trusting.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement).value = link
    const refused = nextResult(trusting)
    ;(part(trusting, 'button') as HTMLButtonElement).click()
    const event = await refused
    expect(event.type).to.equal('microcert-failed')
    expect(event.detail.reason).to.deep.equal({ check: 'format', code: 'ERR_REGISTRY_UNTRUSTED' })
    await trusting.updateComplete
    expect(headline(trusting)).to.equal(`This page does not check credentials from ${domainOf(stranger)}`)
    expect(part(trusting, 'details')).to.equal(null)
    // A page with a registry and no trust at all: refused at once, without a request to the other registry.
    const plain = await fixture<MicrocertVerify>(html`<microcert-verify input registry=${home.registry!} allow-insecure-localhost .fetch=${spy}></microcert-verify>`)
    ;(plain.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement).value = link
    const events = recordEvents(plain)
    ;(part(plain, 'button') as HTMLButtonElement).click()
    await plain.updateComplete
    expect(events.map((e) => e.type)).to.deep.equal(['microcert-failed'])
    expect(part(plain, 'field-error')?.textContent).to.contain(`another registry (${domainOf(stranger)})`)
    expect(requests).to.deep.equal([])
    // The same link on a page that trusts that issuer is looked up and verified.
    const both = await fixture<MicrocertVerify>(html`<microcert-verify input registry=${home.registry!} trusted-issuers=${`${home.did} ${stranger.did}`} allow-insecure-localhost></microcert-verify>`)
    ;(both.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement).value = link
    const accepted = nextResult(both)
    ;(part(both, 'button') as HTMLButtonElement).click()
    expect((await accepted).type).to.equal('microcert-verified')
  })
})

describe('case 8: invisible characters never reach the page', () => {
  it('strips tag characters, Hangul fillers, the combining grapheme joiner, variation selectors and U+2800 from every shown text', async () => {
    const hidden = '\u{E0001}\u{E0049}\u3164\u115F\u034F\uFE0F\u{E0100}\u2800\u200B\u202E\u2066\u00AD'
    const issuer = await jwkIssuer(`Uni${hidden}versity of Example`)
    const input = sampleInput(issuer, { learner: { name: `Ja${hidden}na` } })
    input.achievement.title = `Data${hidden} Analysis`
    const { el } = await mount(html`<microcert-verify credential=${await signCredential(buildCredential(input), issuer.signer)} trusted-issuers=${issuer.did}></microcert-verify>`)
    const text = shadowText(el)
    expect(text).to.contain('University of Example')
    expect(text).to.contain('Jana')
    expect(text).to.contain('Data Analysis')
    expect(/[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u.test(text)).to.equal(false)
  })
})

describe('case 9: unsupported is not forged', () => {
  it('shows an embedded proof of a cryptosuite it does not verify as "cannot be checked here", never as altered', async () => {
    const issuer = await jwkIssuer()
    const credential = { ...buildCredential(sampleInput(issuer)), proof: { type: 'DataIntegrityProof', cryptosuite: 'bbs-2023', proofValue: 'u2V0BhVhA' } }
    const { el, event } = await mount(html`<microcert-verify .credential=${JSON.stringify(credential)}></microcert-verify>`)
    expect(event.type).to.equal('microcert-unknown')
    expect(headline(el)).to.equal('This credential is in a format that cannot be checked here')
    expect(part(el, 'explanation')?.textContent).to.contain('This does not mean it is forged.')
    expect(shadowText(el)).not.to.contain('Not authentic')
  })

  it('shows alg "none" still as not authentic', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const [, payload] = jwt.split('.')
    const none = `${btoa(JSON.stringify({ alg: 'none', kid: `${issuer.did}#0` })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${payload}.`
    const { el: forged } = await mount(html`<microcert-verify credential=${none}></microcert-verify>`)
    expect(forged.status).to.equal('failed')
    expect(headline(forged)).to.equal('Not authentic: the credential was altered or not signed by its issuer')
  })
})

describe('the widget at 390 px', () => {
  it('puts each label above its value below ~30rem, and beside it when wide', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const template = html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`
    const rows = (el: MicrocertVerify) => {
      const dt = el.shadowRoot!.querySelector('[part~="details"] dt')!.getBoundingClientRect()
      const dd = el.shadowRoot!.querySelector('[part~="details"] dd')!.getBoundingClientRect()
      return { dt, dd }
    }
    const { el: narrow } = await mount(template, 358)
    const n = rows(narrow)
    expect(n.dd.top).to.be.at.least(n.dt.bottom - 1)
    const { el: wide } = await mount(template, 640)
    const w = rows(wide)
    expect(Math.abs(w.dd.top - w.dt.top)).to.be.below(2)
  })

  it('never breaks a certificate ID inside a group', async () => {
    const issuer = await webIssuer()
    const { jwt, certificateId } = await issue(issuer)
    await publish(issuer, jwt, certificateId)
    const { el } = await mount(html`<microcert-verify certificate-id=${certificateId} registry=${issuer.registry!} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`, 240)
    const groups = [...el.shadowRoot!.querySelectorAll('[part~="details"] .nowrap')] as HTMLElement[]
    expect(groups.map((g) => g.textContent).join('-')).to.equal(certificateId)
    for (const group of groups) expect(group.getClientRects().length, group.textContent ?? '').to.equal(1)
  })

  it('collapses the checks behind "Show the 7 checks" when everything passed, and keeps problems open', async () => {
    const issuer = await jwkIssuer()
    const { jwt } = await issue(issuer)
    const { el } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    const more = part(el, 'checks-more') as HTMLDetailsElement
    expect(more.open).to.equal(false)
    expect(more.querySelector('summary')?.textContent).to.equal('Show the 7 checks')
    expect(el.shadowRoot!.querySelectorAll('[part~="check"]').length).to.equal(7)
    const { jwt: expired } = await issue(issuer, { issuedAt: '2025-01-10T09:00:00Z', validUntil: '2025-12-31T23:00:00Z' })
    const { el: warned } = await mount(html`<microcert-verify credential=${expired} trusted-issuers=${issuer.did}></microcert-verify>`)
    const open = [...warned.shadowRoot!.querySelectorAll('[part~="check"]')].filter((li) => !li.closest('details'))
    expect(open.map((li) => li.getAttribute('part'))).to.deep.equal(['check check-warning'])
    expect(part(warned, 'checks-more')?.querySelector('summary')?.textContent).to.equal('Show the other 6 checks')
  })

  it('draws no focus ring around the verdict after a check started with the mouse; a keyboard user gets focus there', async () => {
    const { issuer, certificateId } = await (async () => {
      const i = await webIssuer()
      const { jwt, certificateId: id } = await issue(i)
      await publish(i, jwt, id)
      return { issuer: i, certificateId: id }
    })()
    const el = await fixture<MicrocertVerify>(html`<microcert-verify input registry=${issuer.registry!} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    ;(el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement).value = certificateId
    const button = (part(el, 'button') as HTMLButtonElement).getBoundingClientRect()
    const done = nextResult(el)
    await sendMouse({ type: 'click', position: [Math.round(button.x + button.width / 2), Math.round(button.y + button.height / 2)] })
    await done
    await el.updateComplete
    await settle()
    const verdict = part(el, 'verdict')!
    expect(el.shadowRoot!.activeElement).to.not.equal(verdict)
    expect(getComputedStyle(verdict).outlineStyle).to.equal('none')
    const field = el.shadowRoot!.querySelector('input[type="text"]') as HTMLInputElement
    field.focus()
    const again = nextResult(el)
    await sendKeys({ press: 'Enter' })
    await again
    await el.updateComplete
    expect(el.shadowRoot!.activeElement).to.equal(verdict)
  })
})

describe('verification profiles (issue 10): an Open Badge without the EU elements', () => {
  const schemaText = (el: MicrocertVerify): string | undefined =>
    [...el.shadowRoot!.querySelectorAll('[part~="check"]')].find((li) => li.querySelector('.check-name')?.textContent === 'Content and EU elements')
      ?.querySelector('.check-text')?.textContent ?? undefined

  it('is a warning under the default micro-credential profile, naming the missing elements', async () => {
    const issuer = await jwkIssuer()
    const jwt = await withoutEuElements(issuer)
    const { el, event } = await mount(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(event.detail.reason.code).to.equal('ERR_EU_ELEMENTS_MISSING')
    expect(schemaText(el)).to.equal(
      'Some information required for an EU micro-credential is missing. Missing: type of assessment and type of quality assurance.',
    )
  })

  it('is an authentic Open Badge under profile="open-badge", its missing EU elements named, not required', async () => {
    const issuer = await jwkIssuer()
    const jwt = await withoutEuElements(issuer)
    const { el, event } = await mount(html`<microcert-verify profile="open-badge" credential=${jwt} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(event.type).to.equal('microcert-verified')
    expect(event.detail.profile).to.equal('open-badge')
    expect(headline(el)).to.equal(`Authentic Open Badge issued by ${REAL_NAME}`)
    el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true))
    expect(schemaText(el)).to.equal(
      'A valid Open Badges 3.0 credential; this page does not require the EU micro-credential elements. Missing: type of assessment and type of quality assurance.',
    )
    el.setAttribute('lang', 'cs')
    await waitUntil(() => headline(el) === `Pravý Open Badge vydaný institucí ${REAL_NAME}`, 'the Czech verdict')
    // A complete micro-credential is still called one under the open-badge profile.
    const { jwt: complete } = await issue(issuer)
    const { el: full } = await mount(html`<microcert-verify profile="open-badge" credential=${complete} trusted-issuers=${issuer.did}></microcert-verify>`)
    expect(headline(full)).to.equal(`Authentic micro-credential issued by ${REAL_NAME}`)
  })
})
