import {
  buildCredential,
  buildStatusListCredential,
  createDidWebDocument,
  createSigner,
  createStatusList,
  encodeStatusList,
  generateCertificateId,
  generateKeyPair,
  setStatusBit,
  signCredential,
  signJwt,
  type Signer,
} from '@microcert/core'
import { fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import type { MicrocertVerify } from '../src/microcert-verify.js'

type MicroCredentialInput = Parameters<typeof buildCredential>[0]

export interface TestIssuer {
  did: string
  signer: Signer
  publicJwk: JsonWebKey
  name: string
  /** Base URL of this issuer's registry on the test server (did:web issuers only). */
  registry?: string
  /** Path prefix of the issuer's files on the test server. */
  base?: string
}

const base64url = (text: string): string => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** PUTs a file onto the in-memory fixture host of web-test-runner.config.mjs. */
export async function putFixture(path: string, body: string, type = 'application/octet-stream'): Promise<void> {
  const response = await fetch(path, { method: 'PUT', body, headers: { 'content-type': type } })
  if (!response.ok) throw new Error(`PUT ${path}: ${response.status}`)
}

/** A did:jwk issuer: no network needed to resolve its key. */
export async function jwkIssuer(name = 'Univerzita Karlova'): Promise<TestIssuer> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const did = `did:jwk:${base64url(JSON.stringify(publicJwk))}`
  return { did, signer: await createSigner(privateJwk, { kid: `${did}#0` }), publicJwk, name }
}

/** A did:web issuer whose DID document (and registry) live on the test server under /fx/<random>/. */
export async function webIssuer(name = 'Univerzita Karlova'): Promise<TestIssuer> {
  const { privateJwk, publicJwk } = await generateKeyPair('ES256')
  const slug = `u${crypto.randomUUID().slice(0, 8)}`
  const did = `did:web:${encodeURIComponent(location.host)}:fx:${slug}`
  const kid = `${did}#key-1`
  await putFixture(`/fx/${slug}/did.json`, JSON.stringify(createDidWebDocument({ did, keys: [{ id: kid, publicJwk }] })), 'application/json')
  return {
    did,
    signer: await createSigner(privateJwk, { kid }),
    publicJwk,
    name,
    registry: `${location.origin}/fx/${slug}`,
    base: `/fx/${slug}`,
  }
}

/** A complete EU micro-credential input, with fixed dates so screenshots stay stable. */
export function sampleInput(issuer: TestIssuer, overrides: Partial<MicroCredentialInput> = {}): MicroCredentialInput {
  return {
    learner: { name: 'Jana Nováková' },
    achievement: {
      title: 'Data Analysis with Python',
      description: 'A short course in data analysis for professionals.',
      learningOutcomes: ['Clean and explore tabular data with pandas', 'Build and explain a linear regression model'],
      ects: 5,
      eqfLevel: 6,
      assessment: ['written examination', 'project'],
      participation: 'blended',
      qualityAssurance: [{ name: 'Internal quality assurance of Charles University', type: 'internal' }],
    },
    issuer: { id: issuer.did, name: issuer.name, country: 'CZ', url: 'https://cuni.example' },
    issuedAt: '2026-03-02T09:00:00Z',
    grade: 'A',
    ...overrides,
  } as MicroCredentialInput
}

/** Builds and signs a credential; did:web issuers get a registry id and (optionally) a status entry. */
export async function issue(
  issuer: TestIssuer,
  overrides: Partial<MicroCredentialInput> = {},
  options: { certificateId?: string; statusIndex?: number } = {},
): Promise<{ jwt: string; certificateId: string }> {
  const certificateId = options.certificateId ?? generateCertificateId()
  const id = issuer.registry ? `${issuer.registry}/credentials/${certificateId}` : undefined
  const credentialStatus =
    issuer.registry && options.statusIndex !== undefined
      ? {
          id: `${issuer.registry}/status/1.jwt#${options.statusIndex}`,
          type: 'BitstringStatusListEntry' as const,
          statusPurpose: 'revocation' as const,
          statusListIndex: String(options.statusIndex),
          statusListCredential: `${issuer.registry}/status/1.jwt`,
        }
      : undefined
  const credential = buildCredential(sampleInput(issuer, overrides), {
    ...(id ? { id } : {}),
    ...(credentialStatus ? { credentialStatus } : {}),
  })
  return { jwt: await signCredential(credential, issuer.signer), certificateId }
}

