/// <reference path="./lib/digital-bazaar.d.ts" />
import jsigs from 'jsonld-signatures'
import { createDidResolver } from '../create-did-resolver.js'
import { isMicrocertError, type MicrocertErrorCode } from '../errors.js'
import type { DidDocument, DidResolver, VerificationCheck } from '../types.js'
import { createDocumentLoader } from './create-document-loader.js'
import { BUNDLED_CONTEXTS, CONTEXT_URLS } from './lib/bundled-contexts.js'
import { isAssertionMethod, isUncheckable, resolveVerificationMethod, type ResolvedMethod } from './lib/resolve-verification-method.js'
import { isSupportedProof, verifierSuites } from './lib/suites.js'
import { withKeyContext } from './lib/verification-method-context.js'

export interface VerifyDataIntegrityOptions {
  /** Resolves did:web, did:key and did:jwk. Default: `createDidResolver()` (global `fetch`, its defaults). */
  resolver?: DidResolver
  /** Extra JSON-LD contexts by URL, beside the bundled ones (see `createDocumentLoader`). Default none. */
  contexts?: Readonly<Record<string, unknown>>
  /**
   * Controller documents of https issuers, known out of band (an issuer profile listing its keys), by their `id`.
   * Default none.
   */
  controllerDocuments?: readonly DidDocument[]
  /**
   * Fetches the controller document (issuer profile) of a key named by an https URL; `verifyCredential` passes one
   * that fetches with its limits. Default none: such a key is then only taken from the URL's fragment
   * (`https://issuer.example/profile#z6Mk…`) and the issuer check stays unknown.
   */
  controllerResolver?: (id: string) => Promise<DidDocument>
  /** Aborts DID resolution. */
  signal?: AbortSignal
}

/** The proof that was checked, as the credential states it. */
export interface CheckedProof {
  type: string
  cryptosuite?: string
  verificationMethod: string
  proofPurpose?: string
  created?: string
}

/**
 * What `verifyDataIntegrity` found: the `signature` check (the proof matches the credential and the key) and the
 * `issuer` check (the key is the issuer's and authorised for issuing). Outcomes: `passed`, `failed` (forged, tampered,
 * wrong key), `unknown` (could not check: unsupported proof, context not bundled, DID unreachable).
 */
export interface DataIntegrityVerification {
  signature: VerificationCheck & { id: 'signature' }
  issuer: VerificationCheck & { id: 'issuer' }
  /** The proof that decided the outcome (the first supported one, or the one that failed). */
  proof?: CheckedProof
  /** The key's controller (a DID or an https URL), once the key was found. */
  controller?: string
}

/**
 * Verifies the embedded Data Integrity proofs of a credential (`DataIntegrityProof` with `eddsa-rdfc-2022` or
 * `ecdsa-rdfc-2019`, and `Ed25519Signature2020`) with the Digital Bazaar libraries and the static document loader:
 * no context is ever fetched. The key comes from the issuer's DID document (did:web, did:key, did:jwk; `Multikey`,
 * `Ed25519VerificationKey2020`, `JsonWebKey`, `JsonWebKey2020`), must be listed under `assertionMethod` and must
 * belong to the credential's issuer. Every supported proof must verify; proofs of unknown kinds are ignored when a
 * supported one is present (Open Badges lets a verifier use any proof). Never throws for a bad credential.
 *
 * @example
 * const { signature, issuer } = await verifyDataIntegrity(credential, { resolver: createDidResolver() })
 * if (signature.outcome === 'passed' && issuer.outcome === 'passed') console.log('authentic')
 * @returns checks with codes: ERR_PROOF_MISSING, ERR_PROOF_UNSUPPORTED, ERR_CONTEXT_UNKNOWN (`details.url`),
 *   ERR_CONTEXT_INVALID, ERR_SIGNATURE_INVALID, ERR_KEY_NOT_FOUND, ERR_KEY_INVALID, ERR_KEY_NOT_AUTHORIZED,
 *   ERR_ISSUER_MISMATCH, ERR_DID_* (from resolution)
 * @throws TypeError when `credential` is not an object
 */
