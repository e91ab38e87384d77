// vitest global setup: names a state directory that test files share to start ONE throwaway PostgreSQL cluster the
// first time a test asks for a database (so runs without PostgreSQL tests never start one), and stops it at the end.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopCluster } from './cluster.js'

export default function setup(): () => void {
  if (process.env['MICROCERT_TEST_PG_STATE'] !== undefined) return () => undefined
  const state = mkdtempSync(join(tmpdir(), 'microcert-pg-state-'))
  process.env['MICROCERT_TEST_PG_STATE'] = state
  return () => {
    const file = join(state, 'cluster.json')
    try {
      if (existsSync(file)) {
        const { root } = JSON.parse(readFileSync(file, 'utf8')) as { root?: string }
        if (root !== undefined) stopCluster(root)
      }
    } finally {
      rmSync(state, { recursive: true, force: true })
    }
  }
}
