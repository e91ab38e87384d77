import type { MicrocertErrorCode, VerificationCheck, VerificationResult, VerifyOptions } from '@microcert/core'
import { html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit'
import type { UiKey } from './i18n/en.js'
import { classifyInput } from './lib/classify-input.js'
import { credentialDetails, type CredentialDetails } from './lib/details.js'
import { isLanguageReady, loadLanguage, translationEvents, translator, type Translator } from './lib/i18n.js'
import { linkedInUrl } from './lib/linkedin.js'
import { loadedEngine, loadEngine, type Engine } from './lib/load-engine.js'
import { prefetchCredential, prefetchingFetch } from './lib/prefetch-credential.js'
import { cleanText, LIMITS } from './lib/sanitize.js'
import { styles } from './lib/styles.js'
import { issuerWho, verdictText } from './lib/verdict.js'

/** The states of `<microcert-verify>`, reflected on `status`, the `status` attribute and CSS custom states. */
export type MicrocertVerifyStatus = 'idle' | 'verifying' | 'verified' | 'warning' | 'failed' | 'unknown'

type TrustList = Exclude<VerifyOptions['trustList'], string | undefined>

const MAX_FILE_BYTES = 1024 * 1024
/** A PDF certificate carries fonts and images besides the credential (the PDF reader's own limit). */
const MAX_PDF_BYTES = 16 * 1024 * 1024
const UNREACHABLE: ReadonlySet<string> = new Set([
  'ERR_REGISTRY_UNREACHABLE', 'ERR_STATUS_UNREACHABLE', 'ERR_DID_UNREACHABLE', 'ERR_TRUST_LIST_UNREACHABLE',
])
const STATUS_TEXT: Readonly<Record<string, UiKey>> = {
  verified: 'statusVerified', warning: 'statusWarning', failed: 'statusFailed', unknown: 'statusUnknown',
}
const OUTCOME_TEXT: Readonly<Record<string, UiKey>> = {
  passed: 'outcomePassed', warning: 'outcomeWarning', failed: 'outcomeFailed', unknown: 'outcomeUnknown', skipped: 'outcomeSkipped',
}
/** Each check's name and the sentence for it when it passed. */
const CHECK_TEXT: Readonly<Record<string, readonly [UiKey, UiKey]>> = {
  format: ['checkFormat', 'passedFormat'],
  signature: ['checkSignature', 'passedSignature'],
  holder: ['checkHolder', 'passedHolder'],
  issuer: ['checkIssuer', 'passedIssuer'],
  schema: ['checkSchema', 'passedSchema'],
  trust: ['checkTrust', 'passedTrust'],
  validity: ['checkValidity', 'passedValidity'],
  status: ['checkStatus', 'passedStatus'],
}
/** The 11 EU elements by their number in the Council Recommendation (as `ERR_EU_ELEMENTS_MISSING` names them). */
const EU_ELEMENT_TEXT: readonly UiKey[] = [
  'euLearner', 'euTitle', 'euCountry', 'euAwardingBody', 'euIssueDate', 'euOutcomes', 'euWorkload', 'euLevel',
  'euAssessment', 'euParticipation', 'euQualityAssurance',
]
/** `table[key]` when the table has it as its own key (ids and codes are never looked up on Object.prototype). */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

const spaceList = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/\s+/).filter(Boolean),
  toAttribute: (value: string[] | undefined): string => (value ?? []).join(' '),
}

/** The body of `response`, or undefined once it passes `max` bytes (the rest is not read). */
async function readCapped(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > max) return undefined
  if (response.body === null) return new Uint8Array(await response.arrayBuffer())
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > max) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** A result made by the widget itself, for failures that happen before `verifyCredential` gets the input. */
function localResult(
  status: 'failed' | 'unknown',
  code: MicrocertErrorCode,
  message: string,
  id: VerificationCheck['id'] = 'format',
  details?: Record<string, unknown>,
): VerificationResult {
  return { verified: false, status, checks: [{ id, outcome: status, code, message, ...(details ? { details } : {}) }], reason: { check: id, code } }
}

/** A registry URL as compared and shown: host and path, no trailing slash. */
function registryKey(url: string): string {
  try {
    const parsed = new URL(url, document.baseURI)
    return `${parsed.host}${parsed.pathname}`.replace(/\/+$/, '')
  } catch {
    return url
  }
}

/** The result for a link into another registry whose credential is not from an issuer the page trusts. */
function foreignRegistryResult(registry: string): VerificationResult {
  return localResult('failed', 'ERR_REGISTRY_UNTRUSTED', 'The link points to another registry, whose issuer this page does not trust', 'format', {
    registry: registryKey(registry),
  })
}

function resultFromError(error: unknown): VerificationResult {
  if (loadedEngine()?.isMicrocertError(error)) {
    return localResult(UNREACHABLE.has(error.code) ? 'unknown' : 'failed', error.code, error.message)
  }
  return localResult('unknown', 'ERR_REGISTRY_UNREACHABLE', 'The verification could not be completed')
}

/** The verifier's file could not be loaded: nothing was checked (no code: it is this page's problem, not the credential's). */
function verifierUnavailableResult(): VerificationResult {
  return {
    verified: false,
    status: 'unknown',
    checks: [{ id: 'format', outcome: 'unknown', message: 'The verifier could not be loaded', details: { reason: 'verifier-unavailable' } }],
  }
}

