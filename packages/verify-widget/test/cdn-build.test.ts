// The built CDN files (dist/, made by `pnpm build`), each loaded by a page of its own in an iframe, exactly as a site
// loads them with one script tag: what the page requests, in which order, and how much.
import { buildCredential, createDidWebDocument, generateCertificateId, generateKeyPair, signCredential } from '@microcert/core'
import { expect } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import type { MicrocertVerify } from '../src/microcert-verify.js'
import { issue, publish, putFixture, sampleInput, waitUntil, webIssuer, type TestIssuer } from './helpers.js'
import { issueToWallet, present } from './wallet.js'

/** The first-load budget of issue 14 (bench/src/budgets.ts), min+gzip. */
const FIRST_LOAD_BUDGET = 20 * 1024

interface Loaded {
  element: MicrocertVerify
  /** Requests for the widget's own files, in the order they started. */
  files: PerformanceResourceTiming[]
  /** Requests for the credential file. */
  credential: PerformanceResourceTiming[]
  frame: HTMLIFrameElement
}

/** Opens a page that loads `script` and verifies `certificateId` from `issuer`'s registry; resolves after the verdict. */
async function openPage(script: string, issuer: TestIssuer, certificateId: string, lang = 'en'): Promise<Loaded> {
  const frame = document.createElement('iframe')
  frame.style.cssText = 'width: 660px; height: 900px; border: 0'
  frame.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><script type="module" src="${script}"></script></head>
    <body><microcert-verify registry="${issuer.registry}" certificate-id="${certificateId}" trusted-issuers="${issuer.did}" allow-insecure-localhost></microcert-verify></body></html>`
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  const element = frame.contentDocument!.querySelector('microcert-verify') as MicrocertVerify
  await waitUntil(() => ['verified', 'warning', 'failed', 'unknown'].includes(element.getAttribute('status') ?? ''), 'the verdict', 15_000)
  const entries = (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).sort((a, b) => a.startTime - b.startTime)
  const files = entries.filter((entry) => new URL(entry.name).pathname.startsWith('/dist/'))
  const credential = entries.filter((entry) => new URL(entry.name).pathname.endsWith(`/credentials/${certificateId}.jwt`))
  return { element, files, credential, frame }
}

const pathOf = (entry: PerformanceResourceTiming): string => new URL(entry.name).pathname.replace(/^\/dist\//, '')

/** gzip size of a built file (CompressionStream's default level: a little larger than the gzip -9 of the size gate). */
async function gzipSize(path: string): Promise<number> {
  const response = await fetch(`/dist/${path}`)
  if (!response.ok) throw new Error(`/dist/${path}: HTTP ${response.status} (run "pnpm build" first)`)
  const compressed = response.body!.pipeThrough(new CompressionStream('gzip'))
  return (await new Response(compressed).arrayBuffer()).byteLength
}

async function published(): Promise<{ issuer: TestIssuer; certificateId: string }> {
  const issuer = await webIssuer()
  const { jwt, certificateId } = await issue(issuer)
  await publish(issuer, jwt, certificateId)
  return { issuer, certificateId }
}

/** A did:web issuer with an Ed25519 key on the test host, and a micro-credential it signed with a Data Integrity proof. */
async function dataIntegrityCredential(): Promise<{ did: string; json: string }> {
  const { privateJwk, publicJwk } = await generateKeyPair('EdDSA')
  const slug = `di${crypto.randomUUID().slice(0, 8)}`
  const did = `did:web:${encodeURIComponent(location.host)}:fx:${slug}`
  const kid = `${did}#key-1`
  await putFixture(`/fx/${slug}/did.json`, JSON.stringify(createDidWebDocument({ did, keys: [{ id: kid, publicJwk }] })), 'application/json')
  const credential = buildCredential(sampleInput({ did, name: 'Univerzita Karlova' } as TestIssuer))
  const signed = (await executeServerCommand('sign-data-integrity', { credential, privateJwk, kid })) as Record<string, unknown>
  return { did, json: JSON.stringify(signed, null, 2) }
}

/** A page with one `<microcert-verify input>` loading `script`; resolves once the element is defined. */
async function openInputPage(script: string, attributes = ''): Promise<{ frame: HTMLIFrameElement; element: MicrocertVerify }> {
  const frame = document.createElement('iframe')
  frame.style.cssText = 'width: 660px; height: 900px; border: 0'
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="${script}"></script></head>
    <body><microcert-verify input allow-insecure-localhost ${attributes}></microcert-verify></body></html>`
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  await frame.contentWindow!.customElements.whenDefined('microcert-verify')
  const element = frame.contentDocument!.querySelector('microcert-verify') as MicrocertVerify
  await element.updateComplete
  return { frame, element }
}

/** The element's next verdict event inside the page. */
function nextVerdict(element: MicrocertVerify): Promise<CustomEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no verdict within 15 s (status ${element.status})`)), 15_000)
    const done = (event: Event): void => {
      clearTimeout(timer)
      resolve(event as CustomEvent)
    }
    for (const name of ['microcert-verified', 'microcert-warning', 'microcert-failed', 'microcert-unknown']) element.addEventListener(name, done, { once: true })
  })
}

