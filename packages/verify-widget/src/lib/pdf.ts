// The PDF reader, a chunk of its own: only a dropped or chosen PDF loads it.
export { extractCredentialFromPdf } from '@microcert/core'
