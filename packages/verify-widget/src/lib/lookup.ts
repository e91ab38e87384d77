// Temporary stand-in for @microcert/core's lookupCredential until the registry module lands.
import { parseCertificateId, verifyCredential, isMicrocertError, type VerificationResult, type VerifyOptions } from '@microcert/core'

export async function lookupCredential(certificateId: string, options: VerifyOptions & { registry: string }): Promise<VerificationResult> {
  let id: string
  try {
    id = parseCertificateId(certificateId)
  } catch (error) {
    const code = isMicrocertError(error) ? error.code : 'ERR_CERTIFICATE_ID_INVALID'
    return { verified: false, status: 'failed', checks: [{ id: 'format', outcome: 'failed', code, message: 'invalid id' }] }
  }
  const { registry, ...rest } = options
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  let response: Response
  try {
    response = await doFetch(`${registry.replace(/\/+$/, '')}/credentials/${id}.jwt`, options.signal ? { signal: options.signal } : {})
  } catch {
    return { verified: false, status: 'unknown', checks: [{ id: 'format', outcome: 'unknown', code: 'ERR_REGISTRY_UNREACHABLE', message: 'unreachable' }] }
  }
  if (response.status === 404) {
    return { verified: false, status: 'failed', checks: [{ id: 'format', outcome: 'failed', code: 'ERR_CREDENTIAL_NOT_FOUND', message: 'not found' }] }
  }
  const result = await verifyCredential(await response.text(), rest)
  return { ...result, certificateId: id }
}
