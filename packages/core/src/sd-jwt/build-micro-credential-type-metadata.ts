import { COURSE_CLAIMS, REQUIRED_COURSE_CLAIMS, SELECTIVELY_DISCLOSABLE_CLAIMS } from './constants.js'
import { EU_LANGUAGES, TYPE_LABELS } from './lib/type-labels.js'

/** Display entry of SD-JWT VC type metadata. Both `locale` (current drafts) and `lang` (earlier drafts, still read by wallets) are given. */
export interface TypeMetadataDisplay {
  locale: string
  lang: string
  name: string
  description?: string
}

/** SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc §6) of the micro-credential type. */
export interface MicroCredentialTypeMetadata {
  vct: string
  name: string
  description: string
  display: TypeMetadataDisplay[]
  claims: { path: [string]; mandatory?: true; sd: 'always' | 'never'; display: { locale: string; lang: string; label: string }[] }[]
}

const MANDATORY_LEARNER_CLAIMS = new Set<string>(['identifier', 'issuanceDate'])

/**
 * Builds the JSON Type Metadata of the micro-credential `vct`, published at the `vct` URL: a display name and
 * description, and for every claim its label in the 24 official EU languages, whether the issuer always includes it
 * (`mandatory`), and whether it is selectively disclosable (`sd`: the course `never`, the learner, result and dates
 * `always`).
 *
 * @example
 * const metadata = buildMicroCredentialTypeMetadata({ vct: microCredentialVct('https://uni.example/microcerts') })
 * // write JSON.stringify(metadata) to <registry>/vct/micro-credential
 * @throws TypeError when `vct` is not a non-empty string
 */
export function buildMicroCredentialTypeMetadata(options: { vct: string }): MicroCredentialTypeMetadata {
  if (typeof options?.vct !== 'string' || options.vct.length === 0) {
    throw new TypeError('buildMicroCredentialTypeMetadata({ vct }): vct must be a non-empty string')
  }
  const required = new Set<string>(REQUIRED_COURSE_CLAIMS)
  const claim = (name: (typeof COURSE_CLAIMS)[number] | (typeof SELECTIVELY_DISCLOSABLE_CLAIMS)[number], sd: 'always' | 'never') => ({
    path: [name] as [string],
    ...(required.has(name) || MANDATORY_LEARNER_CLAIMS.has(name) ? { mandatory: true as const } : {}),
    sd,
    display: EU_LANGUAGES.map((locale) => ({ locale, lang: locale, label: TYPE_LABELS[locale].claims[name] })),
  })
  return {
    vct: options.vct,
    name: 'EU micro-credential (microcert)',
    description:
      'A micro-credential under Council Recommendation 2022/C 243/02: the course (EU elements 2-4 and 6-11) is always disclosed; ' +
      'the learner, the result and the dates are selectively disclosable.',
    display: EU_LANGUAGES.map((locale) => ({ locale, lang: locale, name: TYPE_LABELS[locale].name, description: TYPE_LABELS[locale].description })),
    claims: [...COURSE_CLAIMS.map((name) => claim(name, 'never')), ...SELECTIVELY_DISCLOSABLE_CLAIMS.map((name) => claim(name, 'always'))],
  }
}
