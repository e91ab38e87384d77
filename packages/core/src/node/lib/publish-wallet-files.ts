import { buildJwtVcIssuerMetadata } from '../../sd-jwt/build-jwt-vc-issuer-metadata.js'
import { buildMicroCredentialTypeMetadata } from '../../sd-jwt/build-micro-credential-type-metadata.js'
import { buildTokenStatusList, type TokenStatusEntry } from '../../sd-jwt/build-token-status-list.js'
import { MICRO_CREDENTIAL_VCT_PATH } from '../../sd-jwt/constants.js'
import { jwtVcIssuerMetadataUrl } from '../../sd-jwt/jwt-vc-issuer-metadata-url.js'
import { microCredentialVct } from '../../sd-jwt/micro-credential-vct.js'
import type { Signer } from '../../types.js'
import { tokenStatusListPath } from '../token-status-reference.js'
import type { IssuedRecord } from '../types.js'
import type { IssuerConfig, StoreKey } from './store-backend.js'

/** Token Status Lists carry `exp`; `buildTokenStatusList` allows at most a year. */
const MAX_TOKEN_STATUS_VALIDITY_S = 31_536_000

export interface WalletFilesReport {
  tokenStatusLists: number
  /** Site-relative paths, for `_headers`. */
  jwtVcIssuerPath: string
  vctPath: string
}

/**
 * What wallets and SD-JWT VC verifiers fetch from the registry: the IETF Token Status List of each status list
 * (`status/<n>.tsl.jwt`, revoked and suspended credentials at the index of their Bitstring entry, so it changes with
 * every revoke, suspend and reinstate), the type metadata of the `vct` (`vct/micro-credential`) and the JWT VC Issuer
 * Metadata with the issuer's keys (`.well-known/jwt-vc-issuer[/<path>]`).
 */
export function createWalletFiles(config: IssuerConfig) {
  const entries = new Map<number, TokenStatusEntry[]>()
  return {
    /** Takes every record of the snapshot, withdrawn ones too (their status still counts). */
    add(record: IssuedRecord): void {
      if (record.state === 'active') return
      const list = Math.floor(record.statusIndex / config.statusListSize)
      const index = record.statusIndex % config.statusListSize
      let listEntries = entries.get(list)
      if (listEntries === undefined) entries.set(list, (listEntries = []))
      listEntries.push({ index, status: record.state })
    },

    /** Signs the lists (after the snapshot is closed) and writes every file. */
    async finish(options: {
      statusLists: number
      signer: Signer
      keys: readonly StoreKey[]
      now: Date
      ttlMs: number
      validityMs: number
      write(relative: string, data: string): void
      warnings: string[]
    }): Promise<WalletFilesReport> {
      const { write, warnings } = options
      const registry = config.registryUrl
      const validFor = Math.floor(options.validityMs / 1000)
      if (validFor > MAX_TOKEN_STATUS_VALIDITY_S) {
        warnings.push('The Token Status Lists for wallets are valid for at most 365 days: publish again within a year')
      }
      for (let n = 0; n < options.statusLists; n++) {
        const path = tokenStatusListPath(n)
        const jwt = await buildTokenStatusList({
          uri: `${registry}/${path}`,
          signer: options.signer,
          issuer: registry,
          size: config.statusListSize,
          entries: entries.get(n) ?? [],
          now: options.now,
          ttl: Math.max(1, Math.floor(options.ttlMs / 1000)),
          validFor: Math.max(1, Math.min(validFor, MAX_TOKEN_STATUS_VALIDITY_S)),
        })
        write(path, jwt)
      }

      const vct = microCredentialVct(registry)
      write(MICRO_CREDENTIAL_VCT_PATH, `${JSON.stringify(buildMicroCredentialTypeMetadata({ vct }), null, 2)}\n`)

      const metadataUrl = jwtVcIssuerMetadataUrl(registry)
      const metadata = buildJwtVcIssuerMetadata({ issuer: registry, keys: options.keys.map((key) => ({ kid: key.kid, publicJwk: key.publicJwk })) })
      const jwtVcIssuerPath = new URL(metadataUrl).pathname.slice(1)
      if (new URL(registry).pathname.replace(/\/+$/, '') !== '') {
        warnings.push(
          `The JWT VC Issuer Metadata of "${registry}" belongs at ${metadataUrl}, at the root of the host, outside the registry: ` +
            `it was written to the site as "${jwtVcIssuerPath}"; serve it at that URL (verifiers that find the keys through the issuer's did:web do not need it)`,
        )
      }
      write(jwtVcIssuerPath, `${JSON.stringify(metadata, null, 2)}\n`)
      return { tokenStatusLists: options.statusLists, jwtVcIssuerPath, vctPath: MICRO_CREDENTIAL_VCT_PATH }
    },
  }
}
