// Realistic inputs shared by the cases: the demo's largest course (examples/data/courses/applied-ai.json) and
// distinct learners, so no two credentials are alike.
import { createWriteStream, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { IssueInput } from '@microcert/core/node'

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))
export const COURSE_FILE = `${REPO}examples/data/courses/applied-ai.json`
export const CLI_BIN = `${REPO}packages/cli/dist/bin.js`

const course = JSON.parse(readFileSync(COURSE_FILE, 'utf8')) as Omit<IssueInput, 'learner'>
const GRADES = ['A', 'B', 'C', 'D', 'E']
const FIRST = ['Jana', 'Tomáš', 'Eliška', 'Jiří', 'Zuzana', 'Petr', 'Anna', 'Lukáš', 'Klára', 'Marek']
const LAST = ['Dvořáková', 'Novák', 'Svobodová', 'Procházka', 'Černá', 'Kučera', 'Veselá', 'Horák', 'Marková', 'Pokorný']

/** Learner `i`: the CSV columns `learner.name,learner.email,learner.studentId,grade,awardedAt`. */
export function learner(i: number): { name: string; email: string; studentId: string; grade: string; awardedAt: string } {
  const first = FIRST[i % FIRST.length]!
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!
  return {
    name: `${first} ${last} ${i}`,
    email: `learner${i}@example.cz`,
    studentId: `S${String(i).padStart(7, '0')}`,
    grade: GRADES[i % GRADES.length]!,
    awardedAt: '2026-06-19T10:00:00+02:00',
  }
}

/** The issue input of learner `i` (the issuer store adds its issuer profile). */
export function issueInput(i: number): IssueInput {
  const l = learner(i)
  return { ...course, learner: { name: l.name, email: l.email, studentId: l.studentId }, grade: l.grade, awardedAt: l.awardedAt } as IssueInput
}

/** Writes a learners CSV of `rows` rows (for `microcert issue --csv … --achievement COURSE_FILE`). */
export async function writeLearnersCsv(path: string, rows: number, from = 0): Promise<void> {
  const out = createWriteStream(path)
  out.write('learner.name,learner.email,learner.studentId,grade,awardedAt\n')
  for (let i = from; i < from + rows; i++) {
    const l = learner(i)
    if (!out.write(`${l.name},${l.email},${l.studentId},${l.grade},${l.awardedAt}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

export interface Registry {
  store: string
  site: string
  did: string
  url: string
}

/**
 * An issuer store with `count` credentials and its published site, made with the SDK (`@microcert/core/node`).
 * Default issuer: did:web on 127.0.0.1 with `port`.
 */
export async function createRegistry(dir: string, options: { count: number; port?: number; alg?: 'ES256' | 'EdDSA'; widgetScript?: string }): Promise<Registry> {
  const { createIssuer } = await import('@microcert/core/node')
  const port = options.port ?? 8999
  const did = `did:web:127.0.0.1%3A${port}`
  const url = `http://127.0.0.1:${port}`
  const issuer = await createIssuer(`${dir}/store`, { did, name: 'Bench University', country: 'CZ', url, alg: options.alg ?? 'ES256' })
  try {
    function* rows(): Generator<{ rowKey: string; input: IssueInput }> {
      for (let i = 0; i < options.count; i++) yield { rowKey: `r${i}`, input: issueInput(i) }
    }
    const report = await issuer.issueBatch(rows(), { collect: false })
    if (report.counts.issued !== options.count) throw new Error(`bench registry: issued ${report.counts.issued} of ${options.count}: ${JSON.stringify(report.failed.slice(0, 3))}`)
    // the verifiers these registries serve fetch credentials and status lists only: no PDFs to render
    await issuer.publish(`${dir}/site`, { pdf: false, ...(options.widgetScript === undefined ? {} : { widgetScript: options.widgetScript }) })
  } finally {
    await issuer.close()
  }
  return { store: `${dir}/store`, site: `${dir}/site`, did, url }
}
