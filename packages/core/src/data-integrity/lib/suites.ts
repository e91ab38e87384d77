/// <reference path="./digital-bazaar.d.ts" />
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite'
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'

export { eddsaRdfc2022 }

/** The cryptosuites of `DataIntegrityProof` this build verifies. */
export const SUPPORTED_CRYPTOSUITES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'] as const

/** Whether microcert can check this proof: a supported Data Integrity cryptosuite, or the older Ed25519Signature2020. */
export function isSupportedProof(proof: Record<string, unknown>): boolean {
  if (proof['type'] === 'Ed25519Signature2020') return true
  return proof['type'] === 'DataIntegrityProof' && (SUPPORTED_CRYPTOSUITES as readonly unknown[]).includes(proof['cryptosuite'])
}

/** Verifier suites for jsonld-signatures, one per supported proof kind; it picks the one that matches a proof. */
export function verifierSuites(): unknown[] {
  return [
    new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 }),
    new Ed25519Signature2020(),
  ]
}
