import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IssueInput } from '../../src/node/types.js'

/** A valid course row for learner `i` (all 11 EU elements). */
export function courseInput(i: number, overrides: Partial<IssueInput['achievement']> = {}): IssueInput {
  return {
    learner: { name: `Learner ${i}`, studentId: `S-${String(i).padStart(6, '0')}` },
    achievement: {
      id: 'https://uni.example/microcerts/achievements/applied-data-ethics',
      title: 'Applied Data Ethics',
      description: 'Short course on ethical frameworks for data-driven decision making.',
      learningOutcomes: ['Applies core ethical frameworks to data-driven decision making'],
      ects: 3,
      eqfLevel: 6,
      assessment: ['written examination'],
      participation: 'online',
      qualityAssurance: [{ name: 'Institutional accreditation 2024' }],
      ...overrides,
    },
    issuedAt: '2026-06-15T09:00:00Z',
  }
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'microcert-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const ISSUER = {
  did: 'did:web:uni.example:microcerts',
  name: 'Example University',
  country: 'CZ',
  url: 'https://uni.example/microcerts',
} as const