/** Publishes a credential to the issuer's test registry as credentials/<ID>.jwt. */
export async function publish(issuer: TestIssuer, jwt: string, certificateId: string): Promise<void> {
  await putFixture(`${issuer.base}/credentials/${certificateId}.jwt`, jwt, 'application/jwt')
}

/** Publishes the issuer's revocation list (status/1.jwt) with the given indexes set, and its suspension companion. */
export async function publishStatusList(issuer: TestIssuer, revoked: number[], suspended: number[] = []): Promise<void> {
  for (const [path, purpose, set] of [['status/1.jwt', 'revocation', revoked], ['status/1-suspension.jwt', 'suspension', suspended]] as const) {
    const list = createStatusList()
    for (const index of set) setStatusBit(list, index, true)
    const credential = buildStatusListCredential({
      id: `${issuer.registry}/${path}`,
      issuer: issuer.did,
      purpose,
      encodedList: await encodeStatusList(list),
      ttl: 1000,
    })
    await putFixture(`${issuer.base}/${path}`, await signJwt(credential, issuer.signer), 'application/jwt')
  }
}

const EVENTS = ['microcert-verified', 'microcert-warning', 'microcert-failed', 'microcert-unknown'] as const

/** Records every microcert-* event the element (or its ancestors, since they bubble) sees. */
export function recordEvents(target: EventTarget): CustomEvent[] {
  const seen: CustomEvent[] = []
  for (const name of EVENTS) target.addEventListener(name, (event) => seen.push(event as CustomEvent))
  return seen
}

/** Resolves with the next completed run's event. */
export function nextResult(el: MicrocertVerify, timeout = 15000): Promise<CustomEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no microcert-* event within ${timeout} ms (status ${el.status})`)), timeout)
    const done = (event: Event): void => {
      clearTimeout(timer)
      for (const name of EVENTS) el.removeEventListener(name, done)
      resolve(event as CustomEvent)
    }
    for (const name of EVENTS) el.addEventListener(name, done)
  })
}

/** The element's rendered text, whitespace collapsed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

export function part(el: Element, name: string): HTMLElement | null {
  return el.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null
}

/** Saves a PNG of the element into docs/screenshots/<name>.png. */
export async function screenshot(el: Element, name: string): Promise<void> {
  el.setAttribute('data-shot', name)
  await executeServerCommand('save-screenshot', { selector: `[data-shot="${name}"]`, name })
}

/** Waits a few frames for rendering to settle. */
export const settle = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))

/** Renders `template` inside a 640 px wide wrapper and resolves with the element and its first completed run's event. */
export async function mountAndWait(template: unknown, timeout = 15000): Promise<{ el: MicrocertVerify; event: CustomEvent }> {
  let resolve: (event: CustomEvent) => void = () => {}
  const got = new Promise<CustomEvent>((r) => { resolve = r })
  const handler = (event: Event): void => resolve(event as CustomEvent)
  for (const name of EVENTS) document.addEventListener(name, handler)
  try {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px">${template}</div>`)
    const el = wrapper.querySelector('microcert-verify') as MicrocertVerify
    const event = await Promise.race([
      got,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no microcert-* event within ${timeout} ms (status ${el.status})`)), timeout)),
    ])
    await el.updateComplete
    await settle()
    return { el, event }
  } finally {
    for (const name of EVENTS) document.removeEventListener(name, handler)
  }
}

/** Polls `condition` every frame until it holds (or fails after `timeout` ms with `what`). */
export async function waitUntil(condition: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = performance.now()
  while (!condition()) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`)
    await settle()
  }
}