export async function verifyDataIntegrity(credential: object, options: VerifyDataIntegrityOptions = {}): Promise<DataIntegrityVerification> {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new TypeError('verifyDataIntegrity(credential): credential must be an object')
  }
  const document = credential as Record<string, unknown>
  const proofs = (Array.isArray(document['proof']) ? document['proof'] : document['proof'] === undefined ? [] : [document['proof']]).filter(
    (p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !Array.isArray(p),
  )
  if (proofs.length === 0) return notChecked('failed', 'ERR_PROOF_MISSING', 'The credential carries no proof')
  const supported = proofs.filter(isSupportedProof)
  if (supported.length === 0) {
    const kinds = proofs.map((p) => (typeof p['cryptosuite'] === 'string' ? `${String(p['type'])}/${p['cryptosuite']}` : String(p['type'])))
    return notChecked('unknown', 'ERR_PROOF_UNSUPPORTED', `The proof (${kinds.join(', ').slice(0, 200)}) is of a kind this build cannot check`, {
      proofs: kinds,
    })
  }
  const resolver = options.resolver ?? createDidResolver()
  const controllerDocuments = new Map((options.controllerDocuments ?? []).map((d) => [d.id, d]))
  let last: DataIntegrityVerification | undefined
  for (const proof of supported) {
    last = await verifyOneProof(document, proof, { ...options, resolver, controllerDocuments })
    if (last.signature.outcome !== 'passed' || last.issuer.outcome !== 'passed') return last
  }
  return last as DataIntegrityVerification
}

interface Context {
  resolver: DidResolver
  controllerDocuments: ReadonlyMap<string, DidDocument>
  controllerResolver?: ((id: string) => Promise<DidDocument>) | undefined
  contexts?: Readonly<Record<string, unknown>>
  signal?: AbortSignal
}

async function verifyOneProof(document: Record<string, unknown>, proof: Record<string, unknown>, context: Context): Promise<DataIntegrityVerification> {
  const checked = summarise(proof)
  const issuerId = issuerIdOf(document)
  if (proof['proofPurpose'] !== 'assertionMethod') {
    const purpose = proof['proofPurpose']
    const message =
      typeof purpose === 'string'
        ? `The proof was made for "${purpose.slice(0, 60)}", not for issuing (assertionMethod)`
        : 'The proof names no purpose (proofPurpose); a credential needs a proof made for issuing (assertionMethod)'
    return withProof(checked, notChecked('failed', 'ERR_KEY_NOT_AUTHORIZED', message))
  }
  if (checked.type === 'Ed25519Signature2020' && !contextsOf(document).includes(CONTEXT_URLS.ed25519Signature2020V1)) {
    return withProof(checked, notChecked('failed', 'ERR_CONTEXT_INVALID', `An Ed25519Signature2020 proof needs the context "${CONTEXT_URLS.ed25519Signature2020V1}"`))
  }

  let resolved: ResolvedMethod
  try {
    resolved = await resolveVerificationMethod(checked.verificationMethod, context)
  } catch (error) {
    const { code, message } = describe(error, 'ERR_KEY_NOT_FOUND', 'The key of the proof could not be resolved')
    return withProof(checked, notChecked(isUncheckable(error) ? 'unknown' : 'failed', code, message))
  }
  const { method, controllerDocument } = resolved
  const signature = await checkSignature(document, proof, method.id === checked.verificationMethod ? withKeyContext(method) : withKeyContext({ ...method, id: checked.verificationMethod }), context)
  const issuer = checkIssuer(issuerId, resolved)
  return { signature, issuer, proof: checked, controller: controllerDocument?.id ?? method.controller }
}

