import { randomInt } from 'node:crypto'
import { MicrocertError } from '../../errors.js'

/** More lists than this and the registry would publish ~330 MB of status files: a store that big needs a redesign. */
export const MAX_STATUS_LISTS = 10_000

/**
 * How many lists an issuer needs once `used + adding` indexes are taken: a list is added whenever they would be more
 * than three quarters full, so a random pick finds a free index in a few tries and an index says little about
 * when its credential was issued (DESIGN §6: indexes are random for privacy).
 * Errors: ERR_STATUS_LIST_FULL.
 */
export function statusListsNeeded(used: number, adding: number, lists: number, size: number): number {
  let needed = Math.max(1, lists)
  while ((used + adding) * 4 > needed * size * 3) {
    if (needed >= MAX_STATUS_LISTS) {
      throw new MicrocertError('ERR_STATUS_LIST_FULL', `All ${MAX_STATUS_LISTS} status lists are in use`, { details: { lists: needed } })
    }
    needed++
  }
  return needed
}

/** `count` distinct random indexes below `capacity` that `isTaken` does not claim. */
export function pickIndexes(count: number, capacity: number, isTaken: (index: number) => boolean): number[] {
  const picked = new Set<number>()
  while (picked.size < count) {
    const index = randomInt(capacity)
    if (!picked.has(index) && !isTaken(index)) picked.add(index)
  }
  return [...picked]
}
