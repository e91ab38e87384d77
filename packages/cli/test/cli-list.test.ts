// `microcert list` (what the registrar exports), Data Integrity issuers, and input the store refuses.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DATA, jsonLines, microcert, tempDir } from './helpers/run.js'

let dir: string
let store: string
const ISSUER = ['--did', 'did:web:uni.example', '--name', 'Test University', '--country', 'CZ', '--url', 'https://uni.example']

beforeAll(async () => {
  dir = await tempDir()
  store = join(dir, 'issuer')
  expect((await microcert(['init', store, ...ISSUER])).code).toBe(0)
  // Names that a spreadsheet would run as formulas, and a row key that starts with "-".
  await writeFile(
    join(dir, 'hostile.csv'),
    'learner.name,learner.studentId,rowKey\n' + '"=HYPERLINK(""http://evil.example"",""x"")",S1,r1\n' + '@SUM(A1),S2,-r2\n' + '"Novák, Jan",S3,r3\n',
  )
  for (const [csv, course] of [
    [join(dir, 'hostile.csv'), join(DATA, 'courses', 'plastics.json')],
    [join(DATA, 'learners', 'applied-ai.csv'), join(DATA, 'courses', 'applied-ai.json')],
  ] as const) {
    const r = await microcert(['issue', store, '--csv', csv, '--achievement', course])
    expect(r.code, r.stderr).toBe(0)
  }
}, 60_000)

describe('microcert list', () => {
  it('exports CSV a spreadsheet opens safely: BOM, header, formulas neutralised, commas quoted', async () => {
    const r = await microcert(['list', store, '--csv'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.startsWith('\uFEFFcertificateId,learner,course,issuedOn,state,rowKey,courseId,credentialId\r\n')).toBe(true)
    const lines = r.stdout.slice(1).split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(1 + 3 + 12)
    const hostile = lines.slice(1, 4)
    expect(hostile[0]).toMatch(/^MC-[0-9A-Z-]+,"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)",/)
    expect(hostile[1]).toMatch(/^MC-[0-9A-Z-]+,'@SUM\(A1\),/)
    expect(hostile[1]).toContain(",'-r2,")
    expect(hostile[2]).toContain(',"Novák, Jan",')
  }, 30_000)

  it('streams JSON lines with the date a person reads as "issued on", and filters by state and by course id or title', async () => {
    const all = jsonLines((await microcert(['list', store, '--json'])).stdout)
    expect(all).toHaveLength(15)
    const jana = all.find((row) => row['learner'] === 'Jana Dvořáková')!
    expect(jana).toMatchObject({ course: 'Applied Artificial Intelligence for Technical Innovation', issuedOn: '2026-06-19T10:00:00+02:00', state: 'active' })
    const revoke = await microcert(['revoke', store, String(jana['certificateId'])])
    expect(revoke.code, revoke.stderr).toBe(0)
    expect(jsonLines((await microcert(['list', store, '--json', '--state', 'revoked'])).stdout).map((row) => row['certificateId'])).toEqual([jana['certificateId']])
    const byTitle = jsonLines((await microcert(['list', store, '--json', '--course', 'applied artificial intelligence for technical innovation'])).stdout)
    expect(byTitle).toHaveLength(12)
    const byId = jsonLines((await microcert(['list', store, '--json', '--course', String(jana['courseId']), '--state', 'active'])).stdout)
    expect(byId).toHaveLength(11)
    const table = await microcert(['list', store, '--state', 'revoked'])
    expect(table.stdout).toContain(`${String(jana['certificateId'])}  2026-06-19  revoked    Jana Dvořáková — Applied Artificial Intelligence`)
    expect(table.stderr).toContain('1 credential revoked')
    const bad = await microcert(['list', store, '--state', 'lost'])
    expect(bad.code).toBe(2)
  }, 60_000)
})

describe('Data Integrity issuers (microcert init --proof eddsa-rdfc-2022)', () => {
  it('issues JSON credentials with an eddsa-rdfc-2022 proof and publishes them as credentials/<ID>.json', async () => {
    const di = join(dir, 'di-issuer')
    const init = await microcert(['init', di, '--proof', 'eddsa-rdfc-2022', ...ISSUER])
    expect(init.code, init.stderr).toBe(0)
    expect(init.stdout).toContain('(EdDSA, private key file mode 0600); proof: eddsa-rdfc-2022')
    const issued = await microcert(['issue', di, '--csv', join(DATA, 'learners', 'plastics.csv'), '--achievement', join(DATA, 'courses', 'plastics.json'), '--json'])
    expect(issued.code, issued.stderr).toBe(0)
    const rows = jsonLines(issued.stdout)
    expect(rows[0]).toMatchObject({ status: 'issued', issuedOn: expect.stringMatching(/^2026-/) })
    const site = join(dir, 'di-site')
    expect((await microcert(['publish', di, '--out', site])).code).toBe(0)
    const files = await readdir(join(site, 'credentials'))
    expect(files).toContain(`${String(rows[0]!['certificateId'])}.json`)
    const credential = JSON.parse(await readFile(join(site, 'credentials', `${String(rows[0]!['certificateId'])}.json`), 'utf8')) as { proof: unknown[] }
    expect(credential.proof).toMatchObject([{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }])
  }, 60_000)

  it('says clearly that eddsa-rdfc-2022 needs an Ed25519 key (usage error, exit 2)', async () => {
    const r = await microcert(['init', join(dir, 'p256-di'), '--proof', 'eddsa-rdfc-2022', '--alg', 'ES256', ...ISSUER])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--proof eddsa-rdfc-2022 signs with an Ed25519 key')
  }, 30_000)
})

describe('microcert issue --input', () => {
  it('refuses an "issuer" field like any other unknown field (ERR_INPUT_INVALID, exit 1)', async () => {
    const input = JSON.parse(await readFile(join(DATA, 'single-credential.json'), 'utf8')) as Record<string, unknown>
    await writeFile(join(dir, 'with-issuer.json'), JSON.stringify({ ...input, issuer: { id: 'did:web:evil.example', name: 'Evil', country: 'CZ' } }))
    const r = await microcert(['issue', store, '--input', join(dir, 'with-issuer.json')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/issuer: unknown field.*\(ERR_INPUT_INVALID\)/)
  }, 30_000)
})
