// Other issuers' formats in the widget (issues 10 and 15): RS256 VC-JWTs, SD-JWT VC presentations from a wallet, plain
// Open Badges under both profiles — each signed for real in the test, its keys served by the test host. Data Integrity
// credentials, whose JSON-LD code only the built widget carries, are in test/cdn-build.test.ts.
import { buildCredential, generateKeyPair } from '@microcert/core'
import { expect, fixture, html } from '@open-wc/testing'
import '../src/define.js'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issueToWallet, present, type Wallet } from './wallet.js'
import { issue, mountAndWait, nextResult, part, putFixture, sampleInput, screenshot, shadowText, waitUntil, webIssuer, type TestIssuer } from './helpers.js'

const encoder = new TextEncoder()
const b64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const b64urlText = (text: string): string => b64url(encoder.encode(text))
const fromB64url = (text: string): string => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))
const headline = (el: MicrocertVerify): string | null | undefined => part(el, 'headline')?.textContent
const explanation = (el: MicrocertVerify): string | null | undefined => part(el, 'explanation')?.textContent
const codes = (event: CustomEvent): (string | undefined)[] => event.detail.checks.map((c: { code?: string }) => c.code)
const checkText = (el: MicrocertVerify, name: string): string =>
  [...el.shadowRoot!.querySelectorAll('[part~="check"]')].find((li) => li.querySelector('.check-name')?.textContent === name)
    ?.querySelector('.check-text')?.textContent ?? ''
/** The details list as label → value pairs. */
function rows(el: MicrocertVerify): Record<string, string> {
  const dl = part(el, 'details')
  const out: Record<string, string> = {}
  for (const dt of dl?.querySelectorAll('dt') ?? []) out[dt.textContent!.trim()] = (dt.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim()
  return out
}

async function mountInput(attributes: { trusted?: string; profile?: string; lang?: string } = {}): Promise<MicrocertVerify> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px">
    <microcert-verify input allow-insecure-localhost trusted-issuers=${attributes.trusted ?? ''} profile=${attributes.profile ?? 'micro-credential'}
      lang=${attributes.lang ?? 'en'}></microcert-verify>
  </div>`)
  const el = wrapper.querySelector('microcert-verify') as MicrocertVerify
  await el.updateComplete
  return el
}

/** Pastes `text` into the field, as a visitor does, and resolves with the run's event. */
async function paste(el: MicrocertVerify, text: string): Promise<CustomEvent> {
  const data = new DataTransfer()
  data.setData('text/plain', text)
  const done = nextResult(el)
  el.shadowRoot!.querySelector('input[type="text"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }))
  const event = await done
  await el.updateComplete
  return event
}

// --- RS256: another issuer's VC-JWT, signed with an RSA key its did:web (on the test host) publishes -----------------

interface RsaIssuer {
  did: string
  kid: string
  key: CryptoKey
  /** The web address that publishes its keys, as the verdict names it. */
  domain: string
}

/** A did:web issuer with a 2048-bit RSA key, its DID document (JsonWebKey2020) PUT on the test host. */
async function rsaIssuer(): Promise<RsaIssuer> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  const { kty, n, e } = await crypto.subtle.exportKey('jwk', pair.publicKey)
  const slug = `rsa${crypto.randomUUID().slice(0, 8)}`
  const did = `did:web:${encodeURIComponent(location.host)}:fx:${slug}`
  const kid = `${did}#key-rsa`
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty, n, e } }],
    assertionMethod: [kid],
  }
  await putFixture(`/fx/${slug}/did.json`, JSON.stringify(document), 'application/json')
  return { did, kid, key: pair.privateKey, domain: `${location.host}/fx/${slug}` }
}

/** A VC-JWT the way another issuer writes it: `alg: RS256`, signed with WebCrypto, the credential as the payload. */
async function signRs256(issuer: RsaIssuer, credential: object): Promise<string> {
  const input = `${b64urlText(JSON.stringify({ alg: 'RS256', typ: 'vc+jwt', kid: issuer.kid }))}.${b64urlText(JSON.stringify(credential))}`
  const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', issuer.key, encoder.encode(input)))
  return `${input}.${b64url(signature)}`
}

