import { describe, expect, it } from 'vitest'
import { formatSeconds, ProgressBar } from '../src/lib/progress.js'

function sink(isTTY: boolean): { write(t: string): void; isTTY: boolean; columns: number; text: string } {
  return { isTTY, columns: 120, text: '', write(t: string) { this.text += t } }
}

/** A clock the test moves by hand. */
function clock(): { now: () => number; advance(ms: number): void } {
  let t = 0
  return { now: () => t, advance: (ms) => (t += ms) }
}

describe('ProgressBar', () => {
  it('draws count, percentage, rate and ETA on a terminal, and clears the line when done', () => {
    const out = sink(true)
    const bar = new ProgressBar(out, 'issuing')
    bar.update({ done: 500, fraction: 0.25 }, true)
    expect(out.text).toMatch(/^\rissuing █{6}░{18}  25%  500 rows  [\d,]+\/s  ETA \d+(m\d\ds|s)\x1b\[K$/)
    bar.done()
    expect(out.text.endsWith('\r\x1b[K')).toBe(true)
  })

  it('shows failed rows on the bar', () => {
    const out = sink(true)
    new ProgressBar(out, 'issuing').update({ done: 1200, fraction: 0.3, failed: 3 }, true)
    expect(out.text).toMatch(/ 1,200 rows, 3 failed /)
  })

  it('prints a plain line every few seconds when stderr is not a terminal, and no escape codes', () => {
    const out = sink(false)
    const time = clock()
    const bar = new ProgressBar(out, 'issuing', { now: time.now, lineIntervalMs: 5000 })
    bar.update({ done: 10, fraction: 0.01, total: 5000 })
    expect(out.text).toBe('')
    time.advance(5000)
    bar.update({ done: 1200, fraction: 0.24, failed: 3, total: 5000, exact: true })
    expect(out.text).toBe('issuing: 1,200/5,000 rows, 3 failed\n')
    time.advance(1000)
    bar.update({ done: 1300, fraction: 0.26, failed: 3, total: 5000, exact: true })
    expect(out.text.split('\n')).toHaveLength(2)
    time.advance(4000)
    bar.update({ done: 2500, fraction: 0.5, total: 5000 })
    bar.done()
    expect(out.text).toBe('issuing: 1,200/5,000 rows, 3 failed\nissuing: 2,500/5,000 rows, 3 failed\n')
  })

  it('marks an estimated total with ~ until it is exact', () => {
    const out = sink(false)
    const time = clock()
    const bar = new ProgressBar(out, 'issuing', { now: time.now, lineIntervalMs: 1000 })
    time.advance(1000)
    bar.update({ done: 800, fraction: 0.2, total: 4100 })
    expect(out.text).toBe('issuing: 800/~4,100 rows\n')
  })

  it('never goes backwards: count, failures and percentage only grow', () => {
    const out = sink(true)
    const time = clock()
    const bar = new ProgressBar(out, 'issuing', { now: time.now })
    bar.update({ done: 600, fraction: 0.6, failed: 2 }, true)
    bar.update({ done: 500, fraction: 0.4, failed: 1 }, true)
    const last = out.text.split('\r').pop()!
    expect(last).toMatch(/ 60%  600 rows, 2 failed /)
    const plain = sink(false)
    const lines = new ProgressBar(plain, 'issuing', { now: time.now, lineIntervalMs: 10 })
    time.advance(10)
    lines.update({ done: 900, fraction: 0.9, total: 1000 })
    time.advance(10)
    lines.update({ done: 700, fraction: 0.7, total: 800 })
    expect(plain.text).toBe('issuing: 900/~1,000 rows\nissuing: 900/~900 rows\n')
  })

  it('redraws at most every 100 ms unless forced', () => {
    const out = sink(true)
    const bar = new ProgressBar(out, 'x')
    bar.update({ done: 1, fraction: 0.1 }, true)
    const once = out.text
    bar.update({ done: 2, fraction: 0.2 })
    expect(out.text).toBe(once)
  })

  it('formats seconds as s or m:ss', () => {
    expect(formatSeconds(5.4)).toBe('5s')
    expect(formatSeconds(125)).toBe('2m05s')
    expect(formatSeconds(Infinity)).toBe('--')
  })
})