/** What a credential claims is shown as such only when its signature verified and it is a valid credential. */
function showsDetails(result: VerificationResult): boolean {
  return result.credential !== undefined && !result.checks.some((c) => c.outcome === 'failed' && ['format', 'signature', 'issuer', 'schema'].includes(c.id))
}

/** The credential id split into its groups, each kept on one line (`MC-7KQ4-…` never breaks inside a group). */
function certificateIdText(id: string | undefined): TemplateResult | undefined {
  const text = cleanText(id, 64)
  if (!text) return undefined
  return html`${text.split('-').map((group, i) => html`${i ? html`-<wbr />` : nothing}<span class="nowrap">${group}</span>`)}`
}

/** True when `url` is on the web address `domain` confirmed (or below it): only then is it the issuer's own site. */
function isOnDomain(url: string, domain: string): boolean {
  try {
    const host = new URL(url).host
    const confirmed = domain.split('/')[0]!
    return host === confirmed || host.endsWith(`.${confirmed}`)
  } catch {
    return false
  }
}

/** The names of the EU elements a schema check found missing (numbers 1–11 in `details.missing`). */
function euElementNames(t: Translator, missing: unknown): string[] {
  if (!Array.isArray(missing)) return []
  return missing.flatMap((n) => {
    const key = typeof n === 'number' ? EU_ELEMENT_TEXT[n - 1] : undefined
    return key ? [t.t(key)] : []
  })
}