async function rs256Credential(): Promise<{ issuer: RsaIssuer; jwt: string }> {
  const issuer = await rsaIssuer()
  const credential = buildCredential(sampleInput({ did: issuer.did, name: 'Hochschule Beispiel' } as TestIssuer))
  return { issuer, jwt: await signRs256(issuer, credential) }
}

describe('<microcert-verify> an RS256 VC-JWT of another issuer', () => {
  it('is authentic and verified for a trusted issuer, named as the trust set says', async () => {
    const { issuer, jwt } = await rs256Credential()
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(event.detail.checks.find((c: { id: string }) => c.id === 'signature').outcome).to.equal('passed')
    expect(headline(el)).to.equal('Authentic micro-credential issued by Hochschule Beispiel')
    expect(shadowText(el)).to.contain('Data Analysis with Python')
  })

  it('without a trust set, a did:web issuer is verified by the web address that publishes its RSA key', async () => {
    const { issuer, jwt } = await rs256Credential()
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${jwt} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-verified')
    expect(event.detail.issuer.confirmedBy).to.equal('domain')
    expect(headline(el)).to.equal(`Authentic micro-credential issued by ${issuer.domain}`)
  })

  it('is authentic but a warning when the page trusts other issuers only (issue 9 rules hold)', async () => {
    const { jwt } = await rs256Credential()
    const other = await webIssuer()
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${jwt} trusted-issuers=${other.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(event.detail.reason.code).to.equal('ERR_ISSUER_UNTRUSTED')
    expect(headline(el)).to.match(/^Authentic, but .+ is not on the list of trusted issuers$/)
  })

  it('an altered RS256 credential is not authentic (ERR_SIGNATURE_INVALID)', async () => {
    const { issuer, jwt } = await rs256Credential()
    const [header, payload, signature] = jwt.split('.')
    const changed = JSON.parse(fromB64url(payload!)) as { credentialSubject: { achievement: { name: string } } }
    changed.credentialSubject.achievement.name = 'Brain Surgery'
    const forged = `${header}.${b64urlText(JSON.stringify(changed))}.${signature}`
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${forged} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-failed')
    expect(codes(event)).to.include('ERR_SIGNATURE_INVALID')
    expect(headline(el)).to.equal('Not authentic: the credential was altered or not signed by its issuer')
    expect(shadowText(el)).to.not.contain('Brain Surgery')
  })
})

// --- SD-JWT VC presentations: issued by core, presented by the OpenWallet Foundation's holder code -------------------

/** EU element 1 as Czech names it (src/i18n/cs.ts). */
const CS_LEARNER = 'identifikace studujícího'

describe('<microcert-verify input> an SD-JWT VC presentation from a wallet', () => {
  let issuer: TestIssuer
  let wallet: Wallet
  before(async () => {
    issuer = await webIssuer()
    wallet = await generateKeyPair('ES256')
  })

  it('shows only the disclosed claims, marks every other one "not disclosed", and the holder check', async () => {
    const presentation = await present(await issueToWallet(issuer, wallet), ['givenName', 'familyName', 'grade'], wallet)
    const el = await mountInput()
    const event = await paste(el, presentation)
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(event.detail.checks.find((c: { id: string }) => c.id === 'holder').outcome).to.equal('passed')
    expect(event.detail.presentation.keyBinding).to.not.equal(undefined)
    const shown = rows(el)
    expect(shown['Title']).to.equal('Data Analysis with Python')
    expect(shown['Learner']).to.equal('Jana Nováková')
    expect(shown['Grade']).to.equal('A')
    expect(shown['Workload']).to.equal('5 ECTS credits')
    expect(shown['Level']).to.equal('EQF level 6')
    expect(shown['Presented by']).to.match(/^the wallet the credential was issued to, on \w+ \d+, \d{4}$/)
    // Every selectively disclosable claim the holder kept back, and nothing of its value.
    for (const label of ['Issued on', 'Date of birth', 'E-mail address', 'Student number', 'Certificate ID', "Learner's identifier", 'Course start', 'Course end', 'Credits earned', 'Note']) {
      expect(shown[label], label).to.equal('not disclosed')
    }
    expect(shadowText(el)).to.not.contain('2001')
    expect(el.shadowRoot!.querySelectorAll('.not-disclosed').length).to.equal(10)
    // The verdict names the EU elements the holder did not disclose; the schema check names present ones too.
    expect(explanation(el)).to.contain('Not disclosed by the holder: date of issuing.')
    el.shadowRoot!.querySelectorAll('details').forEach((d) => (d.open = true))
    expect(checkText(el, 'Holder')).to.equal('The presentation was made by the wallet the credential was issued to.')
    expect(checkText(el, 'Content and EU elements')).to.equal(
      'Present: identification of the learner, title of the micro-credential, country or region of the issuer, awarding body, learning outcomes, notional workload, level (EQF, QF-EHEA cycle), type of assessment, form of participation, and type of quality assurance. Not disclosed by the holder: date of issuing.',
    )
    await expect(el).to.be.accessible()
    await screenshot(el, 'presentation')
  })

  it('says "not disclosed" in the page language (Czech), the EU elements named in Czech', async () => {
    const presentation = await present(await issueToWallet(issuer, wallet), ['issuanceDate'], wallet)
    const el = await mountInput({ lang: 'cs' })
    const event = await paste(el, presentation)
    expect(event.type).to.equal('microcert-verified')
    await waitUntil(() => rows(el)['Absolvent/ka'] === 'nezpřístupněno', 'the Czech rows')
    expect(rows(el)['Datum narození']).to.equal('nezpřístupněno')
    expect(rows(el)['Vydáno']).to.not.equal('nezpřístupněno')
    expect(explanation(el)).to.contain(`Držitel nezpřístupnil: ${CS_LEARNER}.`)
    expect(explanation(el)).to.not.contain('identification')
  })

  it('fails a presentation with a tampered disclosure (ERR_DISCLOSURE_UNKNOWN) and shows none of its claims', async () => {
    const presentation = await present(await issueToWallet(issuer, wallet), ['grade'], wallet)
    const parts = presentation.split('~')
    const index = parts.findIndex((part, i) => i > 0 && part.length > 0 && !part.includes('.') && JSON.parse(fromB64url(part))[1] === 'grade')
    const disclosure = JSON.parse(fromB64url(parts[index]!)) as [string, string, string]
    disclosure[2] = 'A+ (with honours)'
    parts[index] = b64urlText(JSON.stringify(disclosure))
    const el = await mountInput()
    const event = await paste(el, parts.join('~'))
    expect(event.type).to.equal('microcert-failed')
    expect(event.detail.reason.code).to.equal('ERR_DISCLOSURE_UNKNOWN')
    expect(headline(el)).to.equal('Not authentic: the credential was altered or not signed by its issuer')
    expect(explanation(el)).to.equal('The presentation contains information the issuer did not sign.')
    expect(part(el, 'details')).to.equal(null)
    expect(shadowText(el)).to.not.contain('honours')
  })

  it('fails a presentation made by another wallet (ERR_KEY_BINDING_SIGNATURE_INVALID), its claims not shown', async () => {
    const thief = await generateKeyPair('ES256')
    const presentation = await present(await issueToWallet(issuer, wallet), ['givenName'], thief)
    const el = await mountInput()
    const event = await paste(el, presentation)
    expect(event.type).to.equal('microcert-failed')
    expect(event.detail.reason).to.deep.equal({ check: 'holder', code: 'ERR_KEY_BINDING_SIGNATURE_INVALID' })
    expect(explanation(el)).to.equal('The presentation was not made by the wallet the credential was issued to.')
    expect(part(el, 'details')).to.equal(null)
  })

  it('renders hostile claims of a presentation as inert text', async () => {
    const sdJwt = await issueToWallet(
      issuer,
      wallet,
      (credential) => {
        credential.credentialSubject.achievement.name = '<img src=x onerror="window.__pwned=1">Free ECTS\u202Efdp.exe'
      },
      { givenName: '<script>window.__pwned=1</script>', familyName: '\u202Eevil\u200B', dateOfBirth: '2001-04-17' },
    )
    const el = await mountInput()
    const event = await paste(el, await present(sdJwt, ['givenName', 'familyName'], wallet))
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    const root = el.shadowRoot!
    expect(root.querySelectorAll('script, img').length).to.equal(0)
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined)
    expect(rows(el)['Learner']).to.equal('<script>window.__pwned=1</script> evil')
    expect(rows(el)['Title']).to.equal('<img src=x onerror="window.__pwned=1">Free ECTSfdp.exe')
    expect(/[\u202A-\u202E\u200B]/.test(shadowText(el))).to.equal(false)
  })
})

