import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvField } from '../src/lib/csv-columns.js'
import { readCsv, type CsvRecord } from '../src/lib/csv.js'

async function all(chunks: string[] | string, opts = {}): Promise<CsvRecord[]> {
  const out: CsvRecord[] = []
  for await (const r of readCsv(typeof chunks === 'string' ? [chunks] : chunks, opts)) out.push(r)
  return out
}

async function failure(chunks: string[] | string, opts = {}): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await all(chunks, opts)
  } catch (e) {
    return e as { code?: string; message: string }
  }
  throw new Error('expected ERR_CSV_INVALID')
}

describe('readCsv', () => {
  it('reads plain records with their line numbers', async () => {
    const r = await all('a,b\n1,2\n3,4\n')
    expect(r.map((x) => x.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']])
    expect(r.map((x) => x.line)).toEqual([1, 2, 3])
  })

  it('strips a BOM and reads CRLF line ends', async () => {
    const r = await all('\uFEFFname,x\r\nJana Dvořáková,1\r\n')
    expect(r.map((x) => x.fields)).toEqual([['name', 'x'], ['Jana Dvořáková', '1']])
  })

  it('reads quoted fields holding commas, doubled quotes and newlines, counting physical lines', async () => {
    const r = await all('a,b\n"x, y","say ""hi"""\n"multi\r\nline",z\nlast,1')
    expect(r.map((x) => x.fields)).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', 'z'], ['last', '1']])
    expect(r.map((x) => x.line)).toEqual([1, 2, 3, 5])
  })

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = '\uFEFFa,b\r\n"q""x","a\r\nb"\r\n"",plain\r\n"end"""\r\n'
    const whole = await all(text)
    for (let size = 1; size <= 5; size++) {
      const chunks: string[] = []
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
      expect(await all(chunks)).toEqual(whole)
    }
    expect(whole.map((x) => x.fields)).toEqual([['a', 'b'], ['q"x', 'a\nb'], ['', 'plain'], ['end"']])
  })

  it('detects a semicolon delimiter from the header', async () => {
    const r = await all('a;b\r\n"1;2";x\r\n')
    expect(r.map((x) => x.fields)).toEqual([['a', 'b'], ['1;2', 'x']])
  })

  it('skips blank lines', async () => {
    const r = await all('a,b\n\n1,2\n\n')
    expect(r.map((x) => x.fields)).toEqual([['a', 'b'], ['1', '2']])
  })

  it('reports a stray quote in an unquoted field on that row and goes on', async () => {
    const r = await all('a,b\nJan "Honza" Novák,1\nok,2\n')
    expect(r[1]!.error).toMatch(/stray quote/)
    expect(r[1]!.line).toBe(2)
    expect(r[2]).toEqual({ fields: ['ok', '2'], line: 3 })
  })

  it('reports text after a closing quote on that row', async () => {
    const r = await all('a,b\n"x"y,1\n')
    expect(r[1]!.error).toMatch(/after the closing quote/)
  })

  it('throws ERR_CSV_INVALID for an unterminated quote, with the line it opened on', async () => {
    const e = await failure('a,b\n1,2\n"open,3\nmore\n')
    expect(e.code).toBe('ERR_CSV_INVALID')
    expect(e.details?.['line']).toBe(3)
  })

  it('throws ERR_CSV_INVALID for binary data', async () => {
    const e = await failure('a,b\n1,\u0000\u0001\n')
    expect(e.code).toBe('ERR_CSV_INVALID')
    expect(e.message).toMatch(/line 2: binary data/)
  })

  it('throws ERR_CSV_INVALID for text that was not UTF-8', async () => {
    const e = await failure('name\nJana Dvo\uFFFD\uFFFDkov\uFFFD\n')
    expect(e.code).toBe('ERR_CSV_INVALID')
    expect(e.message).toMatch(/not UTF-8/)
  })

  it('throws ERR_CSV_INVALID for a field over the cap', async () => {
    const e = await failure(['a\n', 'x'.repeat(5000), 'y'.repeat(5000)], { maxFieldChars: 8000 })
    expect(e.code).toBe('ERR_CSV_INVALID')
    expect(e.message).toMatch(/longer than 8000/)
  })

  it('throws ERR_CSV_INVALID within the first megabyte of 10 MB of printable junk', async () => {
    let produced = 0
    async function* junk(): AsyncGenerator<string> {
      const block = 'lorem ipsum,dolor;"sit" amet '.repeat(2200)
      while (produced < 10 * 1024 * 1024) {
        produced += block.length
        yield block
      }
    }
    const started = performance.now()
    let err: { code?: string } | undefined
    try {
      for await (const _ of readCsv(junk())) {
        // drain
      }
    } catch (e) {
      err = e as { code?: string }
    }
    expect(err?.code).toBe('ERR_CSV_INVALID')
    expect(produced).toBeLessThan(2 * 1024 * 1024)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('reads back any table written with csvField, however it is chunked (property)', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ř', ',', ';', '"', '\n', '\r\n', ' ', '|', 'Ω'), maxLength: 8 })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 })),
        fc.integer({ min: 1, max: 7 }),
        async (rows, size) => {
          // A header without quotes or delimiters, as a real file has; the body is arbitrary.
          const header = rows[0]!.map((_, i) => `c${i}`)
          const text = [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')
          const chunks: string[] = []
          for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
          const got = (await all(chunks)).map((r) => r.fields)
          const expected = [header, ...rows]
            .map((r) => r.map((f) => f.replaceAll('\r\n', '\n')))
            .filter((r) => !(r.length === 1 && r[0] === ''))
          expect(got).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('streams 100,000 rows in flat memory', async () => {
    const row = 'Jana Dvořáková,jana.dvorakova@example.cz,"Selects a method|Evaluates a model, with validation",5,6\r\n'
    async function* rows(n: number): AsyncGenerator<string> {
      yield 'learner.name,learner.email,achievement.learningOutcomes,achievement.ects,achievement.eqfLevel\r\n'
      for (let i = 0; i < n; i += 500) yield row.repeat(500)
    }
    const peakGrowth = async (n: number): Promise<number> => {
      const base = process.memoryUsage().heapUsed
      let peak = 0
      let count = 0
      let wrong = 0
      for await (const r of readCsv(rows(n))) {
        if (++count % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base)
        if (r.fields.length !== 5 || r.error !== undefined) wrong++
      }
      expect(count).toBe(n + 1)
      expect(wrong).toBe(0)
      return peak
    }
    await peakGrowth(1000)
    expect(await peakGrowth(100_000)).toBeLessThan(48 * 1024 * 1024)
  }, 30_000)

  it('goes on with the next line after a bad closing quote, reporting the bad row only', async () => {
    const r = await all('a,b\n"x"y,1\nok,2\n"multi\nline",3\nJan "H" N,4\nlast,5')
    expect(r.map((x) => [x.line, x.error === undefined ? x.fields : 'error'])).toEqual([
      [1, ['a', 'b']],
      [2, 'error'],
      [3, ['ok', '2']],
      [4, ['multi\nline', '3']],
      [6, 'error'],
      [7, ['last', '5']],
    ])
    expect(r[1]!.error).toMatch(/after the closing quote of field 1/)
    expect(r[4]!.error).toMatch(/stray quote \(\"\) in an unquoted field 1/)
  })

  it('reads mixed and old-Mac (CR) line ends, counting lines the same way', async () => {
    const r = await all(['a,b\r', '\n1,2\r3,4\n\n5,6\r'])
    expect(r.map((x) => [x.line, x.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [5, ['5', '6']],
    ])
  })

  it('reports the line of a bad row split across chunks and goes on', async () => {
    const text = 'a,b\n1,2\n"x"y,1\nok,2\n'
    for (let size = 1; size <= 6; size++) {
      const chunks: string[] = []
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
      const r = await all(chunks)
      expect(r.map((x) => [x.line, x.error === undefined ? x.fields : 'error']), `chunks of ${size}`).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, 'error'],
        [4, ['ok', '2']],
      ])
    }
  })

  it('reads a Node stream of Buffers', async () => {
    const stream = Readable.from([Buffer.from('a,b\n'), Buffer.from('č,ř\n')])
    const out: string[][] = []
    for await (const r of readCsv(stream)) out.push(r.fields)
    expect(out).toEqual([['a', 'b'], ['č', 'ř']])
  })
})