async function checkSignature(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  method: Record<string, unknown>,
  context: Context,
): Promise<VerificationCheck & { id: 'signature' }> {
  const single = { ...document, proof }
  const drifting = contextsOf(document).filter((url) => (BUNDLED_CONTEXTS.get(url)?.length ?? 0) > 1)
  // The published version first; each drift variant of a context URL only if the published one does not verify.
  const attempts: Record<string, number>[] = [{}, ...drifting.flatMap((url) => (BUNDLED_CONTEXTS.get(url) ?? []).slice(1).map((_, i) => ({ [url]: i + 1 })))]
  let first: (VerificationCheck & { id: 'signature' }) | undefined
  for (const variants of attempts) {
    const unknown: string[] = []
    const documentLoader = createDocumentLoader({
      contexts: context.contexts ?? {},
      documents: { [String(method['id'])]: method },
      variants,
      onUnknown: (url) => unknown.push(url),
    })
    const result = await jsigs.verify(structuredClone(single), {
      suite: verifierSuites(),
      purpose: new jsigs.purposes.ProofPurpose({ term: 'assertionMethod' }),
      documentLoader,
    })
    const check = signatureCheck(result, unknown)
    if (check.outcome === 'passed') return Object.keys(variants).length === 0 ? check : { ...check, details: { contextVariants: variants } }
    if (check.code === 'ERR_CONTEXT_UNKNOWN') return check
    first ??= check
  }
  return first as VerificationCheck & { id: 'signature' }
}

function signatureCheck(result: Awaited<ReturnType<typeof jsigs.verify>>, unknown: string[]): VerificationCheck & { id: 'signature' } {
  if (result.verified) return { id: 'signature', outcome: 'passed', message: 'The Data Integrity proof matches the credential and the key' }
  const url = unknown[0]
  if (url !== undefined) {
    return {
      id: 'signature',
      outcome: 'unknown',
      code: 'ERR_CONTEXT_UNKNOWN',
      message: `The credential uses the JSON-LD context "${url.slice(0, 200)}", which is not bundled, so its proof cannot be checked here`,
      details: { url },
    }
  }
  const error = result.results?.find((r) => !r.verified)?.error ?? result.error
  const reasons = errorChain(error)
  if (reasons.some((e) => e.name === 'jsonld.ValidationError' || /safe mode/i.test(e.message))) {
    return {
      id: 'signature',
      outcome: 'failed',
      code: 'ERR_CONTEXT_INVALID',
      message: 'The credential does not process in JSON-LD safe mode (a term no context defines), so its proof cannot hold',
      details: { reason: reasons.map((e) => e.message).join(': ').slice(0, 300) },
    }
  }
  // The runtime lacks something the crypto code needs (a Node global in a browser): nothing says the proof is wrong.
  const fault = reasons.find((e) => e instanceof ReferenceError)
  if (fault !== undefined) {
    return {
      id: 'signature',
      outcome: 'unknown',
      code: 'ERR_PROOF_UNSUPPORTED',
      message: `The Data Integrity proof could not be checked in this environment (${fault.message.slice(0, 120)})`,
      details: { reason: fault.message.slice(0, 300) },
    }
  }
  const keyError = reasons.find((e) => isMicrocertError(e))
  if (keyError !== undefined && isMicrocertError(keyError)) return { id: 'signature', outcome: 'failed', code: keyError.code, message: keyError.message }
  return {
    id: 'signature',
    outcome: 'failed',
    code: 'ERR_SIGNATURE_INVALID',
    message: 'The Data Integrity proof does not match the credential and the key: the credential was altered or not signed with this key',
    details: { reason: reasons.map((e) => e.message).join(': ').slice(0, 300) },
  }
}

