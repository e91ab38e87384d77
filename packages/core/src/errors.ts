/**
 * Every error microcert reports carries one of these stable codes. The code is the API; the message is not.
 * Adding a code is a minor change, renaming or removing one is a major change.
 * The widget maps each code to translated text (`Record<MicrocertErrorCode, string>`), so a new code fails
 * its build until it has English text.
 */
export const MicrocertErrorCode = {
  // --- input shape and size -------------------------------------------------------------------
  /** The input exceeds the size limit (`maxBytes`) and was not parsed. */
  ERR_INPUT_TOO_LARGE: 'ERR_INPUT_TOO_LARGE',
  /** The input is neither a compact JWS nor a JSON credential. */
  ERR_FORMAT_UNSUPPORTED: 'ERR_FORMAT_UNSUPPORTED',
  /** A compact JWS whose parts are not valid base64url / JSON. */
  ERR_JWS_MALFORMED: 'ERR_JWS_MALFORMED',
  /** JSON text that does not parse, nests too deeply, or holds a forbidden key such as `__proto__`. */
  ERR_JSON_MALFORMED: 'ERR_JSON_MALFORMED',
  /** The JOSE `typ` header is not `JWT`, `vc+jwt` or absent. */
  ERR_JWT_TYPE_UNSUPPORTED: 'ERR_JWT_TYPE_UNSUPPORTED',
  /** The JOSE header carries a parameter we refuse (`jku`, `x5u`, `x5c`, `x5t`, any `crit`, `b64`). */
  ERR_JWT_HEADER_FORBIDDEN: 'ERR_JWT_HEADER_FORBIDDEN',
  /** The JWT payload is not a credential (VC 2.0 payload carrying `vc`/`vp`, or no credential at all). */
  ERR_JWT_PAYLOAD_INVALID: 'ERR_JWT_PAYLOAD_INVALID',
  /**
   * A VC 1.1 credential (`issuanceDate`, `vc` claim) with all EU elements: valid against the OB 3.0 schema in its
   * VC 2.0 shape, reported as a warning under the `micro-credential` profile.
   */
  ERR_CREDENTIAL_LEGACY: 'ERR_CREDENTIAL_LEGACY',
  /** The credential is unsigned JSON: there is nothing to verify cryptographically. */
  ERR_PROOF_MISSING: 'ERR_PROOF_MISSING',
  /**
   * A proof format or algorithm this build does not verify: an unknown Data Integrity cryptosuite or proof type
   * (`ecdsa-sd-2023`, `eddsa-jcs-2022`…), a JWS algorithm outside the allow-list that the issuer's key could sign with
   * (e.g. ES384, or RS256 when the caller left it out). "Could not check here", never "forged".
   */
  ERR_PROOF_UNSUPPORTED: 'ERR_PROOF_UNSUPPORTED',
  /** The credential names a JSON-LD context that is not bundled; contexts are never fetched ("could not check"). */
  ERR_CONTEXT_UNKNOWN: 'ERR_CONTEXT_UNKNOWN',
  /** The credential's JSON-LD does not process in safe mode (a term no context defines, a malformed context). */
  ERR_CONTEXT_INVALID: 'ERR_CONTEXT_INVALID',

  // --- signature and keys -------------------------------------------------------------------
  /** `alg` is one no honest issuer signs with: `none`, an HMAC (`HS256`…), or no registered JWS algorithm at all (forged). */
  ERR_ALGORITHM_UNSUPPORTED: 'ERR_ALGORITHM_UNSUPPORTED',
  /** The signature does not match the payload and the issuer's key. */
  ERR_SIGNATURE_INVALID: 'ERR_SIGNATURE_INVALID',
  /**
   * The issuer does not publish the signing key: no key of its DID document (or https issuer profile) matches the
   * `kid`, the embedded `jwk` or the proof's verification method (e.g. a removed, rotated-out key).
   */
  ERR_KEY_NOT_FOUND: 'ERR_KEY_NOT_FOUND',
  /** A key (JWK, key file) is malformed, of the wrong type, or private where a public key is expected. */
  ERR_KEY_INVALID: 'ERR_KEY_INVALID',
  /** The signing key is the issuer's, but the issuer did not authorise it for issuing credentials (`assertionMethod`). */
  ERR_KEY_NOT_AUTHORIZED: 'ERR_KEY_NOT_AUTHORIZED',

  // --- issuer identity -------------------------------------------------------------------------
  /** `iss` differs from `issuer.id`, or `kid` does not belong to the issuer's DID. */
  ERR_ISSUER_MISMATCH: 'ERR_ISSUER_MISMATCH',
  /**
   * Authentic, but nothing outside the credential confirms who the issuer is: a self-describing `did:key` / `did:jwk`
   * issuer, and no trusted issuers or trust list were given (warning).
   */
  ERR_ISSUER_UNCONFIRMED: 'ERR_ISSUER_UNCONFIRMED',
  /** The DID (or DID URL) is syntactically invalid. */
  ERR_DID_INVALID: 'ERR_DID_INVALID',
  /** The DID method (or URL scheme) is not one we resolve (did:web, did:key, did:jwk, https): "could not check" in a verification. */
  ERR_DID_METHOD_UNSUPPORTED: 'ERR_DID_METHOD_UNSUPPORTED',
  /**
   * The DID document — or the profile an https issuer publishes its keys in — could not be fetched (network, timeout,
   * HTTP 5xx, a web page instead of JSON): "could not check".
   */
  ERR_DID_UNREACHABLE: 'ERR_DID_UNREACHABLE',
  /** The did:web document (or https issuer profile) does not exist (HTTP 404 / 410): the issuer's keys are not published there (failed). */
  ERR_DID_NOT_FOUND: 'ERR_DID_NOT_FOUND',
  /** The DID document (or https issuer profile) is malformed, too large, or its `id` is not the identifier that was resolved. */
  ERR_DID_DOCUMENT_INVALID: 'ERR_DID_DOCUMENT_INVALID',
  /** `http:` was needed for did:web (or an issuer profile) but the caller did not opt in (`allowInsecureLocalhost`) or the host is not localhost. */
  ERR_DID_INSECURE: 'ERR_DID_INSECURE',

  // --- content ---------------------------------------------------------------------------------
  /** The credential is not a valid Open Badges 3.0 / VC 2.0 credential. */
  ERR_SCHEMA_INVALID: 'ERR_SCHEMA_INVALID',
  /** A valid OB credential that lacks some of the 11 mandatory EU micro-credential elements (warning). */
  ERR_EU_ELEMENTS_MISSING: 'ERR_EU_ELEMENTS_MISSING',
  /** Input to `buildCredential` (or a CSV row, or a JSON file) is invalid; `details.issues` lists every problem. */
  ERR_INPUT_INVALID: 'ERR_INPUT_INVALID',

  // --- trust -----------------------------------------------------------------------------------
  /** Authentic, but the issuer is not among the trusted issuers / on the trust list (warning). */
  ERR_ISSUER_UNTRUSTED: 'ERR_ISSUER_UNTRUSTED',
  /** The trust list could not be fetched: "could not check". */
  ERR_TRUST_LIST_UNREACHABLE: 'ERR_TRUST_LIST_UNREACHABLE',
  /** The trust list is malformed. */
  ERR_TRUST_LIST_INVALID: 'ERR_TRUST_LIST_INVALID',

  // --- validity period -------------------------------------------------------------------------
  /** Past `validUntil` / `exp` (warning: authentic but expired). */
  ERR_CREDENTIAL_EXPIRED: 'ERR_CREDENTIAL_EXPIRED',
  /** Before `validFrom` / `nbf` (failed). */
  ERR_CREDENTIAL_NOT_YET_VALID: 'ERR_CREDENTIAL_NOT_YET_VALID',
  /** Dates contradict each other (`nbf` ≠ `validFrom`, `validUntil` < `validFrom`, `exp` ≠ `validUntil`). */
  ERR_VALIDITY_INCONSISTENT: 'ERR_VALIDITY_INCONSISTENT',

  // --- status (revocation / suspension) --------------------------------------------------------
  /** The issuer revoked the credential. */
  ERR_CREDENTIAL_REVOKED: 'ERR_CREDENTIAL_REVOKED',
  /** The issuer suspended the credential (reversible). */
  ERR_CREDENTIAL_SUSPENDED: 'ERR_CREDENTIAL_SUSPENDED',
  /** The status list (or its suspension companion) could not be fetched (network, timeout, HTTP error, a web page): "could not check". */
  ERR_STATUS_UNREACHABLE: 'ERR_STATUS_UNREACHABLE',
  /**
   * The status list is malformed, too short (< 131,072 entries) or too long (> 16 Mi entries), a gzip bomb, wrongly
   * signed, of another issuer, or not the list it was fetched as (its `id` differs from the URL): "could not check".
   */
  ERR_STATUS_LIST_INVALID: 'ERR_STATUS_LIST_INVALID',
  /**
   * The status list is out of date: past its `validUntil`, or older than a list already seen at that URL (a replayed
   * list must not undo a revocation): "could not check".
   */
  ERR_STATUS_LIST_STALE: 'ERR_STATUS_LIST_STALE',
  /** The credential carries more status entries than a verifier checks (at most 2): refused before any request. */
  ERR_STATUS_TOO_MANY: 'ERR_STATUS_TOO_MANY',
  /** `statusListIndex` is not a non-negative integer inside the list. */
  ERR_STATUS_INDEX_INVALID: 'ERR_STATUS_INDEX_INVALID',
  /** The entry's `statusPurpose` is not served by the list. */
  ERR_STATUS_PURPOSE_MISMATCH: 'ERR_STATUS_PURPOSE_MISMATCH',
  /** The credential's `credentialStatus` entry is malformed or of an unknown type. */
  ERR_STATUS_ENTRY_INVALID: 'ERR_STATUS_ENTRY_INVALID',

  // --- registry and certificate IDs ------------------------------------------------------------
  /** Text that is not a certificate ID: wrong characters, wrong length, or a typo caught by the check character (`details.reason`). */
  ERR_CERTIFICATE_ID_INVALID: 'ERR_CERTIFICATE_ID_INVALID',
  /** The registry has no credential with this certificate ID (HTTP 404 / 410). */
  ERR_CREDENTIAL_NOT_FOUND: 'ERR_CREDENTIAL_NOT_FOUND',
  /** The registry (or a credential URL) could not be reached: "could not check". */
  ERR_REGISTRY_UNREACHABLE: 'ERR_REGISTRY_UNREACHABLE',
  /**
   * A link points at another registry than the one the page checks, and the credential found there is not from an
   * issuer the page trusts.
   */
  ERR_REGISTRY_UNTRUSTED: 'ERR_REGISTRY_UNTRUSTED',
  /** One verification would read more bytes over the network than its budget (`maxFetchBytes`): "could not check". */
  ERR_FETCH_BUDGET_EXCEEDED: 'ERR_FETCH_BUDGET_EXCEEDED',

  // --- issuer store (Node) ---------------------------------------------------------------------
  /** Another process holds the store's lock. */
  ERR_STORE_LOCKED: 'ERR_STORE_LOCKED',
  /** `createIssuer` on a directory that already holds an issuer. */
  ERR_STORE_EXISTS: 'ERR_STORE_EXISTS',
  /** `openIssuer` on a directory with no issuer store. */
  ERR_STORE_NOT_FOUND: 'ERR_STORE_NOT_FOUND',
  /** A store file (config, record, journal, status state) is unreadable or malformed. */
  ERR_STORE_CORRUPT: 'ERR_STORE_CORRUPT',
  /** The issuer's private key file is missing or unreadable. */
  ERR_KEY_FILE_MISSING: 'ERR_KEY_FILE_MISSING',
  /** The issuer's signer (a KMS/HSM or another process holding the key) failed or refused to sign: retry when it is back. */
  ERR_SIGNER_FAILED: 'ERR_SIGNER_FAILED',
  /** No record with that certificate ID in the store. */
  ERR_RECORD_NOT_FOUND: 'ERR_RECORD_NOT_FOUND',
  /** The requested state change is impossible (reinstate a revoked credential, revoke twice). */
  ERR_STATE_CONFLICT: 'ERR_STATE_CONFLICT',
  /** Every index of the status lists is in use. */
  ERR_STATUS_LIST_FULL: 'ERR_STATUS_LIST_FULL',
  /** A file or directory could not be written (permissions, disk full). */
  ERR_WRITE_FAILED: 'ERR_WRITE_FAILED',

  // --- CSV -------------------------------------------------------------------------------------
  /** The CSV file as a whole cannot be read (no header, unknown/missing columns, binary junk, too large a field). */
  ERR_CSV_INVALID: 'ERR_CSV_INVALID',

  // --- SD-JWT VC presentations (wallets) ------------------------------------------------------
  /** The SD-JWT is not well-formed: issuer-signed JWT, disclosures or key-binding JWT unreadable, a disclosure repeated, an unsupported `_sd_alg`. */
  ERR_SD_JWT_MALFORMED: 'ERR_SD_JWT_MALFORMED',
  /** A disclosure whose digest the issuer did not sign into the credential (added or swapped in by someone else). */
  ERR_DISCLOSURE_UNKNOWN: 'ERR_DISCLOSURE_UNKNOWN',
  /** The credential is bound to the holder's key but the presentation carries no key-binding JWT. */
  ERR_KEY_BINDING_MISSING: 'ERR_KEY_BINDING_MISSING',
  /** The key-binding JWT is malformed, of the wrong type, too old or in the future, or does not cover these disclosures (`sd_hash`). */
  ERR_KEY_BINDING_INVALID: 'ERR_KEY_BINDING_INVALID',
  /** The key-binding JWT is not signed by the holder key named in the credential (`cnf`): someone else presented it. */
  ERR_KEY_BINDING_SIGNATURE_INVALID: 'ERR_KEY_BINDING_SIGNATURE_INVALID',
  /** The key-binding JWT answers another request: its `nonce` is not the one the verifier asked for (a replay). */
  ERR_KEY_BINDING_NONCE_MISMATCH: 'ERR_KEY_BINDING_NONCE_MISMATCH',
  /** The key-binding JWT was made for another verifier: its `aud` is not this verifier. */
  ERR_KEY_BINDING_AUDIENCE_MISMATCH: 'ERR_KEY_BINDING_AUDIENCE_MISMATCH',
  /** The issuer's JWT VC Issuer Metadata (`/.well-known/jwt-vc-issuer`) could not be fetched: "could not check". */
  ERR_ISSUER_METADATA_UNREACHABLE: 'ERR_ISSUER_METADATA_UNREACHABLE',
  /** The issuer's JWT VC Issuer Metadata is malformed or names another issuer. */
  ERR_ISSUER_METADATA_INVALID: 'ERR_ISSUER_METADATA_INVALID',

  // --- OpenID4VCI issuance (wallet offers) -----------------------------------------------------
  /** No credential offer with this pre-authorized code. */
  ERR_OFFER_NOT_FOUND: 'ERR_OFFER_NOT_FOUND',
  /** The credential offer expired before the wallet redeemed it. */
  ERR_OFFER_EXPIRED: 'ERR_OFFER_EXPIRED',
  /** The credential offer was already redeemed (offers are single-use). */
  ERR_OFFER_USED: 'ERR_OFFER_USED',
  /** The transaction code (PIN) of the offer is missing or wrong. */
  ERR_TX_CODE_INVALID: 'ERR_TX_CODE_INVALID',
  /** The access token is missing, unknown, expired or already used. */
  ERR_ACCESS_TOKEN_INVALID: 'ERR_ACCESS_TOKEN_INVALID',
  /** The credential request is malformed or asks for a credential this issuer does not offer. */
  ERR_CREDENTIAL_REQUEST_INVALID: 'ERR_CREDENTIAL_REQUEST_INVALID',
  /** The wallet's proof of possession is malformed, wrongly signed, of the wrong type, or too old. */
  ERR_PROOF_INVALID: 'ERR_PROOF_INVALID',
  /** The proof of possession carries a nonce this issuer did not hand out, or one already used or expired. */
  ERR_PROOF_NONCE_INVALID: 'ERR_PROOF_NONCE_INVALID',
  /** The proof of possession was made for another credential issuer (`aud`). */
  ERR_PROOF_AUDIENCE_INVALID: 'ERR_PROOF_AUDIENCE_INVALID',
  // --- PDF certificates ------------------------------------------------------------------------
  /** The bytes are not a readable PDF: no `%PDF-` header, a broken object structure, or a damaged compressed stream. */
  ERR_PDF_MALFORMED: 'ERR_PDF_MALFORMED',
  /** The PDF is encrypted (password-protected), so its attached files cannot be read. */
  ERR_PDF_ENCRYPTED: 'ERR_PDF_ENCRYPTED',
  /** The PDF carries no attached credential (a printout, a scan, or a PDF made without microcert). */
  ERR_PDF_CREDENTIAL_MISSING: 'ERR_PDF_CREDENTIAL_MISSING',
  /** The PDF carries more than one attached credential, so which one it certifies is unclear (`details.names`). */
  ERR_PDF_CREDENTIAL_AMBIGUOUS: 'ERR_PDF_CREDENTIAL_AMBIGUOUS',
  // --- command line and files ------------------------------------------------------------------
  /** A command-line argument or option is missing, unknown or malformed (CLI exit code 2). */
  ERR_ARGUMENT_INVALID: 'ERR_ARGUMENT_INVALID',
  /** A file could not be read (no permission, a directory, gone while reading). */
  ERR_FILE_UNREADABLE: 'ERR_FILE_UNREADABLE',
} as const

