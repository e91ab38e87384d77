import { MicrocertError } from '../errors.js'

/**
 * Loads a part of microcert kept out of the first download (Data Integrity, SD-JWT, PDF, other issuers' key forms). A
 * chunk that does not load — offline, a content security policy, a CDN that lost the file — says nothing about the
 * credential: ERR_PROOF_UNSUPPORTED, "could not check here", never "altered".
 */
export async function loadChunk<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (cause) {
    throw new MicrocertError('ERR_PROOF_UNSUPPORTED', 'The code that checks this input could not be loaded', { cause })
  }
}
