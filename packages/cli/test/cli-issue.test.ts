import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvField } from '../src/lib/csv-columns.js'
import { DATA, jsonLines, microcert, tempDir } from './helpers/run.js'

const INIT = ['--did', 'did:web:localhost%3A9', '--name', 'Test University', '--country', 'CZ', '--url', 'http://localhost:9']

async function newIssuer(): Promise<{ dir: string; store: string }> {
  const dir = await tempDir()
  const store = join(dir, 'issuer')
  const r = await microcert(['init', store, ...INIT])
  expect(r.code, r.stderr).toBe(0)
  return { dir, store }
}

/** A template-based row with some cells replaced. */
function row(cells: Record<string, string>): string {
  return CSV_COLUMNS.map((c) => csvField(cells[c.name] ?? c.example)).join(',')
}

describe('microcert init', () => {
  it('creates an issuer and refuses to overwrite it (ERR_STORE_EXISTS, exit 1)', async () => {
    const { store } = await newIssuer()
    const again = await microcert(['init', store, ...INIT])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/ERR_STORE_EXISTS/)
  }, 30_000)

  it('exits 2 when a required option is missing or --alg is unknown', async () => {
    const dir = await tempDir()
    expect((await microcert(['init', dir, '--did', 'did:web:x.example'])).code).toBe(2)
    expect((await microcert(['init', join(dir, 'i'), ...INIT, '--alg', 'RS256'])).code).toBe(2)
  }, 30_000)
})

