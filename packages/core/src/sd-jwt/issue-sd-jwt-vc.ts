import type { MicroCredential } from '@microcert/schemas'
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc'
import type { DisclosureFrame } from '@sd-jwt/types'
import { MicrocertError } from '../errors.js'
import { publicJwkOf } from '../lib/jwk.js'
import type { Signer } from '../types.js'
import { buildSdJwtVcClaims } from './build-sd-jwt-vc-claims.js'
import { SD_JWT_VC_TYPE, SELECTIVELY_DISCLOSABLE_CLAIMS } from './constants.js'
import { saltGenerator, sdJwtSignerOf, sha256Hasher } from './lib/sd-jwt-crypto.js'
import type { SdJwtVcHolderData, TokenStatusReference } from './types.js'

/** Options of `issueSdJwtVc`. */
export interface IssueSdJwtVcOptions {
  /** The issuer's key. Its `kid` (a DID URL) goes into the header; wallets find the key through it or through `issuer`'s JWT VC Issuer Metadata. */
  signer: Signer
  /** The `iss` claim: the issuer's https URL (e.g. the registry URL) whose `/.well-known/jwt-vc-issuer` lists `signer`'s key, or its DID. */
  issuer: string
  /** The `vct` claim, `microCredentialVct(registryUrl)`. */
  vct: string
  /** The wallet's public key, proven in the OpenID4VCI proof of possession; it goes into `cnf.jwk` (holder binding). */
  holderKey: JsonWebKey
  /** Index and URI of the credential in the issuer's Token Status List. Default: none (the credential cannot be revoked in wallets). */
  status?: TokenStatusReference
  /** Personal data of the learner kept outside the credential; each field becomes a disclosure. Default: none. */
  holder?: SdJwtVcHolderData
  /** Issue time (`iat`, itself selectively disclosable). Default: now. */
  now?: Date
}

/**
 * Issues a micro-credential as an SD-JWT VC (`typ` `dc+sd-jwt`) for the learner's wallet, with the OpenWallet
 * Foundation's `@sd-jwt/sd-jwt-vc`. The course (EU elements 2–4, 6–11) is in plain claims; the learner's identity,
 * the grade and the dates are each a salted disclosure the learner may withhold; `cnf` binds it to the wallet's
 * key; `exp` is the credential's `validUntil`; `status` points at the Token Status List. Returns the issued
 * SD-JWT (`<jwt>~<disclosure>~…~`).
 *
 * @example
 * const sdJwt = await issueSdJwtVc(credential, { signer, issuer: 'https://uni.example/microcerts', vct: microCredentialVct('https://uni.example/microcerts'), holderKey })
 * @throws MicrocertError ERR_INPUT_INVALID (credential not a complete micro-credential, bad holder data, bad status
 *   reference), ERR_KEY_INVALID (holder key); TypeError for malformed options
 */
export async function issueSdJwtVc(credential: MicroCredential, options: IssueSdJwtVcOptions): Promise<string> {
  if (typeof options !== 'object' || options === null) throw new TypeError('issueSdJwtVc(credential, options): options must be an object')
  const { signer, issuer, vct } = options
  if (typeof signer?.sign !== 'function' || (signer.alg !== 'ES256' && signer.alg !== 'EdDSA')) {
    throw new TypeError('issueSdJwtVc options.signer must be a microcert Signer (ES256 or EdDSA)')
  }
  if (typeof issuer !== 'string' || !/^(https?:\/\/[^\s?#]+|did:[a-z0-9]+:\S+)$/.test(issuer)) {
    throw new TypeError('issueSdJwtVc options.issuer must be an https URL or a DID')
  }
  if (typeof vct !== 'string' || vct.length === 0) throw new TypeError('issueSdJwtVc options.vct must be a non-empty string')
  if (options.now !== undefined && (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()))) {
    throw new TypeError('issueSdJwtVc options.now must be a valid Date')
  }
  const holderKey = publicJwkOf(options.holderKey, 'The wallet key')
  const status = options.status
  if (status !== undefined && (!Number.isSafeInteger(status.idx) || status.idx < 0 || typeof status.uri !== 'string' || !/^https?:\/\//.test(status.uri))) {
    throw new MicrocertError('ERR_INPUT_INVALID', 'The status reference needs a non-negative integer "idx" and an http(s) "uri"', {
      details: { issues: ['status: { idx: non-negative integer, uri: http(s) URL }'] },
    })
  }

  const claims = buildSdJwtVcClaims(credential, options.holder === undefined ? {} : { holder: options.holder })
  const payload: SdJwtVcPayload = {
    iss: issuer,
    vct,
    iat: Math.floor((options.now ?? new Date()).getTime() / 1000),
    cnf: { jwk: holderKey },
    ...claims,
  }
  if (credential.validUntil !== undefined) payload.exp = Math.floor(Date.parse(credential.validUntil) / 1000)
  if (status !== undefined) payload.status = { status_list: { idx: status.idx, uri: status.uri } }

  const disclosable = [...SELECTIVELY_DISCLOSABLE_CLAIMS, 'iat'].filter((name) => payload[name] !== undefined)
  const instance = new SDJwtVcInstance({
    hasher: sha256Hasher,
    hashAlg: 'sha-256',
    saltGenerator,
    signer: sdJwtSignerOf(signer),
    signAlg: signer.alg,
  })
  return instance.issue(payload, { _sd: disclosable } as DisclosureFrame<SdJwtVcPayload>, {
    header: { typ: SD_JWT_VC_TYPE, kid: signer.kid },
  })
}