function icon(kind: string): TemplateResult {
  const paths: Record<string, TemplateResult> = {
    verified: svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M7 12.5l3.2 3.2L17 9" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
    passed: svg`<path d="M5 12.5l4.2 4.2L19 7" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>`,
    warning: svg`<path d="M12 3L2 21h20L12 3z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M12 10v5M12 18v.01" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>`,
    failed: svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M8 8l8 8M16 8l-8 8" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>`,
    unknown: svg`<circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2"/><path d="M9.2 9.3a2.9 2.9 0 115.3 1.6c-.8 1-2.5 1.6-2.5 3.1M12 17.5v.01" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`,
    skipped: svg`<path d="M6 12h12" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/>`,
    verifying: svg`<g class="spin" style="transform-origin:12px 12px"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2.4" stroke-dasharray="42 14" stroke-linecap="round"/></g>`,
  }
  return html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${paths[kind] ?? nothing}</svg>`
}

/**
 * `<microcert-verify>` checks an EU micro-credential (Open Badges 3.0 / W3C VC) in the browser and explains
 * the result in plain words: the verdict first, then each check, then what the credential says.
 *
 * @example
 * <script type="module" src="https://uni.example/microcert-verify.js"></script>
 * <microcert-verify input registry="https://uni.example/microcerts" trusted-issuers="did:web:uni.example"></microcert-verify>
 *
 * Error codes shown (as translated text, never raw messages): every `MicrocertErrorCode` a verification can
 * report, e.g. `ERR_SIGNATURE_INVALID`, `ERR_CREDENTIAL_REVOKED`, `ERR_CERTIFICATE_ID_INVALID`, `ERR_REGISTRY_UNREACHABLE`.
 *
 * @tagname microcert-verify
 *
 * @fires microcert-verified - Authentic, valid, not revoked, and the issuer is confirmed (trusted, or a did:web named by its domain). `detail` is the `VerificationResult`.
 * @fires microcert-warning - Authentic, with a warning (issuer not trusted or unknown, expired, EU elements missing). `detail` is the result.
 * @fires microcert-failed - Not authentic, revoked, unknown ID, typo in the ID, unreadable input. `detail` is the result.
 * @fires microcert-unknown - Could not be checked (issuer, registry or revocation list unreachable, a format this page cannot check). `detail` is the result.
 *
 * @slot header - Content above the result (e.g. the site's own heading).
 * @slot footer - Content below the result (e.g. a help link).
 *
 * @csspart base - The wrapper of everything inside the element.
 * @csspart form - The input form (input mode).
 * @csspart label - The visible label of the input field.
 * @csspart input - The input field.
 * @csspart button - The Verify button.
 * @csspart file-button - The "Choose a file" control.
 * @csspart hint - The help text under the field.
 * @csspart field-error - The message about invalid input in the field.
 * @csspart verdict - The verdict box (also the `aria-live` region); it also carries `verdict-<status>`, e.g. `verdict-failed`.
 * @csspart icon - The verdict and check icons.
 * @csspart status-label - The one-word status in the verdict ("Verified", "Warning"…).
 * @csspart headline - The plain-language verdict.
 * @csspart explanation - The sentence under the verdict.
 * @csspart checks - The list of checks.
 * @csspart checks-more - The disclosure holding the passed (and not applicable) checks ("Show the 7 checks").
 * @csspart check - One check.
 * @csspart details - The credential details (a description list).
 * @csspart unverified - The collapsed disclosure with what a credential says when its signature could not be checked.
 * @csspart link - Links to the issuer's website.
 * @csspart linkedin - The "Add to LinkedIn profile" link (only with `linkedin`).
 * @csspart image - The credential image (only with `show-images`).
 *
 * @cssprop [--microcert-accent=#1d4ed8] - Links, focus rings and the Verify button.
 * @cssprop [--microcert-on-accent=#fff] - Text on the Verify button.
 * @cssprop [--microcert-success=#0b6b35] - Verified.
 * @cssprop [--microcert-warning=#8a4b00] - Warnings.
 * @cssprop [--microcert-danger=#b3171d] - Failures.
 * @cssprop [--microcert-unknown=#4b5563] - Could not check.
 * @cssprop [--microcert-foreground=#1b1f24] - Text colour.
 * @cssprop [--microcert-muted=#4b5563] - Secondary text.
 * @cssprop [--microcert-background=#fff] - Background.
 * @cssprop [--microcert-input-background=transparent] - Background of the input field.
 * @cssprop [--microcert-border=#c9ced6] - Borders.
 * @cssprop [--microcert-font=system-ui] - Font family.
 * @cssprop [--microcert-font-size=1rem] - Base font size.
 * @cssprop [--microcert-radius=0.5rem] - Corner radius.
 * @cssprop [--microcert-spacing=1rem] - Padding and gaps.
 * @cssprop [--microcert-max-width=46rem] - Largest width.
 *
 * @cssstate idle - Nothing to verify yet.
 * @cssstate verifying - A check is running.
 * @cssstate verified - Authentic and valid.
 * @cssstate warning - Authentic, with a warning.
 * @cssstate failed - Failed.
 * @cssstate unknown - Could not be checked.
 */
export class MicrocertVerify extends LitElement {
  static override styles = styles
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: false }

  static override properties = {
    credential: {},
    src: { reflect: false },
    certificateId: { attribute: 'certificate-id' },
    registry: {},
    trustedIssuers: { attribute: 'trusted-issuers', converter: spaceList },
    trustList: { attribute: 'trust-list' },
    profile: {},
    fetch: { attribute: false },
    input: { type: Boolean, reflect: true },
    noDetails: { type: Boolean, attribute: 'no-details', reflect: true },
    showImages: { type: Boolean, attribute: 'show-images' },
    allowInsecureLocalhost: { type: Boolean, attribute: 'allow-insecure-localhost' },
    linkedin: { type: Boolean },
    linkedinOrganizationId: { attribute: 'linkedin-organization-id' },
    timeout: { type: Number },
    _result: { state: true },
    _status: { state: true },
    _fieldError: { state: true },
    _dragging: { state: true },
  }

  /** The credential to verify: a compact JWT or JSON text (attribute), or also a parsed object (property). */
  declare credential: string | Record<string, unknown> | undefined
  /** URL of a credential file (`.jwt` or `.json`) to fetch and verify. */
  declare src: string | undefined
  /** A certificate ID (e.g. `MC-7KQ4-9XJ2-PM3A-W8TD-K`) to look up in `registry`. */
  declare certificateId: string | undefined
  /** Base URL of the issuer's registry, e.g. `https://uni.example/microcerts`. */
  declare registry: string | undefined
  /** DIDs of trusted issuers (attribute: space-separated). Without these and `trustList` only a did:web issuer, named by its domain, can be verified. */
  declare trustedIssuers: string[] | undefined
  /** A trust list: its URL (attribute) or the list object (property). */
  declare trustList: string | TrustList | undefined
  /**
   * What `verified` demands of the content: `micro-credential` (default) — all 11 EU micro-credential elements (one
   * that lacks some is authentic but a warning); `open-badge` — any Open Badges 3.0 credential, its EU elements named,
   * not required. Any other value is ignored.
   */
  declare profile: 'micro-credential' | 'open-badge' | undefined
  /** The `fetch` used for every request (property only). Default `globalThis.fetch`. */
  declare fetch: typeof globalThis.fetch | undefined
  /** Shows one field that takes a certificate ID, a verification link, a pasted credential or a dropped file. */
  declare input: boolean
  /** Shows only the verdict (a compact, badge-like view). */
  declare noDetails: boolean
  /** Loads images named by the credential (off by default: an image URL tells its host who is looking). */
  declare showImages: boolean
  /** Accepts `http://localhost` issuers and registries (demos and tests only). */
  declare allowInsecureLocalhost: boolean
  /**
   * Offers "Add to LinkedIn profile" under a verified credential of this page's own `registry` (for the issuer's
   * registry and share pages): LinkedIn's add-certification form, pre-filled with the title, the awarding body, the
   * issue and expiry month, the certificate ID and the credential's verification page.
   */
  declare linkedin: boolean
  /** The numeric id of the issuer's LinkedIn organisation page, so LinkedIn links the certification to it (with `linkedin`). */
  declare linkedinOrganizationId: string | undefined
  /** Timeout of each network request in milliseconds. Default 10000. */
  declare timeout: number | undefined

  declare private _result: VerificationResult | undefined
  declare private _status: MicrocertVerifyStatus
  declare private _fieldError: string | undefined
  declare private _dragging: boolean

  #controller: AbortController | undefined
  #internals: ElementInternals | undefined
  #interactive: { input: ClassifiedText } | undefined
  #focusVerdict = false
  /** Whether the visitor last used the keyboard in the form: only then does focus move to the verdict. */
  #keyboard = false
  #languageObserver: MutationObserver | undefined
  readonly #onTranslations = (): void => this.requestUpdate()

  constructor() {
    super()
    this.input = false
    this.noDetails = false
    this.showImages = false
    this.allowInsecureLocalhost = false
    this.linkedin = false
    this._status = 'idle'
    this._dragging = false
    try {
      this.#internals = this.attachInternals()
    } catch {
      this.#internals = undefined
    }
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'status']
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value)
    if (name === 'lang') this.requestUpdate()
    // `status` is an output: a page (or a copied snippet) cannot set it.
    if (name === 'status' && this.isConnected && value !== this._status) this.setAttribute('status', this._status)
  }

  /** The current state: `idle`, `verifying`, `verified`, `warning`, `failed` or `unknown` (read-only). */
  get status(): MicrocertVerifyStatus {
    return this._status
  }

  /** The result of the last completed verification, or `undefined` (read-only). */
  get result(): VerificationResult | undefined {
    return this._result
  }

  override connectedCallback(): void {
    super.connectedCallback()
    translationEvents.addEventListener('change', this.#onTranslations)
    this.#languageObserver = new MutationObserver(() => this.requestUpdate())
    this.#languageObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] })
    this.#applyStatus(this._status)
    // The verifier and the language file are fetched now, in parallel with the first render: a page that verifies on
    // load does not wait for them one after the other, and an input field is ready to verify by the time anyone types.
    loadEngine().catch(() => {})
    void loadLanguage(this.activeLanguage)
    // Re-attached after a run was cut short by removal: check again.
    if (this.hasUpdated && this._status === 'verifying') this.#startRun()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    translationEvents.removeEventListener('change', this.#onTranslations)
    this.#languageObserver?.disconnect()
    this.#controller?.abort()
  }

  /**
   * Verifies the current input again (e.g. after the page changed `fetch`) and resolves with the result, or with
   * `undefined` when nothing is set or a newer run superseded this one.
   */
  verify(): Promise<VerificationResult | undefined> {
    return this.#startRun()
  }

  /** The language in use: the `lang` attribute, else the closest `[lang]` ancestor, else the document's, else English. */
  get activeLanguage(): string {
    const own = this.getAttribute('lang')
    if (own) return own
    const root = this.parentElement?.closest('[lang]')?.getAttribute('lang')
    return root || document.documentElement.lang || 'en'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['credential', 'src', 'certificateId', 'registry', 'trustedIssuers', 'trustList', 'profile', 'fetch', 'allowInsecureLocalhost', 'timeout']
    if (inputs.some((key) => changed.has(key as keyof MicrocertVerify))) {
      // An explicit input (attribute/property) replaces whatever was typed into the field.
      if (['credential', 'src', 'certificateId'].some((key) => changed.has(key as keyof MicrocertVerify))) this.#interactive = undefined
      void this.#startRun()
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // On a verify page (`?id=` → certificate-id) the field shows the ID being checked, ready to be corrected.
    const field = this.#field()
    if (field && changed.has('certificateId') && this.certificateId && !field.value) field.value = this.certificateId
    if (this.#focusVerdict && this._status !== 'verifying') {
      this.#focusVerdict = false
      this.renderRoot.querySelector<HTMLElement>('[part~="verdict"]')?.focus()
    }
  }

  #options(signal: AbortSignal): VerifyOptions {
    // Without a page-supplied fetch, the platform's (through the one that hands over a prefetched credential); core
    // keeps one DID-document cache per fetch function, so one for the page.
    const options: VerifyOptions = { signal, allowInsecureLocalhost: this.allowInsecureLocalhost, fetch: this.fetch ?? prefetchingFetch }
    if (this.trustedIssuers?.length) options.trustedIssuers = this.trustedIssuers
    if (this.trustList) options.trustList = this.trustList
    if (this.profile === 'micro-credential' || this.profile === 'open-badge') options.profile = this.profile
    if (this.timeout) options.timeout = this.timeout
    return options
  }

  #trustConfigured(): boolean {
    return Boolean(this.trustedIssuers?.length || this.trustList)
  }

  /** True when a pasted link names another registry than the one the page set. */
  #isForeign(registry: string | undefined): registry is string {
    return registry !== undefined && !!this.registry && registryKey(registry) !== registryKey(this.registry)
  }

  /** The task for the current input, or undefined when there is nothing to verify. */
  #task(): Task | undefined {
    const source = this.#interactive?.input
    if (source) {
      if (source.kind === 'credential') return (engine, signal) => engine.verifyCredential(source.text, this.#options(signal))
      if (source.kind === 'bytes') return (engine, signal) => engine.verifyBytes(source.bytes, this.#options(signal))
      const registry = source.registry ?? this.registry
      // A link into another registry is looked up there only for an issuer this page trusts: the page must not lend
      // its name to whatever a link points at.
      if (this.#isForeign(source.registry)) {
        const foreign = source.registry
        return async (engine, signal) => {
          const result = await this.#lookup(engine, source.id, foreign, signal)
          return result.issuer?.trusted === true ? result : foreignRegistryResult(foreign)
        }
      }
      return (engine, signal) => this.#lookup(engine, source.id, registry, signal)
    }
    if (this.credential !== undefined && this.credential !== '') {
      const credential = this.credential
      return (engine, signal) => engine.verifyCredential(credential, this.#options(signal))
    }
    if (this.src) {
      const src = this.src
      return (engine, signal) => this.#fetchAndVerify(engine, src, signal)
    }
    if (this.certificateId) {
      const id = this.certificateId
      return (engine, signal) => this.#lookup(engine, id, this.registry, signal)
    }
    return undefined
  }

  async #lookup(engine: Engine, id: string, registry: string | undefined, signal: AbortSignal): Promise<VerificationResult> {
    if (!registry) {
      try {
        engine.parseCertificateId(id)
      } catch (error) {
        return resultFromError(error)
      }
      return localResult('unknown', 'ERR_REGISTRY_UNREACHABLE', 'No registry is configured', 'status')
    }
    return engine.lookupCredential(id, { ...this.#options(signal), registry })
  }

  async #fetchAndVerify(engine: Engine, src: string, signal: AbortSignal): Promise<VerificationResult> {
    let url: URL
    try {
      url = new URL(src, document.baseURI)
    } catch {
      return localResult('failed', 'ERR_FORMAT_UNSUPPORTED', 'The src attribute is not a URL')
    }
    const doFetch = this.fetch ?? globalThis.fetch.bind(globalThis)
    // Our own timeout joined to the run's signal (AbortSignal.any is too new for some browsers still in use).
    const request = new AbortController()
    const abort = (): void => request.abort()
    const timer = setTimeout(abort, this.timeout ?? 10_000)
    signal.addEventListener('abort', abort, { once: true })
    // The timeout and the size cap cover the body too: a chunked response declares no length.
    let bytes: Uint8Array | undefined
    try {
      const response = await doFetch(url.href, { signal: request.signal, credentials: 'omit' })
      if (response.status === 404 || response.status === 410) {
        return localResult('failed', 'ERR_CREDENTIAL_NOT_FOUND', `No credential at this URL (HTTP ${response.status})`)
      }
      if (!response.ok) return localResult('unknown', 'ERR_REGISTRY_UNREACHABLE', `HTTP ${response.status}`)
      const type = response.headers.get('content-type') ?? ''
      // A captive portal or a proxy's error page answers in place of the file: could not check, not "forged".
      if (/\bhtml\b/i.test(type)) {
        await response.body?.cancel().catch(() => {})
        return localResult('unknown', 'ERR_REGISTRY_UNREACHABLE', 'A web page answered instead of the credential', 'format', { reason: 'web-page' })
      }
      bytes = await readCapped(response, /\bpdf\b/i.test(type) ? MAX_PDF_BYTES : MAX_FILE_BYTES)
    } catch {
      return localResult('unknown', 'ERR_REGISTRY_UNREACHABLE', 'The credential could not be fetched')
    } finally {
      clearTimeout(timer)
      signal.removeEventListener('abort', abort)
    }
    if (bytes === undefined) return localResult('failed', 'ERR_INPUT_TOO_LARGE', 'The credential file is too large')
    return engine.verifyBytes(bytes, this.#options(signal))
  }

  #startRun(): Promise<VerificationResult | undefined> {
    this.#controller?.abort()
    this.#controller = undefined
    const task = this.#task()
    if (!task) {
      this._result = undefined
      this.#applyStatus('idle')
      return Promise.resolve(undefined)
    }
    const controller = new AbortController()
    this.#controller = controller
    this._result = undefined
    this.#applyStatus('verifying')
    const lang = this.activeLanguage
    // A verify page (certificate-id + registry) asks for its credential while the verifier is still loading.
    if (!loadedEngine() && !this.fetch && !this.#interactive && !this.credential && !this.src && this.certificateId && this.registry) {
      prefetchCredential(this.certificateId.trim(), this.registry, this.allowInsecureLocalhost)
    }
    return (async () => {
      let result: VerificationResult
      let engine: Engine | undefined
      try {
        engine = await loadEngine()
      } catch (error) {
        console.error('<microcert-verify>: the verifier could not be loaded. Publish the microcert-verify-* folders beside microcert-verify.js, or use microcert-verify-all.js.', error)
      }
      try {
        result = engine ? await task(engine, controller.signal) : verifierUnavailableResult()
      } catch (error) {
        result = resultFromError(error)
      }
      // The verdict appears in the page's language at once, never in English first.
      await loadLanguage(lang)
      // A superseded or cancelled run reports nothing.
      if (controller.signal.aborted || this.#controller !== controller) return undefined
      this.#controller = undefined
      this._result = result
      this.#applyStatus(result.status)
      this.dispatchEvent(new CustomEvent(`microcert-${result.status}`, { detail: result, bubbles: true, composed: true }))
      return result
    })()
  }

  #applyStatus(status: MicrocertVerifyStatus): void {
    this._status = status
    if (this.isConnected && this.getAttribute('status') !== status) this.setAttribute('status', status)
    const states = this.#internals?.states
    if (!states) return
    for (const s of ['idle', 'verifying', 'verified', 'warning', 'failed', 'unknown']) {
      try {
        if (s === status) states.add(s)
        else states.delete(s)
      } catch {
        // Older Chromium accepts only the dashed form of custom state names.
        try {
          if (s === status) states.add(`--${s}`)
          else states.delete(`--${s}`)
        } catch {
          return
        }
      }
    }
  }

  // --- input mode -------------------------------------------------------------------------------

  #field(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input[type="text"]')
  }

  async #submitText(text: string): Promise<void> {
    const classified = classifyInput(text)
    const lang = this.activeLanguage
    this.#clearVerdict()
    if (classified.kind === 'empty') {
      this.#showFieldError(translator(lang).t('inputEmpty'))
      return
    }
    if (classified.kind === 'id') {
      let engine = loadedEngine()
      if (!engine || !isLanguageReady(lang)) {
        // Only right after the page loaded: checking the ID needs the verifier, and its messages the page's language.
        ;[engine] = await Promise.all([loadEngine().catch(() => undefined), loadLanguage(lang)])
        if (!engine) {
          this.#finishLocally(verifierUnavailableResult())
          return
        }
      }
      const t = translator(lang)
      try {
        engine.parseCertificateId(classified.id)
      } catch (error) {
        const known = engine.isMicrocertError(error) ? error : undefined
        const reason = known?.details?.['reason']
        this.#showFieldError(t.t(reason === 'typo' ? 'inputTypo' : reason === 'length' ? 'inputIdLength' : 'inputIdCharacters'))
        // A typo is a verdict too: status, event and result say so, not only the text at the field.
        this.#finishLocally(localResult('failed', 'ERR_CERTIFICATE_ID_INVALID', known?.message ?? 'Not a certificate ID', 'format', { reason }))
        return
      }
      if (!classified.registry && !this.registry) {
        this.#showFieldError(t.t('inputNoRegistry'))
        return
      }
      if (this.#isForeign(classified.registry) && !this.#trustConfigured()) {
        this.#showFieldError(t.t('inputForeignRegistry', { registry: cleanText(registryKey(classified.registry), LIMITS.url) ?? '' }))
        this.#finishLocally(foreignRegistryResult(classified.registry))
        return
      }
    }
    this.#runInteractive(classified)
  }

  #runInteractive(input: ClassifiedText): void {
    this._fieldError = undefined
    this.#interactive = { input }
    this.#focusVerdict = this.#keyboard
    void this.#startRun()
  }

  /** Takes the last verdict off the screen at once: it belonged to another input. */
  #clearVerdict(): void {
    this.#controller?.abort()
    this.#controller = undefined
    this.#interactive = undefined
    if (this._result || this._status !== 'idle') {
      this._result = undefined
      this.#applyStatus('idle')
    }
  }

  /** Shows a result the widget made itself, with its event (exactly one, like any run). */
  #finishLocally(result: VerificationResult): void {
    this.#controller?.abort()
    this.#controller = undefined
    this._result = result
    this.#applyStatus(result.status)
    this.dispatchEvent(new CustomEvent(`microcert-${result.status}`, { detail: result, bubbles: true, composed: true }))
  }

  #showFieldError(message: string): void {
    this._fieldError = message
    void this.updateComplete.then(() => this.#field()?.focus())
  }

  async #readFile(file: File | undefined): Promise<void> {
    if (!file) return
    this.#clearVerdict()
    const max = file.type === 'application/pdf' || /\.pdf$/i.test(file.name) ? MAX_PDF_BYTES : MAX_FILE_BYTES
    if (file.size > max) {
      this._fieldError = undefined
      this.#finishLocally(localResult('failed', 'ERR_INPUT_TOO_LARGE', `The file is larger than ${max / 1024 / 1024} MiB`))
      return
    }
    try {
      const bytes = new Uint8Array(await file.arrayBuffer())
      this.#runInteractive({ kind: 'bytes', bytes })
    } catch {
      this.#showFieldError(translator(this.activeLanguage).t('fileUnreadable'))
    }
  }

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault()
    void this.#submitText(this.#field()?.value ?? '')
  }

  readonly #onPaste = (event: ClipboardEvent): void => {
    const text = event.clipboardData?.getData('text') ?? ''
    const classified = classifyInput(text)
    // A pasted credential is verified at once; a pasted ID or link waits for Enter/Verify so it can be checked first.
    if (classified.kind === 'credential') {
      event.preventDefault()
      const field = this.#field()
      if (field) field.value = text.trim()
      this.#runInteractive(classified)
    }
  }

  readonly #onFieldInput = (): void => {
    // A new value makes the verdict on screen stale: it goes at once, before anything is checked.
    this.#clearVerdict()
    const classified = classifyInput(this.#field()?.value ?? '')
    let typo = false
    const engine = loadedEngine()
    if (classified.kind === 'id' && engine) {
      try {
        engine.parseCertificateId(classified.id)
      } catch (error) {
        // Only a complete ID can fail its check character: say so while the visitor is still at the field.
        typo = engine.isMicrocertError(error) && error.details?.['reason'] === 'typo'
      }
    }
    this._fieldError = typo ? translator(this.activeLanguage).t('inputTypo') : undefined
  }

  readonly #onDragOver = (event: DragEvent): void => {
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    this._dragging = true
  }

  readonly #onDragLeave = (): void => {
    this._dragging = false
  }

  readonly #onKeyDown = (): void => {
    this.#keyboard = true
  }

  readonly #onPointerDown = (): void => {
    this.#keyboard = false
  }

  readonly #onDrop = (event: DragEvent): void => {
    event.preventDefault()
    this._dragging = false
    this.#keyboard = false
    const file = event.dataTransfer?.files[0]
    if (file) {
      void this.#readFile(file)
      return
    }
    const text = event.dataTransfer?.getData('text') ?? ''
    if (text) {
      const field = this.#field()
      if (field) field.value = text.trim().slice(0, 4096)
      void this.#submitText(text)
    }
  }

  readonly #onFileChange = (event: Event): void => {
    const target = event.target as HTMLInputElement
    void this.#readFile(target.files?.[0])
    target.value = ''
  }

  // --- rendering --------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const lang = this.activeLanguage
    if (!isLanguageReady(lang)) void loadLanguage(lang)
    const t = translator(lang)
    return html`
      <div part="base">
        <slot name="header"></slot>
        ${this.input ? this.#renderForm(t) : nothing}
        ${this.#renderVerdict(t)}
        ${this._result && !this.noDetails ? this.#renderChecks(t, this._result) : nothing}
        ${this._result && !this.noDetails ? this.#renderContent(t, this._result) : nothing}
        <slot name="footer"></slot>
      </div>
    `
  }

  #renderForm(t: Translator): TemplateResult {
    const error = this._fieldError
    return html`
      <form
        part="form"
        class=${this._dragging ? 'dragging' : ''}
        novalidate
        @submit=${this.#onSubmit}
        @keydown=${this.#onKeyDown}
        @pointerdown=${this.#onPointerDown}
        @dragover=${this.#onDragOver}
        @dragleave=${this.#onDragLeave}
        @drop=${this.#onDrop}
      >
        <label part="label" for="field">${t.t('inputLabel')}</label>
        <p part="hint" id="hint">${t.t('inputHint')}</p>
        <div class="row">
          <input
            part="input"
            id="field"
            type="text"
            name="credential"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="1048576"
            aria-describedby=${error ? 'hint field-error' : 'hint'}
            aria-invalid=${error ? 'true' : 'false'}
            @paste=${this.#onPaste}
            @input=${this.#onFieldInput}
          />
          <button part="button" type="submit">${t.t('verifyButton')}</button>
          <label part="file-button">
            <input class="visually-hidden" type="file" accept=".jwt,.json,.pdf,application/json,application/jwt,application/pdf,text/plain" @change=${this.#onFileChange} />
            ${t.t('chooseFile')}
          </label>
        </div>
        ${error ? html`<p part="field-error" id="field-error">${icon('failed')} ${error}</p>` : nothing}
      </form>
    `
  }

  #renderVerdict(t: Translator): TemplateResult {
    const status = this._status
    const result = this._result
    let content: TemplateResult | typeof nothing = nothing
    if (status === 'verifying') {
      content = html`${icon('verifying')}<div><span part="status-label">${t.t('statusVerifying')}</span><span part="headline">${t.t('verifying')}</span></div>`
    } else if (result) {
      const details = credentialDetails(result.credential, result.issuer)
      const { headline, explanation } = verdictText(t, result, details)
      content = html`${icon(result.status)}
        <div>
          <span part="status-label">${t.t(own(STATUS_TEXT, result.status) ?? 'statusUnknown')}</span><span class="visually-hidden">: </span>
          <span part="headline">${headline}</span>
          ${explanation ? html`<p part="explanation">${explanation}</p>` : nothing}
        </div>`
    }
    return html`<div
      part="verdict verdict-${status}"
      class="s-${status} ${status === 'idle' ? 'verdict-idle' : ''}"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      tabindex="-1"
    >${content}</div>`
  }

  #renderChecks(t: Translator, result: VerificationResult): TemplateResult {
    const domain = cleanText(result.issuer?.domain, LIMITS.name)
    const item = (check: VerificationCheck): TemplateResult => {
      const [nameKey, passedKey] = own(CHECK_TEXT, check.id) ?? []
      const name = nameKey ? t.t(nameKey) : cleanText(check.id, 40)
      let text = check.details?.['dependsOn'] === 'signature' ? t.t('dependsOnSignature') : t.error(check.code)
      const missing = check.code === 'ERR_EU_ELEMENTS_MISSING' ? euElementNames(t, check.details?.['missing']) : []
      if (text && missing.length) text = `${text} ${t.t('missingElements', { elements: t.list(missing) })}`
      if (!text && check.outcome === 'passed' && check.id === 'issuer') {
        // Say exactly what the key match proves: a published key (did:web), or only a key that names itself.
        text = domain ? t.t('passedIssuerDomain', { domain }) : check.details?.['selfDescribing'] === true ? t.t('passedIssuerSelf') : t.t('passedIssuer')
      }
      if (!text && check.outcome === 'passed' && check.id === 'schema' && check.details?.['profile'] === 'open-badge') {
        // An Open Badge verified under the `open-badge` profile: the EU elements are named, not required.
        const absent = euElementNames(t, check.details['missing'])
        text = absent.length ? `${t.t('passedSchemaOpenBadge')} ${t.t('missingElements', { elements: t.list(absent) })}` : t.t('passedSchemaOpenBadge')
      }
      if (!text && check.outcome === 'passed' && passedKey) text = t.t(passedKey)
      if (!text && check.outcome === 'skipped') {
        text =
          check.id === 'trust' && result.issuer?.confirmedBy === 'domain' && domain ? t.t('skippedTrustDomain', { domain })
          : t.t(check.id === 'trust' ? 'skippedTrust' : check.id === 'status' ? 'skippedStatus' : 'skippedGeneric')
      }
      return html`<li part="check check-${check.outcome}" class="s-${check.outcome}">
        ${icon(check.outcome)}
        <span><span class="check-name">${name}</span>: <span class="check-outcome">${t.t(own(OUTCOME_TEXT, check.outcome) ?? 'outcomeUnknown')}</span></span>
        ${text ? html`<span class="check-text">${text}</span>` : nothing}
      </li>`
    }
    // What went wrong stays in view; what passed (or did not apply) waits behind one disclosure.
    const problems = result.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'warning' || c.outcome === 'unknown')
    const rest = result.checks.filter((c) => !problems.includes(c))
    return html`
      <div>
        <p class="section-title" id="checks-title">${t.t('checksHeading')}</p>
        ${problems.length ? html`<ul part="checks" aria-labelledby="checks-title">${problems.map(item)}</ul>` : nothing}
        ${rest.length
          ? html`<details part="checks-more">
              <summary>${t.plural(problems.length ? 'showOtherChecks' : 'showChecks', rest.length)}</summary>
              <ul part="checks" aria-labelledby="checks-title">${rest.map(item)}</ul>
            </details>`
          : nothing}
      </div>
    `
  }

  /** The credential: as such once its signature verified, else (could not check) collapsed and marked unverified. */
  #renderContent(t: Translator, result: VerificationResult): TemplateResult | typeof nothing {
    if (showsDetails(result)) {
      const linkedIn = this.linkedin && result.status === 'verified' ? linkedInUrl(result, this.registry, this.linkedinOrganizationId) : undefined
      return html`<div>
        <p class="section-title" id="details-title">${t.t('detailsHeading')}</p>
        ${this.#renderDetails(t, result, true)}
        ${linkedIn
          ? html`<p class="share"><a part="linkedin" href=${linkedIn} rel="noopener noreferrer" target="_blank">${t.t('addToLinkedIn')}</a></p>`
          : nothing}
      </div>`
    }
    if (!result.unverifiedCredential) return nothing
    return html`<details part="unverified"><summary>${t.t('unverifiedContent')}</summary>${this.#renderDetails(t, result, false)}</details>`
  }

  #renderDetails(t: Translator, result: VerificationResult, verified: boolean): TemplateResult {
    const d = credentialDetails(verified ? result.credential : result.unverifiedCredential, verified ? result.issuer : undefined)
    const row = (label: UiKey, value: unknown): TemplateResult | typeof nothing =>
      value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
        ? nothing
        : html`<dt>${t.t(label)}</dt><dd>${value}</dd>`
    const list = (items: string[], more = 0): TemplateResult =>
      html`<ul>${items.map((i) => html`<li><bdi>${i}</bdi></li>`)}${more ? html`<li>${t.plural('more', more)}</li>` : nothing}</ul>`
    const participation = d.participation
      ? ({ online: t.t('participationOnline'), onsite: t.t('participationOnsite'), blended: t.t('participationBlended') } as Record<string, string>)[d.participation] ?? d.participation
      : undefined
    return html`
      ${verified && this.showImages && d.image ? html`<img part="image" src=${d.image} alt="" referrerpolicy="no-referrer" />` : nothing}
      <dl part="details" aria-labelledby=${verified ? 'details-title' : nothing}>
        ${row('title', d.title ? html`<bdi>${d.title}</bdi>` : undefined)}
        ${row('learner', d.learner ? html`<bdi>${d.learner}</bdi>` : undefined)}
        ${row('issuer', verified ? this.#issuerValue(t, result, d) : d.issuerName ? html`<bdi>${d.issuerName}</bdi>` : undefined)}
        ${row('country', t.country(d.issuerCountry))}
        ${row('issued', t.date(d.issuedAt))}
        ${row('ects', d.ects !== undefined ? t.plural('ectsValue', d.ects) : undefined)}
        ${row('eqf', d.eqf !== undefined ? t.t('eqfValue', { n: d.eqf }) : undefined)}
        ${row('outcomes', d.outcomes.length ? list(d.outcomes, d.outcomesMore) : undefined)}
        ${row('assessment', d.assessment.length ? t.list(d.assessment) : undefined)}
        ${row('participation', participation ? (d.participationNote ? `${participation} (${d.participationNote})` : participation) : undefined)}
        ${row('qualityAssurance', d.qualityAssurance.length ? list(d.qualityAssurance) : undefined)}
        ${row('grade', d.grade ? html`<bdi>${d.grade}</bdi>` : undefined)}
        ${row('validUntil', t.date(d.validUntil) ?? t.t('validNoExpiry'))}
        ${row('certificateId', verified ? certificateIdText(result.certificateId) : undefined)}
      </dl>
    `
  }

  /**
   * "Issued by": the name with what vouches for it — a trusted issuer, the web address that stated it, or nothing
   * (then marked as the issuer's own claim, named by its address or DID). The issuer's website is linked only when
   * something confirms it is theirs.
   */
  #issuerValue(t: Translator, result: VerificationResult, d: CredentialDetails): TemplateResult {
    const by = result.issuer?.confirmedBy
    const who = issuerWho(result) ?? ''
    const trusted = by === 'trust-list' || by === 'trusted-issuers'
    const tag =
      trusted ? html` <span class="tag s-passed">(${t.t('trusted')})</span>`
      : by === 'domain' ? html` <span class="tag">(${t.t('statedBy', { domain: who })})</span>`
      : by === 'key' ? nothing
      : html` <span class="tag s-warning">(${t.t('notConfirmed', { issuer: who })})</span>`
    const link = d.issuerUrl && (trusted || (by === 'domain' && isOnDomain(d.issuerUrl, who))) ? d.issuerUrl : undefined
    return html`<bdi>${d.issuerName ?? who}</bdi>${tag}${link
      ? html`<br /><a part="link" href=${link} rel="noopener noreferrer nofollow" target="_blank">${t.t('issuerWebsite')}</a>`
      : nothing}`
  }
}

type ClassifiedText = Exclude<ReturnType<typeof classifyInput>, { kind: 'empty' }> | { kind: 'bytes'; bytes: Uint8Array }
/** One verification, run once the verifier has loaded. */
type Task = (engine: Engine, signal: AbortSignal) => Promise<VerificationResult>

declare global {
  interface HTMLElementTagNameMap {
    'microcert-verify': MicrocertVerify
  }
  interface HTMLElementEventMap {
    'microcert-verified': CustomEvent<VerificationResult>
    'microcert-warning': CustomEvent<VerificationResult>
    'microcert-failed': CustomEvent<VerificationResult>
    'microcert-unknown': CustomEvent<VerificationResult>
  }
}