export type MicrocertErrorCode = (typeof MicrocertErrorCode)[keyof typeof MicrocertErrorCode]

/** Every code, for exhaustiveness checks and docs. */
export const MICROCERT_ERROR_CODES = /* @__PURE__ */ Object.freeze(/* @__PURE__ */ Object.values(MicrocertErrorCode)) as readonly MicrocertErrorCode[]

/**
 * The one error class of microcert. `code` is stable; `message` is one line for a person; `cause` keeps the
 * underlying jose / Zod / fetch / fs error; `details` carries structured data (e.g. `issues`, `reason`, `row`).
 * Messages never contain key material or whole tokens.
 *
 * @example
 * try { parseCertificateId('MC-XXXX') } catch (e) { if (isMicrocertError(e)) console.log(e.code) }
 */
export class MicrocertError extends Error {
  override readonly name = 'MicrocertError'
  readonly code: MicrocertErrorCode
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(
    code: MicrocertErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options.details
  }

  toJSON(): { name: string; code: MicrocertErrorCode; message: string; details?: Readonly<Record<string, unknown>> } {
    return this.details === undefined
      ? { name: this.name, code: this.code, message: this.message }
      : { name: this.name, code: this.code, message: this.message, details: this.details }
  }
}

/** True when `value` is a `MicrocertError` (also across bundle copies, by shape). */
export function isMicrocertError(value: unknown): value is MicrocertError {
  return (
    value instanceof MicrocertError ||
    (value instanceof Error && value.name === 'MicrocertError' && typeof (value as { code?: unknown }).code === 'string')
  )
}
