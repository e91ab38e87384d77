import { decodeCredential } from '@microcert/core'

/**
 * The date a person reads as "issued on": the credential's `awardedDate` when it has one, else its `validFrom`
 * (the same rule the widget and the PDF follow). Undefined when the token cannot be decoded.
 */
export function issuedOn(jwt: string): string | undefined {
  try {
    const { credential } = decodeCredential(jwt)
    const date = credential['awardedDate'] ?? credential['validFrom']
    return typeof date === 'string' ? date : undefined
  } catch {
    return undefined
  }
}
