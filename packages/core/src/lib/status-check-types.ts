export type { StatusCheckContext, VerificationCheck } from '../types.js'
