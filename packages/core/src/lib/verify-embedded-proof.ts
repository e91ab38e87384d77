import { verifyDataIntegrity } from '../data-integrity/index.js'
import { MicrocertError } from '../errors.js'
import { statusListKeyError } from '../status/check-credential-status.js'
import { parseJson } from './parse-json.js'
import type { StatusCheckContext } from '../types.js'
import type { ProofContext, VerifiedProof } from './verify-proof.js'

/**
 * The Data Integrity branch of the proof boundary (a separate chunk with the JSON-LD stack, loaded with the first
 * credential that carries an embedded proof): checks the proof with the static document loader and the issuer's keys
 * (DID documents, https issuer profiles), and hands the issuer check it made (controller, assertionMethod) to
 * verifyCredential. Throws MicrocertError with the signature's code when the proof does not verify or cannot be checked.
 */
export async function verifyEmbeddedProof(credential: Record<string, unknown>, context: ProofContext): Promise<VerifiedProof> {
  const result = await verifyDataIntegrity(credential, {
    resolver: context.resolver,
    controllerResolver: (id) => context.controllers(id, context.signal),
    ...(context.contexts === undefined ? {} : { contexts: context.contexts }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  })
  const { signature, issuer, proof } = result
  const details = proof === undefined ? {} : { proof: { ...proof } }
  if (signature.outcome !== 'passed') {
    throw new MicrocertError(signature.code ?? 'ERR_SIGNATURE_INVALID', signature.message, { details: { ...signature.details, ...details } })
  }
  return {
    keyDid: result.controller ?? '',
    kid: proof?.verificationMethod ?? '',
    keySource: 'did',
    claims: {},
    issuerCheck: issuer,
    details: { ...signature.details, ...details },
  }
}

/**
 * Reads a status list credential published as JSON with a Data Integrity proof (as issuers that sign with Data
 * Integrity publish them), checks the proof, and returns the list and who controls its key. Throws MicrocertError
 * ERR_STATUS_UNREACHABLE (the issuer's keys could not be fetched), ERR_STATUS_LIST_INVALID (not JSON, the proof does
 * not hold, or the key is not its issuer's), ERR_FETCH_BUDGET_EXCEEDED.
 */
export async function verifyStatusListJson(text: string, url: string, what: string, context: StatusCheckContext): Promise<{ list: Record<string, unknown>; signer: string }> {
  let list: unknown
  try {
    list = parseJson(text, { maxDepth: 32, maxBytes: text.length * 4 })
  } catch (cause) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', `${what} is not valid JSON`, { cause, details: { url, reason: 'format' } })
  }
  if (typeof list !== 'object' || list === null || Array.isArray(list)) {
    throw new MicrocertError('ERR_STATUS_LIST_INVALID', `${what} is not a credential`, { details: { url, reason: 'format' } })
  }
  const { controllers, signal } = context
  const result = await verifyDataIntegrity(list as Record<string, unknown>, {
    resolver: context.resolver,
    ...(controllers === undefined ? {} : { controllerResolver: (id: string) => controllers(id, signal) }),
    ...(context.contexts === undefined ? {} : { contexts: context.contexts }),
    ...(signal === undefined ? {} : { signal }),
  })
  for (const check of [result.signature, result.issuer]) {
    if (check.outcome !== 'passed') throw statusListKeyError(new MicrocertError(check.code ?? 'ERR_SIGNATURE_INVALID', check.message), url, what)
  }
  return { list: list as Record<string, unknown>, signer: result.controller ?? '' }
}