// --- EU elements by name, under both profiles ---------------------------------------------------------------------

/** A signed credential of `issuer` without the EU elements 9 and 11 (a plain Open Badges credential). */
async function plainOpenBadge(issuer: TestIssuer): Promise<string> {
  const { signCredential } = await import('@microcert/core')
  const credential = structuredClone(buildCredential(sampleInput(issuer))) as unknown as { credentialSubject: { achievement: Record<string, unknown> } }
  delete credential.credentialSubject.achievement['typeOfAssessment']
  delete credential.credentialSubject.achievement['qualityAssurance']
  return signCredential(credential, issuer.signer)
}

/** The two missing elements as German lists them (src/i18n/de.ts, Intl.ListFormat). */
const DE_MISSING = 'Art der Bewertung und Art der Qualitätssicherung'

describe('<microcert-verify> EU elements named in the verdict', () => {
  it('a plain Open Badge is an authentic Open Badge under profile="open-badge", the missing elements as information', async () => {
    const issuer = await webIssuer()
    const jwt = await plainOpenBadge(issuer)
    const { el, event } = await mountAndWait(html`<microcert-verify profile="open-badge" credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-verified')
    expect(event.detail.euElements.missing.map((e: { element: number }) => e.element)).to.deep.equal([9, 11])
    expect(headline(el)).to.equal('Authentic Open Badge issued by Univerzita Karlova')
    expect(explanation(el)).to.equal('Not a complete EU micro-credential: it lacks type of assessment and type of quality assurance.')
    el.setAttribute('lang', 'de')
    await waitUntil(() => headline(el) === 'Echtes Open Badge, ausgestellt von Univerzita Karlova', 'the German verdict')
    expect(explanation(el)).to.equal(`Kein vollständiges EU-Microcredential: Es fehlen ${DE_MISSING}.`)
  })

  it('under the default profile it is authentic but not a complete micro-credential, the missing elements named', async () => {
    const issuer = await webIssuer()
    const jwt = await plainOpenBadge(issuer)
    const { el, event } = await mountAndWait(html`<microcert-verify credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(event.type).to.equal('microcert-warning')
    expect(event.detail.reason.code).to.equal('ERR_EU_ELEMENTS_MISSING')
    expect(headline(el)).to.equal('Authentic, but not a complete EU micro-credential')
    expect(explanation(el)).to.equal('Missing: type of assessment and type of quality assurance.')
    expect(checkText(el, 'Content and EU elements')).to.match(/^Some information required for an EU micro-credential is missing\. Present: identification of the learner, .+\. Missing: type of assessment and type of quality assurance\.$/)
  })

  it('a complete micro-credential names no missing element', async () => {
    const issuer = await webIssuer()
    const { jwt } = await issue(issuer)
    const { el } = await mountAndWait(html`<microcert-verify profile="open-badge" credential=${jwt} trusted-issuers=${issuer.did} allow-insecure-localhost></microcert-verify>`)
    expect(headline(el)).to.equal('Authentic micro-credential issued by Univerzita Karlova')
    expect(explanation(el) ?? '').to.not.contain('lacks')
  })
})
