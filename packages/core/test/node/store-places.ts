// Where an end-to-end test puts its issuer store, for each engine: a directory under `root`, or a fresh PostgreSQL
// database (with the key file outside it, as the PostgreSQL store requires).
import { join } from 'node:path'
import { dropDatabase, freshDatabase } from './pg/database.js'

export interface StorePlace {
  location: string
  /** Options `createIssuer` needs for this engine (the key file of a PostgreSQL store). */
  options: { keyFile?: string }
  /** Removes what `place()` made (the database); the directory goes with the test's temp dir. */
  done: () => Promise<void>
}

/** One entry per store engine, for `describe.each`: `$name` in titles, `place()` in the test. */
export function storePlaces(root: string): { name: string; place: () => Promise<StorePlace> }[] {
  return [
    { name: 'directory', place: async () => ({ location: join(root, 'store'), options: {}, done: async () => undefined }) },
    {
      name: 'PostgreSQL',
      place: async () => {
        const url = await freshDatabase()
        return { location: url, options: { keyFile: join(root, 'pg.private.jwk') }, done: () => dropDatabase(url) }
      },
    },
  ]
}
