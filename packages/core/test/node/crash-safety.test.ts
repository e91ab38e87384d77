import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { extractPublicJwk } from '../../src/extract-public-jwk.js'
import { verifyCredential } from '../../src/verify-credential.js'
import { createIssuer, openIssuer, type IssuedRecord } from '../../src/node/index.js'
import { courseInput, ISSUER, runChild, tempDir } from './helpers.js'
import { dropDatabase, freshDatabase } from './pg/database.js'

const { dir: root, cleanup } = tempDir('microcert-crash-')
afterAll(cleanup, 60_000)

const TOTAL = 5000

// Both stores: a directory (whose journal commits each chunk) and PostgreSQL (whose transaction does).
const stores = [
  {
    name: 'directory',
    location: async () => ({ location: join(root, 'store'), options: {}, keyFile: join(root, 'store', 'keys', 'key-1.private.jwk'), done: async () => undefined }),
  },
  {
    name: 'PostgreSQL',
    location: async () => {
      const url = await freshDatabase()
      const keyFile = join(root, 'pg.private.jwk')
      return { location: url, options: { keyFile }, keyFile, done: () => dropDatabase(url) }
    },
  },
]

describe.each(stores)('crash safety: $name store', (store) => {
  it('a batch killed with SIGKILL at a random moment completes on re-run: exactly N credentials, unique IDs and indexes, all verify', async () => {
    const { location, options, keyFile, done } = await store.location()
    try {
      const created = await createIssuer(location, { ...ISSUER, ...options })
      await created.close()
      const child = runChild('batch-child.ts', [location, String(TOTAL)])
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      // A random point of the run, by progress rather than by clock (a faster batch must not finish before the kill):
      // once that many rows are done, the child is killed a random few milliseconds later, mid-chunk or mid-commit.
      const target = Math.floor(Math.random() * TOTAL * 0.8)
      const killedAfter = await new Promise<number>((resolve, reject) => {
        let out = ''
        let armed = false
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const done = [...out.matchAll(/"done":(\d+)/g)].at(-1)?.[1]
          if (!armed && done !== undefined && Number(done) >= target) {
            armed = true
            const delay = Math.floor(Math.random() * 20)
            setTimeout(() => {
              child.kill('SIGKILL')
              resolve(delay)
            }, delay)
          }
        })
        child.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`child ended before the kill (code ${code}): ${stderr}${out.slice(-500)}`))
        })
      })
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.on('exit', resolve)))
      expect(killedAfter).toBeGreaterThanOrEqual(0)

      // The directory store takes the dead child's lock over; either store resumes where its last committed chunk ended.
      const issuer = await openIssuer(location)
      let before = 0
      for await (const _ of issuer.list()) before++
      expect(before).toBeLessThan(TOTAL)
      const rows = Array.from({ length: TOTAL }, (_, i) => ({ rowKey: `row-${i}`, input: courseInput(i) }))
      const report = await issuer.issueBatch(rows, { collect: false })
      expect(report.counts).toEqual({ issued: TOTAL - before, skipped: before, failed: 0 })

      const all: IssuedRecord[] = []
      for await (const record of issuer.list()) all.push(record)
      await issuer.close()
      expect(all).toHaveLength(TOTAL)
      expect(new Set(all.map((r) => r.certificateId)).size).toBe(TOTAL)
      expect(new Set(all.map((r) => r.statusIndex)).size).toBe(TOTAL)
      expect(new Set(all.map((r) => r.rowKey)).size).toBe(TOTAL)

      const key = extractPublicJwk(JSON.parse(readFileSync(keyFile, 'utf8')) as JsonWebKey)
      const results = await Promise.all(all.map((r) => verifyCredential(r.jwt, { key, checkStatus: false, now: new Date('2026-11-29T12:00:00Z') })))
      const notVerified = results.filter((r) => r.status !== 'verified')
      expect(notVerified.slice(0, 1)).toEqual([])
    } finally {
      await done()
    }
  }, 180_000)
})
