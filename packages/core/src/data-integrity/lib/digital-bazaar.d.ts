// The Digital Bazaar JSON-LD / Data Integrity packages ship no TypeScript types; these declare the part microcert uses.
declare module 'jsonld' {
  interface RemoteDocument {
    contextUrl: string | null
    documentUrl: string
    document: unknown
  }
  interface JsonLdOptions {
    safe?: boolean
    documentLoader?: (url: string) => Promise<RemoteDocument>
    [option: string]: unknown
  }
  const jsonld: {
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>
    canonize(input: unknown, options?: JsonLdOptions): Promise<string>
  }
  export default jsonld
}

declare module 'jsonld-signatures' {
  interface ProofResult {
    proof: Record<string, unknown>
    verified: boolean
    error?: unknown
  }
  interface VerifyResult {
    verified: boolean
    results?: ProofResult[]
    error?: unknown
  }
  class ProofPurpose {
    constructor(options: { term: string; date?: Date | string | number; maxTimestampDelta?: number })
  }
  class AssertionProofPurpose extends ProofPurpose {
    constructor(options?: { controller?: object })
  }
  const jsigs: {
    sign(document: object, options: { suite: unknown; purpose: ProofPurpose; documentLoader: unknown }): Promise<Record<string, unknown>>
    verify(document: object, options: { suite: unknown; purpose: ProofPurpose; documentLoader: unknown }): Promise<VerifyResult>
    purposes: { ProofPurpose: typeof ProofPurpose; AssertionProofPurpose: typeof AssertionProofPurpose }
  }
  export default jsigs
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: Date | string })
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string }
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string[] }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: Record<string, unknown>)
  }
}
