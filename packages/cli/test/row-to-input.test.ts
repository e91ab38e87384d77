import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvTemplate } from '../src/lib/csv-columns.js'
import { readCsv } from '../src/lib/csv.js'
import { checkHeader, courseToBase, defaultRowKey, rowToInput, splitList } from '../src/lib/row-to-input.js'

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

const COURSE = {
  title: 'T',
  description: 'D',
  learningOutcomes: ['x'],
  ects: 5,
  eqfLevel: 6,
  assessment: ['a'],
  participation: 'online',
  qualityAssurance: [{ name: 'q' }],
}

describe('CSV template and row mapping', () => {
  it('has one column per field of the input, incl. every EU element 1, 2, 4–11', () => {
    const eu = new Set(CSV_COLUMNS.flatMap((c) => (c.eu === undefined ? [] : [c.eu])))
    for (const n of [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]) expect(eu.has(n)).toBe(true)
    expect(new Set(CSV_COLUMNS.map((c) => c.name)).size).toBe(CSV_COLUMNS.length)
  })

  it('round-trips the template: its example row maps onto a complete input', async () => {
    const records = []
    for await (const r of readCsv([csvTemplate()])) records.push(r)
    expect(records).toHaveLength(2)
    const columns = checkHeader(records[0]!.fields, undefined)
    const mapped = rowToInput(records[1]!.fields, columns, undefined)
    if ('errors' in mapped) throw new Error(mapped.errors.join('\n'))
    expect(mapped.rowKey).toBe('AAI-2026-0001')
    const input = mapped.input as { learner: { name: string }; achievement: Record<string, unknown> }
    expect(input.learner.name).toBe('Jana Dvořáková')
    expect(input.achievement['ects']).toBe(5)
    expect(input.achievement['eqfLevel']).toBe(6)
    expect(input.achievement['learningOutcomes']).toHaveLength(2)
    expect(input.achievement['assessment']).toEqual(['written examination', 'project'])
    expect(input.achievement['qualityAssurance']).toEqual([{ name: 'Internal quality assurance of the university', url: 'https://uni.example/qa' }])
    expect(input.achievement['grading']).toEqual({ name: 'ECTS grading scale', type: 'LetterGrade', allowedValues: ['A', 'B', 'C', 'D', 'E', 'F'], requiredValue: 'E' })
  })

  it('rejects an unknown column with ERR_CSV_INVALID and suggests the right name', () => {
    expect(codeOf(() => checkHeader(['learner.name', 'achievement.ECTS'], { achievement: {} }))).toBe('ERR_CSV_INVALID')
    try {
      checkHeader(['learner.name', 'ects'], {})
    } catch (e) {
      expect((e as Error).message).toMatch(/did you mean "achievement.ects"/)
    }
  })

  it('rejects a duplicate column and a missing required column with ERR_CSV_INVALID', () => {
    expect(codeOf(() => checkHeader(['learner.name', 'learner.name'], undefined))).toBe('ERR_CSV_INVALID')
    expect(codeOf(() => checkHeader(['learner.name'], undefined))).toBe('ERR_CSV_INVALID')
  })

  it('accepts a header with only learner columns when the course file supplies the rest', () => {
    const base = courseToBase(COURSE)
    expect(checkHeader(['learner.name', 'grade'], base).map((c) => c.name)).toEqual(['learner.name', 'grade'])
  })

  it('names the column of a cell that is not a number', () => {
    const base = { achievement: COURSE }
    const columns = checkHeader(['learner.name', 'achievement.ects', 'achievement.eqfLevel'], base)
    const r = rowToInput(['Jana', 'five', '6.5'], columns, base)
    expect(r).toEqual({ errors: ['column "achievement.ects": "five" is not a number (write e.g. 5 or 2.5)', 'column "achievement.eqfLevel": "6.5" is not a whole number'] })
  })

  it('reads a decimal comma, lets cells override the course and keeps the course value for empty cells', () => {
    const base = courseToBase({ achievement: { ...COURSE, title: 'Course', ects: 4, grading: { name: 'g', type: 'Status' } } })
    const columns = checkHeader(['learner.name', 'achievement.ects', 'achievement.title', 'achievement.grading.requiredValue'], base)
    const r = rowToInput(['Jana', '2,5', '', 'passed'], columns, base)
    expect(r).toEqual({
      input: { learner: { name: 'Jana' }, achievement: { ...COURSE, title: 'Course', ects: 2.5, grading: { name: 'g', type: 'Status', requiredValue: 'passed' } } },
      rowKey: 'Jana/Course',
    })
    expect((base['achievement'] as { ects: number }).ects).toBe(4)
  })

  it('splits lists on | and line breaks, keeping \\| literal', () => {
    expect(splitList('a | b\nc|| d\\|e ')).toEqual(['a', 'b', 'c', 'd|e'])
  })

  it('takes object lists as "Name <link>" items or as a JSON array', () => {
    const base = { achievement: COURSE }
    const columns = checkHeader(['learner.name', 'achievement.qualityAssurance', 'achievement.awardingBodies'], base)
    const r = rowToInput(['J', 'NAÚ <https://www.nauvs.cz/>|Internal', '[{"id":"did:web:b.example","name":"B","country":"SK"}]'], columns, base)
    expect(r).toMatchObject({
      input: {
        achievement: {
          qualityAssurance: [{ name: 'NAÚ', url: 'https://www.nauvs.cz/' }, { name: 'Internal' }],
          awardingBodies: [{ id: 'did:web:b.example', name: 'B', country: 'SK' }],
        },
      },
    })
  })

  it('derives the row key from the student number (then e-mail, DID, name) and the course', () => {
    expect(defaultRowKey({ learner: { name: 'N', email: 'e@x', studentId: 'S1' }, achievement: { humanCode: 'C1', title: 'T' } })).toBe('S1/C1')
    expect(defaultRowKey({ learner: { name: 'N' }, achievement: { title: 'T' } })).toBe('N/T')
  })
})