function checkIssuer(issuerId: string | undefined, { method, controllerDocument, controllerError }: ResolvedMethod): VerificationCheck & { id: 'issuer' } {
  if (issuerId === undefined) return { id: 'issuer', outcome: 'failed', code: 'ERR_ISSUER_MISMATCH', message: 'The credential names no issuer id' }
  if (controllerDocument === undefined) {
    if (method.controller !== issuerId) {
      return { id: 'issuer', outcome: 'failed', code: 'ERR_ISSUER_MISMATCH', message: `The key "${method.id.slice(0, 200)}" is not under issuer "${issuerId.slice(0, 200)}"` }
    }
    if (isMicrocertError(controllerError)) {
      const notFound = controllerError.code === 'ERR_DID_NOT_FOUND'
      return {
        id: 'issuer',
        outcome: notFound ? 'failed' : 'unknown',
        code: controllerError.code,
        message: `${controllerError.message}; nothing confirms that the key written in the proof's URL is the issuer's`,
        ...(controllerError.details === undefined ? {} : { details: { ...controllerError.details } }),
      }
    }
    return {
      id: 'issuer',
      outcome: 'unknown',
      code: 'ERR_DID_METHOD_UNSUPPORTED',
      message: `The key is written in the issuer URL "${issuerId.slice(0, 200)}" but the issuer's own document was not checked`,
    }
  }
  const controller = method.controller ?? controllerDocument.id
  if (controller !== controllerDocument.id) {
    return { id: 'issuer', outcome: 'failed', code: 'ERR_ISSUER_MISMATCH', message: `The key "${method.id.slice(0, 200)}" is controlled by "${String(controller).slice(0, 200)}", not by "${controllerDocument.id.slice(0, 200)}"` }
  }
  if (!isAssertionMethod(controllerDocument, method.id)) {
    return { id: 'issuer', outcome: 'failed', code: 'ERR_KEY_NOT_AUTHORIZED', message: `"${controllerDocument.id.slice(0, 200)}" does not list the key "${method.id.slice(0, 200)}" under assertionMethod` }
  }
  if (controllerDocument.id !== issuerId) {
    return { id: 'issuer', outcome: 'failed', code: 'ERR_ISSUER_MISMATCH', message: `The proof was made by "${controllerDocument.id.slice(0, 200)}", not by the issuer "${issuerId.slice(0, 200)}"` }
  }
  return { id: 'issuer', outcome: 'passed', message: `The key is the issuer's and authorised for issuing` }
}

function notChecked(outcome: 'failed' | 'unknown', code: MicrocertErrorCode, message: string, details?: Record<string, unknown>): DataIntegrityVerification {
  return {
    signature: details === undefined ? { id: 'signature', outcome, code, message } : { id: 'signature', outcome, code, message, details },
    issuer: { id: 'issuer', outcome: 'skipped', message: 'Not checked: the proof could not be verified' },
  }
}

function withProof(proof: CheckedProof, result: DataIntegrityVerification): DataIntegrityVerification {
  return { ...result, proof }
}

function summarise(proof: Record<string, unknown>): CheckedProof {
  const vm = proof['verificationMethod']
  const summary: CheckedProof = {
    type: String(proof['type']),
    verificationMethod: typeof vm === 'string' ? vm : typeof vm === 'object' && vm !== null ? String((vm as { id?: unknown }).id) : '',
  }
  if (typeof proof['cryptosuite'] === 'string') summary.cryptosuite = proof['cryptosuite']
  if (typeof proof['proofPurpose'] === 'string') summary.proofPurpose = proof['proofPurpose']
  if (typeof proof['created'] === 'string') summary.created = proof['created']
  return summary
}

function issuerIdOf(document: Record<string, unknown>): string | undefined {
  const issuer = document['issuer']
  if (typeof issuer === 'string') return issuer
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string') return (issuer as { id: string }).id
  return undefined
}

function contextsOf(document: Record<string, unknown>): string[] {
  const value = document['@context']
  return (Array.isArray(value) ? value : [value]).filter((c): c is string => typeof c === 'string')
}

function describe(error: unknown, fallback: MicrocertErrorCode, message: string): { code: MicrocertErrorCode; message: string } {
  return isMicrocertError(error) ? { code: error.code, message: error.message } : { code: fallback, message }
}

/** The error and its causes (jsonld nests them in `cause` and `details.cause`). */
function errorChain(error: unknown): Error[] {
  const chain: Error[] = []
  let current: unknown = error
  while (current instanceof Error && chain.length < 8) {
    chain.push(current)
    const next: unknown = (current as { cause?: unknown }).cause ?? (current as { details?: { cause?: unknown } }).details?.cause
    current = next
  }
  for (const e of chain) {
    const inner = (e as { errors?: unknown }).errors
    if (Array.isArray(inner)) for (const x of inner) if (x instanceof Error) chain.push(x)
  }
  return chain
}

