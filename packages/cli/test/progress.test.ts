import { describe, expect, it } from 'vitest'
import { formatSeconds, ProgressBar } from '../src/lib/progress.js'

function sink(isTTY: boolean): { write(t: string): void; isTTY: boolean; columns: number; text: string } {
  return { isTTY, columns: 120, text: '', write(t: string) { this.text += t } }
}

describe('ProgressBar', () => {
  it('draws count, percentage, rate and ETA on a terminal, and clears the line when done', () => {
    const out = sink(true)
    const bar = new ProgressBar(out, 'issuing')
    bar.update(500, 0.25, true)
    expect(out.text).toMatch(/^\rissuing █{6}░{18}  25%  500 rows  [\d,]+\/s  ETA \d+(m\d\ds|s)\x1b\[K$/)
    bar.done()
    expect(out.text.endsWith('\r\x1b[K')).toBe(true)
  })

  it('writes nothing when stderr is not a terminal', () => {
    const out = sink(false)
    const bar = new ProgressBar(out, 'issuing')
    bar.update(10, 0.5, true)
    bar.done()
    expect(out.text).toBe('')
  })

  it('redraws at most every 100 ms unless forced', () => {
    const out = sink(true)
    const bar = new ProgressBar(out, 'x')
    bar.update(1, 0.1, true)
    const once = out.text
    bar.update(2, 0.2)
    expect(out.text).toBe(once)
  })

  it('formats seconds as s or m:ss', () => {
    expect(formatSeconds(5.4)).toBe('5s')
    expect(formatSeconds(125)).toBe('2m05s')
    expect(formatSeconds(Infinity)).toBe('--')
  })
})