/** Pastes `text` into the page's field, with the page's own event classes, and resolves with the verdict. */
function pasteInto(frame: HTMLIFrameElement, element: MicrocertVerify, text: string): Promise<CustomEvent> {
  const win = frame.contentWindow as Window & typeof globalThis
  const data = new win.DataTransfer()
  data.setData('text/plain', text)
  const verdict = nextVerdict(element)
  element.shadowRoot!.querySelector('input[type="text"]')!.dispatchEvent(new win.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }))
  return verdict
}

/** Drops a file onto the page's form and resolves with the verdict. */
function dropInto(frame: HTMLIFrameElement, element: MicrocertVerify, name: string, text: string): Promise<CustomEvent> {
  const win = frame.contentWindow as Window & typeof globalThis
  const data = new win.DataTransfer()
  data.items.add(new win.File([text], name, { type: 'application/json' }))
  const form = element.shadowRoot!.querySelector('form')!
  const verdict = nextVerdict(element)
  form.dispatchEvent(new win.DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }))
  form.dispatchEvent(new win.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
  return verdict
}

/** The widget's chunk files the page has requested so far. */
const chunksOf = (frame: HTMLIFrameElement): string[] =>
  (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.startsWith('/dist/microcert-verify-chunks/'))
    .map((path) => path.slice('/dist/microcert-verify-chunks/'.length))

