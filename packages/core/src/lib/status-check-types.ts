// Placeholder types by the lead; the core helper owns this file and replaces these with the real ones
// (VerificationCheck from the verification result module, DidResolver, VerificationCache, Algorithm).
import type { MicrocertErrorCode } from '../errors.js'

export interface VerificationCheck {
  id: 'format' | 'signature' | 'issuer' | 'schema' | 'trust' | 'validity' | 'status'
  outcome: 'passed' | 'warning' | 'failed' | 'unknown' | 'skipped'
  code?: MicrocertErrorCode
  message: string
  details?: Record<string, unknown>
}

export interface StatusCheckContext {
  fetch: typeof fetch
  now: Date
  timeout: number
  resolver: unknown
  algorithms: readonly string[]
  allowInsecureLocalhost: boolean
  cache?: unknown
  signal?: AbortSignal
  issuerDid: string
}
