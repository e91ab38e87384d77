import { MICRO_CREDENTIAL_VCT_PATH } from './constants.js'

/**
 * The `vct` (credential type) of the micro-credentials a registry issues: `<registry>/vct/micro-credential`. Its
 * type metadata (`buildMicroCredentialTypeMetadata`) is published at that URL.
 *
 * @example
 * microCredentialVct('https://uni.example/microcerts') // 'https://uni.example/microcerts/vct/micro-credential'
 * @throws TypeError when `registryUrl` is not an http(s) URL
 */
export function microCredentialVct(registryUrl: string): string {
  if (typeof registryUrl !== 'string' || !/^https?:\/\/[^\s?#]+$/.test(registryUrl)) {
    throw new TypeError('microCredentialVct(registryUrl): registryUrl must be an http(s) URL without query or fragment')
  }
  return `${registryUrl.replace(/\/+$/, '')}/${MICRO_CREDENTIAL_VCT_PATH}`
}