describe('the CDN build (dist/)', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()))

  it('loads microcert-verify.js alone first, then the verifier and the page language, and verifies', async () => {
    const { issuer, certificateId } = await published()
    const { element, files, credential } = await openPage('/dist/microcert-verify.js', issuer, certificateId)
    expect(element.status).to.equal('verified')
    const [main, ...rest] = files
    expect(pathOf(main!)).to.equal('microcert-verify.js')
    // Nothing else is requested before the first file has arrived: it imports nothing statically.
    for (const entry of rest) expect(entry.startTime, pathOf(entry)).to.be.at.least(main!.responseEnd)
    // Then the verifier (one file) and the page's language — nothing else: no PDF reader, no other format, no other language.
    const names = rest.map(pathOf).sort()
    expect(names).to.have.length(2)
    expect(names[0]).to.match(/^microcert-verify-chunks\/engine-[A-Z0-9]+\.js$/)
    expect(names[1]).to.equal('microcert-verify-i18n/en.js')
    // The credential is requested once, while the verifier is still on its way, and handed over to it.
    const engineEntry = rest.find((entry) => pathOf(entry) === names[0])!
    expect(credential).to.have.length(1)
    expect(credential[0]!.startTime).to.be.below(engineEntry.responseEnd)
    expect(await gzipSize('microcert-verify.js')).to.be.at.most(FIRST_LOAD_BUDGET)
  })

  it('loads the schemas (schema.js) only for a credential the quick check is not sure about, and verifies it', async () => {
    const issuer = await webIssuer()
    const certificateId = generateCertificateId()
    const credential = buildCredential(sampleInput(issuer), { id: `${issuer.registry}/credentials/${certificateId}` }) as Record<string, unknown>
    // Valid, but not of the plain shape microcert writes: an evidence list.
    credential['evidence'] = [{ id: 'https://uni.example/evidence/1', type: ['Evidence'] }]
    await publish(issuer, await signCredential(credential as never, issuer.signer), certificateId)
    const { element, files } = await openPage('/dist/microcert-verify.js', issuer, certificateId)
    expect(element.status).to.equal('verified')
    expect(element.result?.checks.find((check) => check.id === 'schema')?.outcome).to.equal('passed')
    expect(files.map(pathOf)).to.include('microcert-verify-chunks/schema.js')
  })

  it('fetches the language file of the page (lang="el"), not English', async () => {
    const { issuer, certificateId } = await published()
    const { element, files } = await openPage('/dist/microcert-verify.js', issuer, certificateId, 'el')
    expect(element.status).to.equal('verified')
    const names = files.map(pathOf)
    expect(names).to.include('microcert-verify-i18n/el.js')
    expect(names.filter((name) => name.startsWith('microcert-verify-i18n/'))).to.deep.equal(['microcert-verify-i18n/el.js'])
    expect(element.shadowRoot!.querySelector('[part~="status-label"]')?.textContent).to.equal('Επαληθεύτηκε')
  })

  it('works from another origin (a CDN): every chunk is fetched relative to the script', async () => {
    const { issuer, certificateId } = await published()
    const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'
    const cdn = `${location.protocol}//${otherHost}:${location.port}/dist/microcert-verify.js`
    const { element, files } = await openPage(cdn, issuer, certificateId)
    expect(element.status).to.equal('verified')
    expect(files.length).to.be.at.least(3)
    for (const entry of files) expect(new URL(entry.name).hostname).to.equal(otherHost)
  })

  it('copied without its folders, it says the page could not load the verifier (unknown), never a false verdict', async () => {
    const { issuer, certificateId } = await published()
    // microcert-verify.js alone on a host that has nothing beside it (the fixture host answers 404 for the chunks).
    const main = await (await fetch('/dist/microcert-verify.js')).text()
    const lonely = `/fx/lonely-${crypto.randomUUID().slice(0, 8)}/microcert-verify.js`
    await putFixture(lonely, main, 'text/javascript')
    const { element } = await openPage(lonely, issuer, certificateId)
    expect(element.status).to.equal('unknown')
    expect(element.result?.checks[0]?.details?.['reason']).to.equal('verifier-unavailable')
    expect(element.shadowRoot!.querySelector('[part~="headline"]')?.textContent).to.equal('This page could not load the verifier')
  })

  it('verifies a pasted and a dropped Data Integrity credential, loading the Data Integrity chunk only then', async () => {
    const jwtIssuer = await webIssuer()
    const { jwt } = await issue(jwtIssuer)
    const di = await dataIntegrityCredential()
    const { frame, element } = await openInputPage('/dist/microcert-verify.js')
    // A VC-JWT first: verified with the verifier alone, no Data Integrity code requested.
    const first = await pasteInto(frame, element, jwt)
    expect(first.type).to.equal('microcert-verified')
    expect(chunksOf(frame).some((file) => file.startsWith('data-integrity'))).to.equal(false)
    // Pasted JSON with an embedded proof: the Data Integrity chunk is requested, and the signature verifies.
    const pasted = await pasteInto(frame, element, di.json)
    expect(pasted.type, JSON.stringify(pasted.detail.checks)).to.equal('microcert-verified')
    expect(pasted.detail.checks.find((c: { id: string }) => c.id === 'signature').outcome).to.equal('passed')
    expect(pasted.detail.issuer.id).to.equal(di.did)
    expect(chunksOf(frame).filter((file) => /^data-integrity[^/]*\.js$/.test(file))).to.have.length(1)
    expect(element.shadowRoot!.querySelector('[part~="headline"]')?.textContent).to.equal(`Authentic micro-credential issued by ${location.host}/fx/${di.did.split(':fx:')[1]}`)
    expect(element.shadowRoot!.textContent).to.contain('Data Analysis with Python')
    // The same credential dropped as a .json file; an altered one is not authentic.
    const dropped = await dropInto(frame, element, 'credential.json', di.json)
    expect(dropped.type).to.equal('microcert-verified')
    const altered = di.json.replace('Data Analysis with Python', 'Brain Surgery')
    const forged = await dropInto(frame, element, 'credential.json', altered)
    expect(forged.type).to.equal('microcert-failed')
    expect(forged.detail.reason.code).to.equal('ERR_SIGNATURE_INVALID')
    expect(element.shadowRoot!.textContent).to.not.contain('Brain Surgery')
  })

  it('verifies a pasted wallet presentation, loading its verifier and view chunks only then', async () => {
    const issuer = await webIssuer()
    const { jwt } = await issue(issuer)
    const wallet = await generateKeyPair('ES256')
    const presentation = await present(await issueToWallet(issuer, wallet), ['givenName', 'familyName'], wallet)
    const { frame, element } = await openInputPage('/dist/microcert-verify.js')
    expect((await pasteInto(frame, element, jwt)).type).to.equal('microcert-verified')
    expect(chunksOf(frame).filter((file) => /sd-jwt/.test(file))).to.deep.equal([])
    const event = await pasteInto(frame, element, presentation)
    expect(event.type, JSON.stringify(event.detail.checks)).to.equal('microcert-verified')
    expect(chunksOf(frame).filter((file) => /sd-jwt/.test(file)).sort()).to.deep.equal(['sd-jwt-details.js', 'sd-jwt-presentation.js'])
    await element.updateComplete
    const details = element.shadowRoot!.querySelector('[part~="details"]')?.textContent?.replace(/\s+/g, ' ') ?? ''
    expect(details).to.contain('Jana Nováková')
    const birth = [...element.shadowRoot!.querySelectorAll('dt')].find((dt) => dt.textContent === 'Date of birth')
    expect(birth?.nextElementSibling?.textContent).to.equal('not disclosed')
  })

  it('the all-languages file verifies in Bulgarian with no other request for widget code', async () => {
    const { issuer, certificateId } = await published()
    const { element, files } = await openPage('/dist/microcert-verify-all.js', issuer, certificateId, 'bg')
    expect(element.status).to.equal('verified')
    expect(files.map(pathOf)).to.deep.equal(['microcert-verify-all.js'])
    expect(element.shadowRoot!.querySelector('[part~="status-label"]')?.textContent).to.equal('Проверено')
    expect(element.shadowRoot!.querySelector('[part~="headline"]')?.textContent).to.equal('Истинска микроквалификация, издадена от Univerzita Karlova')
  })
})
