import bitstringStatusListV1 from '../contexts/bitstring-status-list-v1.json' with { type: 'json' }
import credentialsV1 from '../contexts/credentials-v1.json' with { type: 'json' }
import credentialsV2 from '../contexts/credentials-v2.json' with { type: 'json' }
import dataIntegrityV1 from '../contexts/data-integrity-v1.json' with { type: 'json' }
import dataIntegrityV2 from '../contexts/data-integrity-v2.json' with { type: 'json' }
import didV1 from '../contexts/did-v1.json' with { type: 'json' }
import ed25519Signature2020V1 from '../contexts/ed25519-signature-2020-v1.json' with { type: 'json' }
import jwkV1 from '../contexts/jwk-v1.json' with { type: 'json' }
import jws2020V1 from '../contexts/jws-2020-v1.json' with { type: 'json' }
import multikeyV1 from '../contexts/multikey-v1.json' with { type: 'json' }
import obContext301 from '../contexts/ob-v3p0-context-3.0.1.json' with { type: 'json' }
import obContext302 from '../contexts/ob-v3p0-context-3.0.2.json' with { type: 'json' }
import obContext303 from '../contexts/ob-v3p0-context-3.0.3.json' with { type: 'json' }
import obContext303Validator from '../contexts/ob-v3p0-context-3.0.3.validator.json' with { type: 'json' }
import obContext from '../contexts/ob-v3p0-context.json' with { type: 'json' }
import obExtensions from '../contexts/ob-v3p0-extensions.json' with { type: 'json' }
import securityV1 from '../contexts/security-v1.json' with { type: 'json' }
import securityV2 from '../contexts/security-v2.json' with { type: 'json' }
import statusList2021V1 from '../contexts/status-list-2021-v1.json' with { type: 'json' }

export const CONTEXT_URLS = {
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  dataIntegrityV1: 'https://w3id.org/security/data-integrity/v1',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
  jwkV1: 'https://w3id.org/security/jwk/v1',
  ed25519Signature2020V1: 'https://w3id.org/security/suites/ed25519-2020/v1',
  jws2020V1: 'https://w3id.org/security/suites/jws-2020/v1',
  didV1: 'https://www.w3.org/ns/did/v1',
  obContext303: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
} as const

/**
 * Every context the loader serves, by URL: byte-exact copies of the published documents (sources and sha256 in
 * `../contexts/PROVENANCE.md`). The first document of a URL is the one served; a later one is a published variant of
 * the same URL (context drift), tried only when the first fails to verify.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, readonly object[]> = new Map<string, readonly object[]>([
  [CONTEXT_URLS.credentialsV1, [credentialsV1]],
  [CONTEXT_URLS.credentialsV2, [credentialsV2]],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context.json', [obContext]],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json', [obContext301]],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', [obContext302]],
  [CONTEXT_URLS.obContext303, [obContext303, obContext303Validator]],
  ['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', [obExtensions]],
  [CONTEXT_URLS.dataIntegrityV1, [dataIntegrityV1]],
  [CONTEXT_URLS.dataIntegrityV2, [dataIntegrityV2]],
  [CONTEXT_URLS.multikeyV1, [multikeyV1]],
  [CONTEXT_URLS.jwkV1, [jwkV1]],
  [CONTEXT_URLS.ed25519Signature2020V1, [ed25519Signature2020V1]],
  [CONTEXT_URLS.jws2020V1, [jws2020V1]],
  ['https://www.w3.org/ns/credentials/status/v1', [bitstringStatusListV1]],
  ['https://w3id.org/vc/status-list/2021/v1', [statusList2021V1]],
  [CONTEXT_URLS.didV1, [didV1]],
  ['https://w3id.org/security/v1', [securityV1]],
  ['https://w3id.org/security/v2', [securityV2]],
])