describe('microcert issue', () => {
  let store: string
  let dir: string
  beforeAll(async () => {
    ;({ store, dir } = await newIssuer())
  }, 30_000)

  it('round-trips the CSV template: the printed template issues one credential', async () => {
    const template = await microcert(['issue', '--template'])
    expect(template.code).toBe(0)
    expect(template.stdout.split('\r\n')[0]).toBe(CSV_COLUMNS.map((c) => c.name).join(','))
    const file = join(dir, 'template.csv')
    await writeFile(file, template.stdout)
    const r = await microcert(['issue', store, '--csv', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const lines = jsonLines(r.stdout)
    expect(lines).toHaveLength(1)
    expect(lines[0]!['certificateId']).toMatch(/^MC-/)
    expect(lines[0]).toMatchObject({ line: 2, status: 'issued', learner: 'Jana Dvořáková' })
    expect(lines[0]!['credentialId']).toBe(`http://localhost:9/credentials/${String(lines[0]!['certificateId'])}`)
  }, 30_000)

  it('issues a sample course from CSV + course file, and skips every row on a re-run', async () => {
    const args = ['issue', store, '--csv', join(DATA, 'learners', 'applied-ai.csv'), '--achievement', join(DATA, 'courses', 'applied-ai.json')]
    const first = await microcert([...args, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const issued = jsonLines(first.stdout)
    expect(issued).toHaveLength(12)
    expect(issued.every((l) => l['status'] === 'issued')).toBe(true)
    // "Issued on" is the awarding date when the row gives one (awardedAt), as the widget shows it.
    expect(issued[0]).toMatchObject({ line: 2, learner: 'Jana Dvořáková', issuedOn: '2026-06-19T10:00:00+02:00' })
    expect(first.stderr).toMatch(/issued 12, skipped 0 \(already issued\), failed 0/)
    const again = await microcert(args)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/issued 0, skipped 12 \(already issued\), failed 0/)
    // A re-run names the credentials already issued, row by row, with the same IDs.
    const third = await microcert([...args, '--json'])
    const skipped = jsonLines(third.stdout)
    expect(skipped.map((l) => l['status'])).toEqual(issued.map(() => 'skipped'))
    expect(skipped.map((l) => [l['line'], l['rowKey'], l['certificateId'], l['learner']])).toEqual(issued.map((l) => [l['line'], l['rowKey'], l['certificateId'], l['learner']]))
  }, 30_000)

  it('reads a semicolon-separated CSV with a BOM and CRLF line ends', async () => {
    const r = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'programming-basics.csv'), '--achievement', join(DATA, 'courses', 'programming-basics.json')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/issued 10, skipped 0/)
  }, 30_000)

  it('issues one credential from --input JSON', async () => {
    const r = await microcert(['issue', store, '--input', join(DATA, 'single-credential.json'), '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(jsonLines(r.stdout)[0]!['certificateId']).toMatch(/^MC-/)
    expect(jsonLines(r.stdout)[0]).toMatchObject({ item: 1, status: 'issued' })
    const again = await microcert(['issue', store, '--input', join(DATA, 'single-credential.json'), '--json'])
    expect(jsonLines(again.stdout)[0]).toMatchObject({ item: 1, status: 'skipped', certificateId: jsonLines(r.stdout)[0]!['certificateId'] })
  }, 30_000)

  it('lists every problem of an invalid --input file (ERR_INPUT_INVALID, exit 1)', async () => {
    const file = join(dir, 'invalid.json')
    const good = JSON.parse(await readFile(join(DATA, 'single-credential.json'), 'utf8')) as { achievement: Record<string, unknown> }
    await writeFile(file, JSON.stringify({ ...good, achievement: { ...good.achievement, ects: 0, learningOutcomes: [] } }))
    const r = await microcert(['issue', store, '--input', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/\(ERR_INPUT_INVALID\)\n/)
    expect(r.stderr).toMatch(/^ {2}- achievement\.ects: /m)
    expect(r.stderr).toMatch(/^ {2}- achievement\.learningOutcomes: /m)
    expect(r.stderr).toMatch(/^hint: /m)
  }, 30_000)

  it('reports bad rows by line and column, issues every good row, with a BOM and CRLF', async () => {
    const header = CSV_COLUMNS.map((c) => c.name).join(',')
    const lines = [
      row({ rowKey: 'good-1' }), //                                          line 2
      row({ rowKey: 'no-outcomes', 'achievement.learningOutcomes': '' }), // line 3
      row({ rowKey: 'ects-five', 'achievement.ects': 'five' }), //           line 4
      row({ rowKey: 'eqf-11', 'achievement.eqfLevel': '11' }), //            line 5
      row({ rowKey: 'good-2', 'learner.name': 'Łukasz Wójcik' }), //          line 6
      row({ rowKey: 'comma' }).replace('Jana Dvořáková', 'Dvořáková, Jana'), // line 7: unquoted comma
      row({ rowKey: 'good-3', 'learner.name': 'Ευαγγελία Παπαδοπούλου' }), // line 8
    ]
    const file = join(dir, 'bad.csv')
    await writeFile(file, `\uFEFF${header}\r\n${lines.join('\r\n')}\r\n`)
    const r = await microcert(['issue', store, '--csv', file, '--json'])
    expect(r.code).toBe(1)
    // One line per row, in file order, failed rows included with their code and problems.
    const out = jsonLines(r.stdout)
    expect(out.map((l) => [l['line'], l['status'], l['code']])).toEqual([
      [2, 'issued', undefined],
      [3, 'failed', 'ERR_INPUT_INVALID'],
      [4, 'failed', 'ERR_INPUT_INVALID'],
      [5, 'failed', 'ERR_INPUT_INVALID'],
      [6, 'issued', undefined],
      [7, 'failed', 'ERR_CSV_INVALID'],
      [8, 'issued', undefined],
    ])
    expect(out[1]).toMatchObject({ rowKey: 'no-outcomes', learner: 'Jana Dvořáková' })
    expect(out[1]!['issues']).toEqual([expect.stringMatching(/^achievement\.learningOutcomes: /)])
    expect(out[4]).toMatchObject({ rowKey: 'good-2', learner: 'Łukasz Wójcik' })
    expect(r.stderr).toMatch(/issued 3, skipped 0 \(already issued\), failed 4/)
    expect(r.stderr).toMatch(/^line 3: achievement\.learningOutcomes: .* \(ERR_INPUT_INVALID\)$/m)
    expect(r.stderr).toMatch(/^line 4: column "achievement\.ects": "five" is not a number .*\(ERR_INPUT_INVALID\)$/m)
    expect(r.stderr).toMatch(/^line 5: achievement\.eqfLevel: .*(EQF|1 to 8).*\(ERR_INPUT_INVALID\)$/m)
    expect(r.stderr).toMatch(/^line 7: the row has \d+ fields, the header has \d+ \(an unquoted comma\?.*\(ERR_CSV_INVALID\)$/m)

    // --atomic: the same file issues nothing.
    const { store: other } = await newIssuer()
    const atomic = await microcert(['issue', other, '--csv', file, '--atomic'])
    expect(atomic.code).toBe(1)
    expect(atomic.stderr).toMatch(/--atomic: nothing was issued/)
    const fixed = join(dir, 'fixed.csv')
    await writeFile(fixed, `${header}\n${[lines[0], lines[4], lines[6]].join('\n')}\n`)
    const after = await microcert(['issue', other, '--csv', fixed, '--atomic'])
    expect(after.code, after.stderr).toBe(0)
    expect(after.stdout).toMatch(/issued 3, skipped 0/)
  }, 60_000)

  it('prints a row whose row key repeats an earlier row of the file as skipped, with the same credential', async () => {
    const header = CSV_COLUMNS.map((c) => c.name).join(',')
    const file = join(dir, 'twice.csv')
    await writeFile(file, `${header}\n${row({ rowKey: 'twice' })}\n${row({ rowKey: 'twice' })}\n`)
    const r = await microcert(['issue', store, '--csv', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [first, second] = jsonLines(r.stdout)
    expect(first).toMatchObject({ line: 2, rowKey: 'twice', status: 'issued' })
    expect(second).toMatchObject({ line: 3, rowKey: 'twice', status: 'skipped', certificateId: first!['certificateId'] })
  }, 30_000)

  it('--atomic --json prints the failed rows and issues nothing', async () => {
    const header = CSV_COLUMNS.map((c) => c.name).join(',')
    const file = join(dir, 'atomic.csv')
    await writeFile(file, `${header}\n${row({ rowKey: 'a-1' })}\n${row({ rowKey: 'a-2', 'achievement.ects': 'x' })}\n`)
    const { store: other } = await newIssuer()
    const r = await microcert(['issue', other, '--csv', file, '--atomic', '--json'])
    expect(r.code).toBe(1)
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ line: 3, rowKey: 'a-2', status: 'failed', code: 'ERR_INPUT_INVALID' })])
  }, 30_000)

  it('stops at once on 10 MB of junk with ERR_CSV_INVALID and issues nothing', async () => {
    const file = join(dir, 'junk.csv')
    const bytes = Buffer.alloc(10 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24
    await writeFile(file, bytes)
    const started = performance.now()
    const r = await microcert(['issue', store, '--csv', file, '--achievement', join(DATA, 'courses', 'plastics.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: line 1: .*\(ERR_CSV_INVALID\)\nhint: /)
    expect(performance.now() - started).toBeLessThan(10_000)
    const text = join(dir, 'junk.txt')
    await writeFile(text, 'lorem ipsum dolor sit amet '.repeat(400_000))
    const r2 = await microcert(['issue', store, '--csv', text, '--achievement', join(DATA, 'courses', 'plastics.json')])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toMatch(/ERR_CSV_INVALID/)
  }, 30_000)

  it('rejects an unknown column naming the right one', async () => {
    const file = join(dir, 'typo.csv')
    await writeFile(file, 'learner.name,learner.emial\nJana,j@example.cz\n')
    const r = await microcert(['issue', store, '--csv', file, '--achievement', join(DATA, 'courses', 'plastics.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/unknown column "learner.emial" \(did you mean "learner.email"\?\) \(ERR_CSV_INVALID\)/)
  }, 30_000)

  it('exits 2 without --input or --csv, and 1 for a course file that is not JSON', async () => {
    expect((await microcert(['issue', store])).code).toBe(2)
    const bad = join(dir, 'bad.json')
    await writeFile(bad, '{ not json')
    const r = await microcert(['issue', store, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', bad])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/ERR_JSON_MALFORMED/)
    expect(await readFile(bad, 'utf8')).toBe('{ not json')
  }, 30_000)
})
